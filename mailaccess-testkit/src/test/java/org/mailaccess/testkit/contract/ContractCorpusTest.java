package org.mailaccess.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.mailaccess.MessageHeaders;

class ContractCorpusTest {

    @Test
    void everyMessageIsTheSameOnEveryCall() {
        List<CorpusMessage> first = ContractCorpus.small();
        assertThat(ContractCorpus.small()).isEqualTo(first);
        assertThat(ContractCorpus.largeAttachment()).isSameAs(ContractCorpus.largeAttachment());
    }

    @Test
    void everyLineEndsWithCrlfAndTheFactsMatchTheHeaders() {
        for (CorpusMessage m : allMessages()) {
            byte[] b = m.bytes();
            for (int i = 0; i < b.length; i++) {
                if (b[i] == '\n') {
                    assertThat(i).as("bare LF in %s", m.name()).isPositive();
                    assertThat(b[i - 1]).as("bare LF in %s at %d", m.name(), i).isEqualTo((byte) '\r');
                }
                if (b[i] == '\r') {
                    assertThat(i + 1 < b.length && b[i + 1] == '\n').as("bare CR in %s", m.name()).isTrue();
                }
            }
            assertThat(m.text()).endsWith("\r\n");
            MessageHeaders headers = MessageHeaders.parse(b);
            assertThat(headers.subject()).as(m.name()).contains(m.subject());
            assertThat(headers.messageId()).contains(m.messageId());
            assertThat(headers.from()).extracting(a -> a.address()).containsExactly(m.from());
            assertThat(headers.date()).isPresent();
        }
    }

    @Test
    void theCorpusHasWhatTheContractNeeds() throws Exception {
        assertThat(ContractCorpus.encodedWords().text()).contains("=?UTF-8?").doesNotContain("Grüße");
        assertThat(ContractCorpus.utf8Headers().text()).contains("Subject: Ünïcödé raw UTF-8 – Привет\r\n");
        assertThat(ContractCorpus.dotLines().text()).contains("\r\n\r\n.\r\n..\r\n").endsWith("\r\n.\r\n");
        assertThat(ContractCorpus.largeAttachment().size()).isGreaterThan(ContractCorpus.LARGE_ATTACHMENT_BYTES);
        List<String> markers = allMessages().stream().map(CorpusMessage::bodyMarker).toList();
        assertThat(markers).doesNotHaveDuplicates();
        for (CorpusMessage m : allMessages()) {
            for (CorpusMessage other : allMessages()) {
                if (!other.name().equals(m.name())) {
                    assertThat(other.text()).as("%s mentions the marker of %s", other.name(), m.name())
                            .doesNotContain(m.bodyMarker());
                }
            }
        }
        MimeMessage multipart = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(ContractCorpus.multipart().bytes()));
        Multipart mixed = (Multipart) multipart.getContent();
        Part attachment = mixed.getBodyPart(1);
        assertThat(attachment.getFileName()).isEqualTo(ContractCorpus.MULTIPART_ATTACHMENT_NAME);
        assertThat(attachment.getInputStream().readAllBytes()).isEqualTo(ContractCorpus.multipartAttachment());
        assertThat(ContractCorpus.NON_ASCII_FOLDER_NAMES).allSatisfy(name ->
                assertThat(name).doesNotContain("/", ".", "*", "%").matches(".*[^\\x00-\\x7f].*"));
    }

    @Test
    void caseNamesListTheContractsTests() {
        assertThat(MailboxSessionContract.caseNames()).contains("streamsEachMessageByteExactAsDelivered",
                "watchReportsAMessageDeliveredByTheBackend").hasSizeGreaterThan(20);
    }

    private static List<CorpusMessage> allMessages() {
        List<CorpusMessage> all = new java.util.ArrayList<>(ContractCorpus.small());
        all.add(ContractCorpus.largeAttachment());
        return all;
    }
}
