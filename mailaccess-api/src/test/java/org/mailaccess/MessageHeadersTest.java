package org.mailaccess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import jakarta.mail.internet.MimeUtility;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MessageHeadersTest {

    private static MessageHeaders parse(String s) {
        return MessageHeaders.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesTheCommonFieldsAndDecodesEncodedWords() {
        MessageHeaders h = parse("From: =?UTF-8?B?SsO8cmdlbg==?= <j@example.org>\r\n"
                + "To: ann@example.org, \"Bob B\" <bob@example.org>\r\n"
                + "Cc: carol@example.org\r\n"
                + "Subject: =?ISO-8859-1?Q?Gr=FC=DFe?= aus\r\n"
                + " Berlin\r\n"
                + "Date: Tue, 3 Feb 2026 10:15:00 +0100\r\n"
                + "Message-ID: <abc@example.org>\r\n"
                + "\r\n"
                + "body text\r\n");

        assertThat(h.from()).singleElement().satisfies(a -> {
            assertThat(a.address()).isEqualTo("j@example.org");
            assertThat(a.displayName()).contains("Jürgen");
        });
        assertThat(h.to()).extracting(EmailAddress::address).containsExactly("ann@example.org", "bob@example.org");
        assertThat(h.cc()).extracting(EmailAddress::address).containsExactly("carol@example.org");
        assertThat(h.subject()).contains("Grüße aus Berlin");
        assertThat(h.date()).contains(Instant.parse("2026-02-03T09:15:00Z"));
        assertThat(h.messageId()).contains("<abc@example.org>");
    }

    @Test
    void keepsTheRawHeaderBytesAndStopsAtTheEmptyLine() {
        String header = "Subject: =?UTF-8?Q?x?=\r\nX-Custom: 1\r\n\r\n";
        MessageHeaders h = parse(header + "Subject: not a header\r\n");

        assertThat(new String(h.raw(), StandardCharsets.UTF_8)).isEqualTo(header);
        assertThat(h.all("subject")).containsExactly("x");
        assertThat(h.fields()).extracting(HeaderField::rawValue).containsExactly("=?UTF-8?Q?x?=", "1");
    }

    @Test
    void readsRaw8BitHeadersAsUtf8() {
        MessageHeaders h = parse("Subject: Café ☕\r\n\r\n");

        assertThat(h.subject()).contains("Café ☕");
    }

    @Test
    void leavesUnparsableAddressesAndDatesOutOfTheTypedAccessorsButKeepsTheField() {
        MessageHeaders h = parse("From: <<<broken\r\nDate: yesterday-ish\r\n\r\n");

        assertThat(h.from()).isEmpty();
        assertThat(h.date()).isEmpty();
        assertThat(h.first("From")).contains("<<<broken");
        assertThat(h.first("Date")).contains("yesterday-ish");
    }

    @Test
    void toleratesBareLfLineEndings() {
        MessageHeaders h = parse("Subject: lf only\nFrom: a@b.example\n\nbody");

        assertThat(h.subject()).contains("lf only");
        assertThat(h.from()).extracting(EmailAddress::address).containsExactly("a@b.example");
    }

    @Test
    void encodedSubjectsRoundTripThroughAngusEncoding() {
        // Printable code points below the surrogate range; outer and doubled spaces are not preserved by folding.
        qt().withExamples(300).forAll(strings().betweenCodePoints(0x20, 0x2FFF).ofLengthBetween(0, 60)
                .assuming(s -> s.equals(s.strip()) && !s.contains("  ") && !s.contains("=?")))
                .checkAssert(subject -> {
                    String encoded;
                    try {
                        encoded = MimeUtility.fold(9, MimeUtility.encodeText(subject, "UTF-8", "B"));
                    } catch (java.io.UnsupportedEncodingException e) {
                        throw new AssertionError(e);
                    }
                    MessageHeaders h = parse("Subject: " + encoded + "\r\n\r\n");
                    assertThat(h.subject().orElse("")).isEqualTo(subject);
                });
    }
}
