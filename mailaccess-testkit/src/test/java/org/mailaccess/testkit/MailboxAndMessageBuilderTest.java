package org.mailaccess.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class MailboxAndMessageBuilderTest {

    @Test
    void builtMessagesUseCrlfAndCarryTheGivenHeaders() {
        String text = new String(MessageBuilder.message().from("a@example.test").to("b@example.test", "c@example.test")
                .subject("Hi").body("line one\nline two").header("X-Test", "yes")
                .date(ZonedDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC)).messageId("id-1@example.test")
                .build(), UTF_8);
        assertThat(text).contains("Date: Tue, 2 Jan 2024 03:04:05 GMT\r\n", "From: a@example.test\r\n",
                "To: b@example.test, c@example.test\r\n", "Subject: Hi\r\n", "Message-ID: <id-1@example.test>\r\n",
                "X-Test: yes\r\n").endsWith("\r\n\r\nline one\r\nline two\r\n");
        assertThat(text.replace("\r\n", "")).doesNotContain("\r", "\n");
    }

    @Test
    void nonAsciiSubjectsBecomeFoldedEncodedWordsThatDecodeBack() throws UnsupportedEncodingException {
        String subject = "Grüße aus Köln – ünïcödé everywhere, long enough to need several encoded words 😀";
        String text = new String(MessageBuilder.message().subject(subject).build(), UTF_8);
        String header = text.substring(text.indexOf("Subject: ") + 9, text.indexOf("\r\nMessage-ID"));
        assertThat(header).startsWith("=?UTF-8?B?").contains("\r\n =?UTF-8?B?");
        assertThat(header.split("\r\n")).allMatch(line -> line.length() <= 76);
        assertThat(MimeUtility.decodeText(MimeUtility.unfold(header))).isEqualTo(subject);
    }

    @Test
    void bodyOfSizeProducesExactlyThatManyBodyBytes() {
        for (int size : new int[] {0, 2, 3, 80, 81, 1_000_000}) {
            byte[] bytes = MessageBuilder.message().bodyOfSize(size).build();
            String text = new String(bytes, UTF_8);
            String body = text.substring(text.indexOf("\r\n\r\n") + 4);
            assertThat(body).hasSize(size);
            assertThat(body.isEmpty() || body.endsWith("\r\n")).isTrue();
        }
        assertThatThrownBy(() -> MessageBuilder.message().bodyOfSize(1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void headerValuesWithLineBreaksAreRejected() {
        assertThatThrownBy(() -> MessageBuilder.message().subject("a\r\nBcc: x@y"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void storedMessagesAreDefensiveCopies() {
        Mailbox mailbox = FakePop3Server.start().addUser("u", "p").mailbox("u");
        byte[] original = "Subject: a\r\n\r\nb\r\n".getBytes(UTF_8);
        StoredMessage stored = mailbox.deliver(original);
        original[0] = 'X';
        stored.bytes()[0] = 'Y';
        assertThat(stored.text()).startsWith("Subject");
        assertThat(stored.size()).isEqualTo(original.length);
    }

    @Test
    void stringsAreStoredWithTheirLineEndingsAsGiven() {
        try (FakePop3Server server = FakePop3Server.start().addUser("u", "p")) {
            StoredMessage stored = server.mailbox("u").deliver("Subject: ä\n\nbody\n");
            assertThat(stored.bytes()).isEqualTo("Subject: ä\n\nbody\n".getBytes(UTF_8));
        }
    }

    @Test
    void uidlsAreFreshUnlessGivenAndNeverReusedAfterClear() {
        try (FakePop3Server server = FakePop3Server.start().addUser("u", "p")) {
            Mailbox mailbox = server.mailbox("u");
            assertThat(mailbox.deliver("a").uidl()).isEqualTo("uid-1");
            assertThat(mailbox.deliver("a".getBytes(UTF_8), "dup").uidl()).isEqualTo("dup");
            assertThat(mailbox.deliver("a".getBytes(UTF_8), "dup").uidl()).isEqualTo("dup");
            mailbox.clear();
            assertThat(mailbox.messages()).isEmpty();
            assertThat(mailbox.deliver(MessageBuilder.message()).uidl()).isEqualTo("uid-2");
            assertThatThrownBy(() -> mailbox.deliver(new byte[0], "bad\r\nuid"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void mailboxOfAnUnknownUserIsAnError() {
        try (FakePop3Server server = FakePop3Server.start()) {
            assertThatThrownBy(() -> server.mailbox("nobody")).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
