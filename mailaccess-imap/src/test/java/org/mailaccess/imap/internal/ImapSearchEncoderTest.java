package org.mailaccess.imap.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.imap.protocol.BASE64MailboxDecoder;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.junit.jupiter.api.Test;
import org.mailaccess.Flag;
import org.mailaccess.search.SearchQuery;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * Injection safety of everything we put on the wire (PITFALLS S4), checked on the exact bytes Angus writes: every
 * string argument parses back to the input byte for byte, and the bytes are exactly one command.
 */
class ImapSearchEncoderTest {

    @Test
    void criteriaAreEncodedAsRfc3501SearchKeys() {
        SearchQuery q = SearchQuery.and(SearchQuery.from("bob@example.org"), SearchQuery.unseen(),
                SearchQuery.since(LocalDate.of(2026, 1, 5)), SearchQuery.or(SearchQuery.larger(100),
                        SearchQuery.not(SearchQuery.and(SearchQuery.flagged(Flag.FLAGGED), SearchQuery.keyword("$X")))),
                SearchQuery.header("X-Spam", ""));
        List<String> tokens = WireParser.parse(wire("UID SEARCH", ImapSearchEncoder.encode(q).args()));
        assertThat(tokens.subList(1, tokens.size())).containsExactly("UID", "SEARCH", "FROM", "bob@example.org", "NOT", "SEEN", "SINCE",
                        "5-Jan-2026", "OR", "LARGER", "100", "NOT", "(", "FLAGGED", "KEYWORD", "$X", ")", "HEADER",
                        "X-Spam", "");
    }

    @Test
    void arbitrarySearchStringsRoundTripExactlyAndNeverSplitTheCommand() {
        qt().withExamples(400).forAll(strings()).checkAssert(s -> {
            ImapSearchEncoder.Encoded e = ImapSearchEncoder.encode(SearchQuery.subject(s));
            List<String> tokens = WireParser.parse(wire(e.needsCharset() ? "UID SEARCH CHARSET UTF-8" : "UID SEARCH",
                    e.args()));
            assertThat(tokens.get(tokens.size() - 1)).isEqualTo(s);
            assertThat(tokens.get(tokens.size() - 2)).isEqualTo("SUBJECT");
            assertThat(e.needsCharset()).isEqualTo(!s.chars().allMatch(c -> c < 0x80));
        });
    }

    @Test
    void arbitraryFolderNamesRoundTripThroughModifiedUtf7AndStayOneArgument() {
        IMAPProtocol p = protocol();
        qt().withExamples(400).forAll(strings()).checkAssert(name -> {
            Argument args = new Argument();
            MailboxNames.write(args, p, name);
            List<String> tokens = WireParser.parse(wire("SELECT", args));
            assertThat(tokens).hasSize(3);
            assertThat(BASE64MailboxDecoder.decode(tokens.get(2))).isEqualTo(name);
        });
    }

    @Test
    void nulAndNonAtomKeywordsAreRefusedLocally() {
        assertThatThrownBy(() -> ImapSearchEncoder.encode(SearchQuery.body("a\0b")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImapSearchEncoder.encode(SearchQuery.keyword("a b")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImapSearchEncoder.encode(SearchQuery.keyword("x\r\nA1 LOGOUT")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static Gen<String> strings() {
        Gen<String> hostile = SourceDSL.arbitrary().pick(List.of("\r", "\n", "\"", "\\", "{5}", "{5+}", "~{5}", "*",
                "%", "(", ")", " ", "NIL", "\r\nA1 LOGOUT\r\n", "ü", "😀", "&", "&-", "]", "x", "{0}\r\n"));
        Gen<String> unicode = SourceDSL.strings().basicMultilingualPlaneAlphabet().ofLengthBetween(0, 12)
                .map(s -> s.replace('\0', '0').replaceAll("[\\uD800-\\uDFFF]", "s"));
        Gen<String> mixed = SourceDSL.lists().of(hostile.mix(unicode)).ofSizeBetween(1, 6)
                .map(l -> String.join("", l));
        Gen<String> longOnes = SourceDSL.integers().between(1020, 2100).map(n -> "a\"b".repeat(n / 3));
        return mixed.mix(longOnes, 10).assuming(s -> !s.isEmpty());
    }

    private static IMAPProtocol protocol() {
        try {
            // Angus's debugging constructor: no socket; the input answers every synchronising literal with "+".
            byte[] pluses = "+ go\r\n".repeat(64).getBytes(StandardCharsets.US_ASCII);
            return new IMAPProtocol(new ByteArrayInputStream(pluses), new PrintStream(new ByteArrayOutputStream()),
                    new Properties(), false);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] wire(String command, Argument args) {
        try {
            byte[] pluses = "+ go\r\n".repeat(64).getBytes(StandardCharsets.US_ASCII);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            IMAPProtocol p = new IMAPProtocol(new ByteArrayInputStream(pluses), new PrintStream(out, true),
                    new Properties(), false) {
                @Override
                public String writeCommand(String c, Argument a) throws java.io.IOException,
                        org.eclipse.angus.mail.iap.ProtocolException {
                    return super.writeCommand(c, a);
                }
            };
            p.writeCommand(command, args);
            return out.toByteArray();
        } catch (java.io.IOException | org.eclipse.angus.mail.iap.ProtocolException e) {
            throw new IllegalStateException(e);
        }
    }
}
