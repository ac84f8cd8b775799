package org.mailaccess.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailaccess.pop3.Pop3Fixtures.PASSWORD;
import static org.mailaccess.pop3.Pop3Fixtures.USER;
import static org.mailaccess.pop3.Pop3Fixtures.client;
import static org.mailaccess.pop3.Pop3Fixtures.seeded;
import static org.mailaccess.pop3.Pop3Fixtures.verbs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mailaccess.ConnectionException;
import org.mailaccess.Credentials;
import org.mailaccess.MailboxSession;
import org.mailaccess.Protocol;
import org.mailaccess.ServerEndpoint;
import org.mailaccess.TlsMode;
import org.mailaccess.TlsRequiredException;
import org.mailaccess.testkit.Fault;
import org.mailaccess.testkit.FakePop3Server;
import org.mailaccess.testkit.Pop3Profile;
import org.mailaccess.testkit.internal.TestCertificates;

/** TLS rules: implicit TLS, STLS that fails closed (PITFALLS S2), hostname checks (S3) and STLS injection (S1). */
@Timeout(20)
class Pop3TlsTest {

    private static final List<String> CREDENTIAL_VERBS = List.of("USER", "PASS", "APOP", "AUTH", "+");

    private static MailboxSession open(FakePop3Server server, ServerEndpoint endpoint) {
        return client(server).build().open(endpoint, Credentials.password(USER, PASSWORD));
    }

    @Test
    void implicitTlsFailsOnACertificateForAnotherHost() {
        try (FakePop3Server server = seeded(FakePop3Server.builder().implicitTls().hostname("other.test").start(), 1)) {
            assertThatThrownBy(() -> open(server, server.endpoint()))
                    .isInstanceOf(ConnectionException.class)
                    .hasMessageContaining("TLS");
            assertThat(server.commands()).isEmpty();
        }
    }

    @Test
    void stlsFailsOnACertificateForAnotherHostBeforeAnyCredential() {
        try (FakePop3Server server = seeded(FakePop3Server.builder().hostname("other.test").start(), 1)) {
            assertThatThrownBy(() -> open(server, server.endpoint()))
                    .isInstanceOf(ConnectionException.class);
            assertThat(verbs(server)).containsExactly("STLS");
        }
    }

    @Test
    void stlsNotOfferedFailsClosedWithoutSendingCredentials() {
        try (FakePop3Server server = seeded(FakePop3Server.builder()
                .profile(Pop3Profile.defaults().withoutStls().withApop()).start(), 1)) {
            assertThatThrownBy(() -> open(server, server.endpoint(TlsMode.STARTTLS_REQUIRED)))
                    .isInstanceOf(TlsRequiredException.class)
                    .hasMessageContaining("no credentials were sent");
            assertThat(verbs(server)).doesNotContainAnyElementsOf(CREDENTIAL_VERBS);
        }
    }

    @Test
    void stlsRefusedFailsClosedWithoutSendingCredentials() {
        try (FakePop3Server server = seeded(FakePop3Server.start(), 1)) {
            server.injectFault(Fault.errorReply("STLS", "not today"));
            assertThatThrownBy(() -> open(server, server.endpoint()))
                    .isInstanceOf(TlsRequiredException.class).hasMessageContaining("not today");
            assertThat(verbs(server)).doesNotContainAnyElementsOf(CREDENTIAL_VERBS);
        }
    }

    @Test
    void stlsWithoutCapaStillFailsClosed() {
        try (FakePop3Server server = seeded(FakePop3Server.builder()
                .profile(Pop3Profile.defaults().withoutCapa().withoutStls()).start(), 1)) {
            assertThatThrownBy(() -> open(server, server.endpoint(TlsMode.STARTTLS_REQUIRED)))
                    .isInstanceOf(TlsRequiredException.class);
            assertThat(verbs(server)).doesNotContainAnyElementsOf(CREDENTIAL_VERBS);
        }
    }

    @Test
    void repliesInjectedBehindTheStlsReplyAreNeverTakenAsReplies() {
        // The fake answers STLS with two lines and does not start TLS: the handshake must fail, and nothing may be
        // sent in plaintext after the injected "+OK".
        try (FakePop3Server server = seeded(FakePop3Server.start(), 1)) {
            server.injectFault(Fault.rawReply("STLS", "+OK begin TLS\r\n+OK injected\r\n"));
            CapturingListener events = new CapturingListener();
            assertThatThrownBy(() -> client(server).listener(events).build()
                    .open(server.endpoint(), Credentials.password(USER, PASSWORD)))
                    .isInstanceOf(ConnectionException.class);
            assertThat(verbs(server).stream().filter(v -> v.matches("[A-Z]+"))).containsOnly("STLS");
            assertThat(events.events).noneMatch(e -> e.contains("injected"));
        }
    }

    @Test
    void bytesInjectedBeforeARealHandshakeAreDiscardedAndCapaIsAskedInsideTls() throws Exception {
        try (InjectingStlsServer server = new InjectingStlsServer()) {
            CapturingListener events = new CapturingListener();
            ServerEndpoint endpoint = new ServerEndpoint(Protocol.POP3, "localhost", server.port(),
                    TlsMode.STARTTLS_REQUIRED);
            SSLContext trust = TestCertificates.forHost("localhost").clientContext();
            try {
                try (MailboxSession s = org.mailaccess.MailboxClient.builder().sslContext(trust).listener(events)
                        .build().open(endpoint, Credentials.password(USER, PASSWORD))) {
                    // Either outcome is safe; this one must not have believed anything the injection said.
                    assertThat(s.capabilities().serverTokens()).containsExactly("USER", "UIDL", "TOP");
                }
            } catch (ConnectionException acceptable) {
                // The TLS layer read the injected plaintext as a record and gave up: also safe.
            }
            assertThat(events.events).noneMatch(e -> e.contains("injected"));
            assertThat(server.received).filteredOn(l -> l.startsWith("USER") || l.startsWith("PASS"))
                    .allSatisfy(l -> assertThat(server.receivedInTls).contains(l));
        }
    }

    /**
     * A minimal POP3 server that answers STLS with the go-ahead plus forged replies in the same write, then really does
     * TLS (what a MitM that appends to a genuine server's reply achieves, CVE-2011-0411's client-side mirror).
     */
    static final class InjectingStlsServer implements AutoCloseable {
        final List<String> received = new CopyOnWriteArrayList<>();
        final List<String> receivedInTls = new CopyOnWriteArrayList<>();
        private final ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());

        InjectingStlsServer() throws IOException {
            Thread t = new Thread(this::serve, "injecting-stls");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        private void serve() {
            try (Socket raw = listener.accept()) {
                OutputStream out = raw.getOutputStream();
                out.write("+OK hello\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String stls = readLine(raw);
                received.add(stls);
                out.write("+OK begin TLS\r\n+OK injected\r\n-ERR injected\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                SSLSocket tls = (SSLSocket) TestCertificates.forHost("localhost").serverContext().getSocketFactory()
                        .createSocket(raw, "localhost", raw.getPort(), true);
                tls.setUseClientMode(false);
                tls.startHandshake();
                BufferedReader in = new BufferedReader(new InputStreamReader(tls.getInputStream(),
                        StandardCharsets.US_ASCII));
                Writer w = new java.io.OutputStreamWriter(tls.getOutputStream(), StandardCharsets.US_ASCII);
                String line;
                while ((line = in.readLine()) != null) {
                    received.add(line);
                    receivedInTls.add(line);
                    String verb = line.split(" ")[0];
                    w.write(switch (verb) {
                        case "CAPA" -> "+OK\r\nUSER\r\nUIDL\r\nTOP\r\n.\r\n";
                        case "QUIT" -> "+OK bye\r\n";
                        default -> "+OK\r\n";
                    });
                    w.flush();
                    if (verb.equals("QUIT")) {
                        return;
                    }
                }
            } catch (IOException e) {
                // The client gave up, which the test accepts as one of the safe outcomes.
            }
        }

        private static String readLine(Socket s) throws IOException {
            StringBuilder b = new StringBuilder();
            int c;
            while ((c = s.getInputStream().read()) >= 0 && c != '\n') {
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
