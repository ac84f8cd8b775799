package org.mailaccess.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailaccess.pop3.Pop3Fixtures.PASSWORD;
import static org.mailaccess.pop3.Pop3Fixtures.USER;
import static org.quicktheories.QuickTheory.qt;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailaccess.Credentials;
import org.mailaccess.FetchSpec;
import org.mailaccess.MailboxClient;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageKey;
import org.mailaccess.MessageRange;
import org.mailaccess.MessageSummary;
import org.mailaccess.testkit.FakePop3Server;
import org.mailaccess.testkit.Pop3Profile;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * Arbitrary message bodies built from the lines that break POP3 framing (PITFALLS S7) come back through
 * {@code openMessage} and {@code writeMessage} as the module documents, and the session stays in step for the next
 * command. Two framings: a server that byte-stuffs after every LF (the fake's default), where every body comes back
 * byte-exact; and one that stuffs only after CRLF (RFC 1939 section 3 read literally), where a body comes back
 * byte-exact unless a bare LF is followed by two dots, which is ambiguous on the wire and comes back with one dot
 * fewer (see {@code DotStuffedInputStream}).
 *
 * <p>A POP3 session sees the maildrop as it was at login, so each example logs in afresh; the servers are plaintext to
 * keep that cheap. Bodies end with CRLF: RFC 1939 cannot carry a message that does not, the server adds one.
 */
class RetrievalPropertyTest {

    private static final List<String> PIECES = List.of(".", "..", ".x", "..x", "", "plain text", " ", "\u00e9\u00ff",
            "\u0000", "\r", "\n", ".\n", "\r.", "\n.\r\n", "x\ry", "From ", "\t.", "\n..", "\n...x");

    private static FakePop3Server everyLf;
    private static FakePop3Server crlfOnly;
    private static MailboxClient client;

    @BeforeAll
    static void start() {
        everyLf = FakePop3Server.builder().profile(Pop3Profile.defaults().withoutStls()).start();
        crlfOnly = FakePop3Server.builder()
                .profile(Pop3Profile.defaults().withoutStls().withDotStuffingAfterCrlfOnly()).start();
        everyLf.addUser(USER, PASSWORD);
        crlfOnly.addUser(USER, PASSWORD);
        client = Pop3Fixtures.client(everyLf).build();
    }

    @AfterAll
    static void stop() {
        everyLf.close();
        crlfOnly.close();
    }

    private static Gen<byte[]> bodies() {
        Gen<String> line = SourceDSL.lists().of(Generate.pick(PIECES)).ofSizeBetween(0, 4)
                .map(parts -> String.join("", parts));
        Gen<String> ending = Generate.pick(List.of("\r\n", "\n", "\r\n", "\r", "\r\n"));
        Gen<String> terminatedLine = line.zip(ending, (l, e) -> l + e);
        return SourceDSL.lists().of(terminatedLine).ofSizeBetween(0, 12)
                .map(lines -> (String.join("", lines) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * What the documented rule returns for a body sent by a server that stuffs only after CRLF: one dot fewer wherever
     * a bare LF (an LF not preceded by CR) is followed by two dots; everything else unchanged.
     */
    static byte[] readFromCrlfOnlyServer(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
        for (int i = 0; i < body.length; i++) {
            boolean afterBareLf = i >= 1 && body[i - 1] == '\n' && (i < 2 || body[i - 2] != '\r');
            if (afterBareLf && body[i] == '.' && i + 1 < body.length && body[i + 1] == '.') {
                continue;
            }
            out.write(body[i]);
        }
        return out.toByteArray();
    }

    /** Whether a body is unambiguous on the wire of either framing: no bare LF is followed by a dot. */
    private static boolean unambiguous(byte[] body) {
        for (int i = 1; i < body.length; i++) {
            if (body[i] == '.' && body[i - 1] == '\n' && (i < 2 || body[i - 2] != '\r')) {
                return false;
            }
        }
        return true;
    }

    @Test
    void fromAServerThatStuffsAfterEveryLfArbitraryBodiesComeBackByteExact() {
        qt().withExamples(150).withShrinkCycles(200).forAll(bodies())
                .checkAssert(body -> assertRoundTrip(everyLf, body, body));
    }

    @Test
    void fromAServerThatStuffsOnlyAfterCrlfBodiesComeBackAsDocumented() {
        qt().withExamples(150).withShrinkCycles(200).forAll(bodies()).checkAssert(body -> {
            byte[] expected = readFromCrlfOnlyServer(body);
            if (unambiguous(body)) {
                assertThat(expected).as("an unambiguous body is expected byte-exact").isEqualTo(body);
            }
            assertRoundTrip(crlfOnly, body, expected);
        });
    }

    @Test
    void fromAServerThatStuffsOnlyAfterCrlfABareLfFollowedByTwoDotsLosesOneDotAndNothingElse() {
        byte[] body = "Subject: s\r\n\r\na\n..x\nb\n.y\nc\n.\r\n..\r\nend\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertRoundTrip(crlfOnly, body,
                "Subject: s\r\n\r\na\n.x\nb\n.y\nc\n.\r\n..\r\nend\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void fromEitherServerCrlfOnlyBodiesWithDotsComeBackByteExact() {
        byte[] body = ".\r\n..\r\n...x\r\n.\r.\r\nend\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertRoundTrip(everyLf, body, body);
        assertRoundTrip(crlfOnly, body, body);
    }

    private static void assertRoundTrip(FakePop3Server server, byte[] body, byte[] expected) {
        server.mailbox(USER).clear();
        server.mailbox(USER).deliver(body);
        server.mailbox(USER).deliver("Subject: canary\r\n\r\n.\r\n");
        try (MailboxSession s = client.open(server.endpoint(), Credentials.password(USER, PASSWORD))) {
            List<MessageSummary> list = s.inbox().summaries(MessageRange.all(), FetchSpec.headers());
            MessageKey key = list.get(0).key();
            assertThat(list.get(0).size()).isEqualTo(body.length);
            byte[] streamed;
            try (InputStream in = s.inbox().openMessage(key)) {
                streamed = in.readAllBytes();
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
            assertThat(streamed).isEqualTo(expected);
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            assertThat(s.inbox().writeMessage(key, sink)).isEqualTo(expected.length);
            assertThat(sink.toByteArray()).isEqualTo(expected);
            // In step: the next reply is the canary's, not leftovers of the body.
            ByteArrayOutputStream canary = new ByteArrayOutputStream();
            s.inbox().writeMessage(list.get(1).key(), canary);
            assertThat(canary.toString(StandardCharsets.ISO_8859_1)).isEqualTo("Subject: canary\r\n\r\n.\r\n");
            assertThat(s.inbox().status().messages()).isEqualTo(2);
        }
    }
}
