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
 * Arbitrary message bodies built from the lines that break POP3 framing (PITFALLS S7) come back byte-exact through
 * {@code openMessage} and {@code writeMessage}, and the session stays in step for the next command.
 *
 * <p>A POP3 session sees the maildrop as it was at login, so each example logs in afresh; the server is plaintext to
 * keep that cheap. Bodies end with CRLF: RFC 1939 cannot carry a message that does not, the server adds one.
 */
class RetrievalPropertyTest {

    private static final List<String> PIECES = List.of(".", "..", ".x", "..x", "", "plain text", " ", "\u00e9\u00ff",
            "\u0000", "\r", "\n", ".\n", "\r.", "\n.\r\n", "x\ry", "From ", "\t.");

    private static FakePop3Server server;
    private static MailboxClient client;

    @BeforeAll
    static void start() {
        server = FakePop3Server.builder().profile(Pop3Profile.defaults().withoutStls()).start();
        server.addUser(USER, PASSWORD);
        client = Pop3Fixtures.client(server).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Gen<byte[]> bodies() {
        Gen<String> line = SourceDSL.lists().of(Generate.pick(PIECES)).ofSizeBetween(0, 4)
                .map(parts -> String.join("", parts));
        Gen<String> ending = Generate.pick(List.of("\r\n", "\n", "\r\n", "\r", "\r\n"));
        Gen<String> terminatedLine = line.zip(ending, (l, e) -> l + e);
        return SourceDSL.lists().of(terminatedLine).ofSizeBetween(0, 12)
                .map(lines -> (String.join("", lines) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void arbitraryBodiesComeBackByteExactAndTheSessionStaysInStep() {
        qt().withExamples(150).withShrinkCycles(200).forAll(bodies()).checkAssert(body -> {
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
                assertThat(streamed).isEqualTo(body);
                ByteArrayOutputStream sink = new ByteArrayOutputStream();
                assertThat(s.inbox().writeMessage(key, sink)).isEqualTo(body.length);
                assertThat(sink.toByteArray()).isEqualTo(body);
                // In step: the next reply is the canary's, not leftovers of the body.
                ByteArrayOutputStream canary = new ByteArrayOutputStream();
                s.inbox().writeMessage(list.get(1).key(), canary);
                assertThat(canary.toString(StandardCharsets.ISO_8859_1)).isEqualTo("Subject: canary\r\n\r\n.\r\n");
                assertThat(s.inbox().status().messages()).isEqualTo(2);
            }
        });
    }
}
