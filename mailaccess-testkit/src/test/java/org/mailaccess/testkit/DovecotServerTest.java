package org.mailaccess.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mailaccess.Protocol;
import org.mailaccess.ServerEndpoint;
import org.mailaccess.TlsMode;
import org.mailaccess.testkit.junit5.RequiresDovecot;

/** Talks to a private Dovecot over raw sockets, so the harness is checked against the wire, not against our client. */
@Timeout(60)
@RequiresDovecot
class DovecotServerTest {

    private static DovecotServer dovecot;

    @BeforeAll
    static void startDovecot() {
        dovecot = DovecotServer.builder()
                .user("alice", "secret")
                .user("bob", "pass:with spaces")
                .user("carol", "carols-password")
                .user("dave", "daves-password")
                .start();
    }

    @AfterAll
    static void stopDovecot() {
        if (dovecot != null) {
            dovecot.close();
        }
    }

    @Test
    void imapsGreetsLogsInReportsTheQuotaAndListsTheSpecialUseFolders() throws IOException {
        try (Wire imap = Wire.tls(dovecot.clientSslContext(), dovecot.imapsPort())) {
            assertThat(imap.readLine()).startsWith("* OK");
            List<String> login = imap.imap("a1 LOGIN alice secret");
            assertThat(String.join("\n", login)).contains("IDLE", "MOVE", "UIDPLUS", "CONDSTORE", "QRESYNC",
                    "SPECIAL-USE", "QUOTA");

            assertThat(imap.imap("a2 GETQUOTAROOT INBOX"))
                    .contains("* QUOTAROOT INBOX \"User quota\"")
                    .anySatisfy(line -> assertThat(line).matches(
                            "\\* QUOTA \"User quota\" \\(STORAGE \\d+ 10240 MESSAGE \\d+ 1000\\)"));

            List<String> folders = imap.imap("a3 LIST \"\" \"*\"");
            assertThat(folders).anyMatch(line -> line.contains("\\Sent") && line.endsWith(" Sent"))
                    .anyMatch(line -> line.contains("\\Trash") && line.endsWith(" Trash"))
                    .anyMatch(line -> line.contains("\\Drafts") && line.endsWith(" Drafts"))
                    .anyMatch(line -> line.contains("\\Junk") && line.endsWith(" Junk"))
                    .anyMatch(line -> line.contains("\\Archive") && line.endsWith(" Archive"))
                    .anyMatch(line -> line.endsWith(" INBOX"));
            assertThat(imap.imap("a4 LOGOUT")).first().asString().startsWith("* BYE");
        }
    }

    @Test
    void imapUpgradesWithStarttlsAndVerifiesTheHostName() throws IOException {
        try (Wire imap = Wire.plain(dovecot.imapPort())) {
            assertThat(imap.readLine()).startsWith("* OK").contains("STARTTLS");
            assertThat(imap.imap("a1 STARTTLS")).last().asString().startsWith("a1 OK");
            imap.startTls(dovecot.clientSslContext(), "localhost");
            assertThat(imap.imap("a2 CAPABILITY")).first().asString().doesNotContain("STARTTLS");
            assertThat(imap.imap("a3 LOGIN carol carols-password")).last().asString().startsWith("a3 OK");
        }
    }

    @Test
    void imapAcceptsPlaintextLoginOnThePlainPortForInsecureTests() throws IOException {
        try (Wire imap = Wire.plain(dovecot.imapEndpoint(TlsMode.INSECURE_PLAINTEXT).port())) {
            assertThat(imap.readLine()).startsWith("* OK").doesNotContain("LOGINDISABLED");
            assertThat(imap.imap("a1 LOGIN carol carols-password")).last().asString().startsWith("a1 OK");
        }
    }

    @Test
    void pop3sShowsAndReturnsADeliveredMessage() throws IOException {
        byte[] message = MessageBuilder.message().from("sender@example.org").to("bob@example.org")
                .subject("Dovecot delivery").body("Hello from doveadm").build();
        dovecot.deliver("bob", message);

        try (Wire pop3 = Wire.tls(dovecot.clientSslContext(), dovecot.pop3sPort())) {
            assertThat(pop3.readLine()).startsWith("+OK");
            assertThat(pop3.command("USER bob")).startsWith("+OK");
            assertThat(pop3.command("PASS pass:with spaces")).startsWith("+OK");
            assertThat(pop3.command("STAT")).matches("\\+OK 1 \\d+");
            assertThat(pop3.command("UIDL 1")).matches("\\+OK 1 \\S+");
            assertThat(pop3.command("RETR 1")).startsWith("+OK");
            assertThat(String.join("\n", pop3.readMultiline()))
                    .contains("Subject: Dovecot delivery", "Hello from doveadm");
            assertThat(pop3.command("QUIT")).startsWith("+OK");
        }
    }

    @Test
    void pop3UpgradesWithStlsAndOffersPipelining() throws IOException {
        try (Wire pop3 = Wire.plain(dovecot.pop3Port())) {
            assertThat(pop3.readLine()).startsWith("+OK");
            assertThat(pop3.command("CAPA")).startsWith("+OK");
            assertThat(pop3.readMultiline()).contains("STLS", "PIPELINING", "UIDL", "TOP");
            assertThat(pop3.command("STLS")).startsWith("+OK");
            pop3.startTls(dovecot.clientSslContext(), "localhost");
            assertThat(pop3.command("USER dave")).startsWith("+OK");
            assertThat(pop3.command("PASS daves-password")).startsWith("+OK");
            assertThat(pop3.command("STAT")).startsWith("+OK 0 0");
        }
    }

    @Test
    void wrongPasswordsAreRefused() throws IOException {
        try (Wire imap = Wire.tls(dovecot.clientSslContext(), dovecot.imapsPort())) {
            imap.readLine();
            assertThat(imap.imap("a1 LOGIN alice wrong")).last().asString().startsWith("a1 NO");
        }
        try (Wire pop3 = Wire.tls(dovecot.clientSslContext(), dovecot.pop3sPort())) {
            pop3.readLine();
            pop3.command("USER alice");
            assertThat(pop3.command("PASS wrong")).startsWith("-ERR");
        }
        assertThat(dovecot.logTail()).contains("user=<alice>");
    }

    @Test
    void certificateIsRejectedForAnotherHostName() throws IOException {
        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), dovecot.imapsPort())) {
            SSLSocket tls = (SSLSocket) dovecot.clientSslContext().getSocketFactory()
                    .createSocket(plain, "mail.example.org", dovecot.imapsPort(), true);
            verifyHostName(tls);
            assertThatThrownBy(tls::startHandshake).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void usersAddedWhileRunningCanLogInAndPasswordChangesApply() throws IOException {
        dovecot.addUser("erin", "first");
        assertThat(imapLogin("erin", "first")).startsWith("a1 OK");
        dovecot.addUser("erin", "other");
        assertThat(imapLogin("erin", "first")).startsWith("a1 NO");
        assertThat(imapLogin("erin", "other")).startsWith("a1 OK");
    }

    @Test
    void deliversIntoSpecialUseAndNewFolders() throws IOException {
        dovecot.addUser("frank", "frank-pw");
        byte[] message = MessageBuilder.message().subject("filed").body("x").build();
        dovecot.deliver("frank", "Sent", message).deliver("frank", "Projects", message)
                .deliver("frank", "Projects", message);

        try (Wire imap = Wire.tls(dovecot.clientSslContext(), dovecot.imapsPort())) {
            imap.readLine();
            imap.imap("a1 LOGIN frank frank-pw");
            assertThat(imap.imap("a2 STATUS Sent (MESSAGES)")).contains("* STATUS Sent (MESSAGES 1)");
            assertThat(imap.imap("a3 STATUS Projects (MESSAGES)")).contains("* STATUS Projects (MESSAGES 2)");
            assertThat(imap.imap("a4 STATUS INBOX (MESSAGES)")).contains("* STATUS INBOX (MESSAGES 0)");
        }
        assertThat(dovecot.mailRoot().resolve("frank").resolve(".Projects")).isDirectory();
    }

    @Test
    void deliveringToAnUnknownUserIsAnError() {
        assertThatThrownBy(() -> dovecot.deliver("nobody-here", new byte[] {'x'}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("addUser");
    }

    @Test
    void endpointsPutImplicitTlsOnTheTlsPortsAndEverythingElseOnThePlainPorts() {
        assertThat(dovecot.imapEndpoint(TlsMode.IMPLICIT))
                .isEqualTo(new ServerEndpoint(Protocol.IMAP, "localhost", dovecot.imapsPort(), TlsMode.IMPLICIT));
        assertThat(dovecot.imapEndpoint(TlsMode.STARTTLS_REQUIRED).port()).isEqualTo(dovecot.imapPort());
        assertThat(dovecot.imapEndpoint(TlsMode.INSECURE_PLAINTEXT).port()).isEqualTo(dovecot.imapPort());
        assertThat(dovecot.pop3Endpoint(TlsMode.IMPLICIT))
                .isEqualTo(new ServerEndpoint(Protocol.POP3, "localhost", dovecot.pop3sPort(), TlsMode.IMPLICIT));
        assertThat(dovecot.pop3Endpoint(TlsMode.STARTTLS_REQUIRED).port()).isEqualTo(dovecot.pop3Port());
        assertThat(dovecot.pop3Endpoint(TlsMode.INSECURE_PLAINTEXT).port()).isEqualTo(dovecot.pop3Port());
        assertThat(dovecot.host()).isEqualTo("localhost");
    }

    @Test
    void aSmallQuotaRefusesDeliveriesBeyondIt() {
        try (DovecotServer small = DovecotServer.builder().user("gina", "pw").quota(1024 * 1024, 2).start()) {
            byte[] message = MessageBuilder.message().subject("q").body("x").build();
            small.deliver("gina", message).deliver("gina", message);
            assertThatThrownBy(() -> small.deliver("gina", message))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("uota");
        }
    }

    @Test
    void twoServersRunSideBySideAndCloseFreesTheirPortsAndDirectories() throws IOException {
        List<Integer> ports = new ArrayList<>();
        Path first;
        Path second;
        DovecotServer one = DovecotServer.builder().user("hank", "one").start();
        try (DovecotServer two = DovecotServer.builder().user("hank", "two").start()) {
            ports.addAll(List.of(one.imapPort(), one.imapsPort(), one.pop3Port(), one.pop3sPort(),
                    two.imapPort(), two.imapsPort(), two.pop3Port(), two.pop3sPort()));
            assertThat(ports).doesNotHaveDuplicates();
            first = one.mailRoot();
            second = two.mailRoot();
            assertThat(first).isNotEqualTo(second).exists();
            assertThat(second).exists();
            assertThat(imapLogin(one, "hank", "one")).startsWith("a1 OK");
            assertThat(imapLogin(two, "hank", "one")).startsWith("a1 NO");
            assertThat(imapLogin(two, "hank", "two")).startsWith("a1 OK");

            one.close();
            assertThat(one.isRunning()).isFalse();
            assertThat(two.isRunning()).isTrue();
            assertThat(one.logTail()).contains("starting up");
            assertThat(first.getParent()).doesNotExist();
            assertThat(imapLogin(two, "hank", "two")).startsWith("a1 OK");
        } finally {
            one.close();
        }
        assertThat(second.getParent()).doesNotExist();
        for (int port : ports) {
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                    .as("port %d", port).isInstanceOf(ConnectException.class);
            try (ServerSocket rebound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(rebound.getLocalPort()).isEqualTo(port);
            }
        }
    }

    private static String imapLogin(String user, String password) throws IOException {
        return imapLogin(dovecot, user, password);
    }

    private static String imapLogin(DovecotServer server, String user, String password) throws IOException {
        try (Wire imap = Wire.tls(server.clientSslContext(), server.imapsPort())) {
            imap.readLine();
            List<String> reply = imap.imap("a1 LOGIN " + user + " " + password);
            return reply.get(reply.size() - 1);
        }
    }

    private static void verifyHostName(SSLSocket socket) {
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
    }

    /** A deliberately dumb line client for IMAP and POP3. */
    private static final class Wire implements AutoCloseable {

        private Socket socket;
        private InputStream in;
        private OutputStream out;

        private Wire(Socket socket) throws IOException {
            bind(socket);
        }

        static Wire plain(int port) throws IOException {
            return new Wire(new Socket("localhost", port));
        }

        /** Implicit TLS, verifying the certificate against "localhost". */
        static Wire tls(SSLContext context, int port) throws IOException {
            SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port);
            verifyHostName(socket);
            socket.startHandshake();
            return new Wire(socket);
        }

        void startTls(SSLContext context, String host) throws IOException {
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, host, socket.getPort(), true);
            verifyHostName(tls);
            tls.startHandshake();
            bind(tls);
        }

        /** Sends a tagged IMAP command; returns every line up to and including the tagged reply. */
        List<String> imap(String command) throws IOException {
            send(command);
            String tag = command.substring(0, command.indexOf(' ') + 1);
            List<String> lines = new ArrayList<>();
            String line;
            do {
                line = readLine();
                lines.add(line);
            } while (!line.startsWith(tag));
            return lines;
        }

        /** Sends a POP3 command and returns the status line. */
        String command(String command) throws IOException {
            send(command);
            return readLine();
        }

        /** Reads a POP3 multi-line body up to the terminating dot, un-stuffing dots. */
        List<String> readMultiline() throws IOException {
            List<String> lines = new ArrayList<>();
            for (String line = readLine(); !line.equals("."); line = readLine()) {
                lines.add(line.startsWith("..") ? line.substring(1) : line);
            }
            return lines;
        }

        String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed after '" + line.toString(StandardCharsets.UTF_8) + "'");
                }
                line.write(b);
            }
            String text = line.toString(StandardCharsets.UTF_8);
            return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        }

        private void send(String command) throws IOException {
            out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        private void bind(Socket newSocket) throws IOException {
            socket = newSocket;
            socket.setSoTimeout(10_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
