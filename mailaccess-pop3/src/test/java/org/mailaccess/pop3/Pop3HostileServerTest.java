package org.mailaccess.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mailaccess.Credentials;
import org.mailaccess.FetchSpec;
import org.mailaccess.MailAccessException;
import org.mailaccess.MailEventListener;
import org.mailaccess.MailboxClient;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageRange;
import org.mailaccess.Protocol;
import org.mailaccess.ProtocolViolationException;
import org.mailaccess.ServerEndpoint;
import org.mailaccess.TlsMode;

/**
 * A hostile or broken server must not hang the client, fill its memory or read its secrets: each test states the
 * guarantee against a raw loopback server that misbehaves on purpose.
 */
class Pop3HostileServerTest {

    /** A plaintext loopback server that answers each command line with the handler. */
    static final class RawServer implements AutoCloseable {
        final ServerSocket ss;
        final Thread t;

        RawServer(String greeting, BiConsumer<String, OutputStream> handler) throws Exception {
            ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            t = new Thread(() -> {
                try (Socket s = ss.accept()) {
                    OutputStream out = s.getOutputStream();
                    if (greeting != null) {
                        out.write(greeting.getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                            StandardCharsets.US_ASCII));
                    String line;
                    while ((line = in.readLine()) != null) {
                        handler.accept(line, out);
                        out.flush();
                    }
                } catch (Exception ignored) {
                    // connection dropped by the client
                }
            }, "raw-pop3");
            t.setDaemon(true);
            t.start();
        }

        ServerEndpoint endpoint() {
            return new ServerEndpoint(Protocol.POP3, "localhost", ss.getLocalPort(), TlsMode.INSECURE_PLAINTEXT);
        }

        @Override
        public void close() throws Exception {
            ss.close();
        }
    }

    static void write(OutputStream out, String s) {
        try {
            out.write(s.getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    static MailboxClient client(MailEventListener l) {
        return MailboxClient.builder().connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(2))
                .writeTimeout(Duration.ofSeconds(2)).listener(l).build();
    }

    /** POP3 has no tags: a password whose first word is an IMAP verb is still redacted. */
    @Test
    @Timeout(20)
    void aPasswordStartingWithAnImapVerbNeverReachesTheListener() throws Exception {
        String password = "select my horse 42";
        List<String> commands = new CopyOnWriteArrayList<>();
        MailEventListener l = new MailEventListener() {
            @Override
            public void commandSent(ServerEndpoint endpoint, String line) {
                commands.add(line);
            }
        };
        try (RawServer server = new RawServer("+OK ready\r\n", (line, out) -> {
            if (line.equals("CAPA")) {
                write(out, "+OK\r\nUSER\r\nUIDL\r\nTOP\r\n.\r\n");
            } else if (line.equals("QUIT")) {
                write(out, "+OK bye\r\n");
            } else {
                write(out, "+OK\r\n");
            }
        })) {
            try (MailboxSession s = client(l).open(server.endpoint(), Credentials.password("ann", password))) {
                s.noop();
            }
        }
        assertThat(commands).isNotEmpty().noneMatch(c -> c.contains("horse"));
    }

    /** Connect, greeting and TLS share one deadline: a server dribbling its greeting does not hold open(). */
    @Test
    @Timeout(30)
    void aGreetingThatNeverEndsFailsWithinTheTimeouts() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = ss.accept()) {
                    OutputStream out = s.getOutputStream();
                    out.write("+OK ".getBytes(StandardCharsets.US_ASCII));
                    while (true) { // one byte per second, well inside the 2 s read timeout, no CRLF ever
                        out.write('x');
                        out.flush();
                        Thread.sleep(1000);
                    }
                } catch (Exception ignored) {
                    // client gave up
                }
            });
            t.setDaemon(true);
            t.start();
            ServerEndpoint e = new ServerEndpoint(Protocol.POP3, "localhost", ss.getLocalPort(),
                    TlsMode.INSECURE_PLAINTEXT);
            long start = System.nanoTime();
            Thread opener = new Thread(() -> {
                try {
                    client(MailEventListener.NONE).open(e, Credentials.password("ann", "pw")).close();
                } catch (RuntimeException ignored) {
                    // expected
                }
            });
            opener.setDaemon(true);
            opener.start();
            opener.join(15_000);
            assertThat(opener.isAlive()).as("open() still blocked after %d s with 2 s timeouts",
                    Duration.ofNanos(System.nanoTime() - start).toSeconds()).isFalse();
        }
    }

    /** A TOP reply that never ends (headers dribbled inside the read timeout) fails instead of hanging. */
    @Test
    @Timeout(30)
    void aTopThatNeverEndsFailsInsteadOfHanging() throws Exception {
        try (RawServer server = new RawServer("+OK ready\r\n", (line, out) -> {
            if (line.equals("CAPA")) {
                write(out, "+OK\r\nUSER\r\nUIDL\r\nTOP\r\n.\r\n");
            } else if (line.equals("UIDL")) {
                write(out, "+OK\r\n1 a\r\n.\r\n");
            } else if (line.equals("LIST")) {
                write(out, "+OK\r\n1 100\r\n.\r\n");
            } else if (line.startsWith("TOP")) {
                write(out, "+OK\r\n");
                try {
                    for (int i = 0; ; i++) {
                        write(out, "X-Filler-" + i + ": " + "y".repeat(1000) + "\r\n");
                        out.flush();
                        Thread.sleep(100);
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            } else {
                write(out, "+OK\r\n");
            }
        })) {
            MailboxSession s = client(MailEventListener.NONE).open(server.endpoint(),
                    Credentials.password("ann", "pw"));
            Thread reader = new Thread(() -> {
                try {
                    s.inbox().summaries(MessageRange.all(), FetchSpec.headers());
                } catch (MailAccessException ignored) {
                    // the wanted outcome
                }
            });
            reader.setDaemon(true);
            reader.start();
            reader.join(15_000);
            boolean hung = reader.isAlive();
            s.close();
            assertThat(hung).as("summaries(headers) still reading an endless TOP after 15 s (read timeout 2 s)")
                    .isFalse();
        }
    }
    /** An endless UIDL listing is cut at the STAT count plus slack instead of growing until the heap is full. */
    @Test
    @Timeout(60)
    void anEndlessUidlListingIsAProtocolViolation() throws Exception {
        try (RawServer server = new RawServer("+OK ready\r\n", (line, out) -> {
            if (line.equals("CAPA")) {
                write(out, "+OK\r\nUSER\r\nUIDL\r\nTOP\r\n.\r\n");
            } else if (line.equals("STAT")) {
                write(out, "+OK 1 100\r\n");
            } else if (line.equals("UIDL")) {
                write(out, "+OK\r\n");
                for (int i = 1; i <= 5000; i++) {
                    write(out, i + " u" + i + "\r\n");
                }
            } else {
                write(out, "+OK\r\n");
            }
        })) {
            try (MailboxSession s = client(MailEventListener.NONE).open(server.endpoint(),
                    Credentials.password("ann", "pw"))) {
                assertThatThrownBy(() -> s.inbox().summaries(MessageRange.all(), FetchSpec.keysAndSizes()))
                        .isInstanceOf(ProtocolViolationException.class).hasMessageContaining("UIDL");
                assertThat(s.isOpen()).isFalse();
            }
        }
    }

    /** A CAPA reply of thousands of lines is no real capability list. */
    @Test
    @Timeout(60)
    void anEndlessCapaListingFailsTheOpen() throws Exception {
        try (RawServer server = new RawServer("+OK ready\r\n", (line, out) -> {
            if (line.equals("CAPA")) {
                write(out, "+OK\r\n");
                for (int i = 0; i < 1000; i++) {
                    write(out, "X-CAP-" + i + "\r\n");
                }
                write(out, ".\r\n");
            } else {
                write(out, "+OK\r\n");
            }
        })) {
            assertThatThrownBy(() -> client(MailEventListener.NONE).open(server.endpoint(),
                    Credentials.password("ann", "pw"))).isInstanceOf(ProtocolViolationException.class)
                    .hasMessageContaining("CAPA");
        }
    }

    /** A greeting line larger than the pre-login budget fails the open instead of filling the heap. */
    @Test
    @Timeout(60)
    void aHugeGreetingFailsTheOpen() throws Exception {
        String huge = "+OK " + "x".repeat(2 << 20) + "\r\n";
        try (RawServer server = new RawServer(huge, (line, out) -> write(out, "+OK\r\n"))) {
            assertThatThrownBy(() -> client(MailEventListener.NONE).open(server.endpoint(),
                    Credentials.password("ann", "pw"))).isInstanceOf(MailAccessException.class);
        }
    }

    /** A message number of ten digits is a malformed listing, not a NumberFormatException. */
    @Test
    @Timeout(60)
    void aTenDigitMessageNumberIsAProtocolViolation() throws Exception {
        try (RawServer server = new RawServer("+OK ready\r\n", (line, out) -> {
            if (line.equals("CAPA")) {
                write(out, "+OK\r\nUSER\r\nUIDL\r\nTOP\r\n.\r\n");
            } else if (line.equals("STAT")) {
                write(out, "+OK 1 100\r\n");
            } else if (line.equals("UIDL")) {
                write(out, "+OK\r\n9999999999 a\r\n.\r\n");
            } else if (line.equals("LIST")) {
                write(out, "+OK\r\n9999999999 100\r\n.\r\n");
            } else {
                write(out, "+OK\r\n");
            }
        })) {
            try (MailboxSession s = client(MailEventListener.NONE).open(server.endpoint(),
                    Credentials.password("ann", "pw"))) {
                assertThatThrownBy(() -> s.inbox().summaries(MessageRange.all(), FetchSpec.keysAndSizes()))
                        .isInstanceOf(ProtocolViolationException.class);
            }
        }
    }
}
