package org.mailaccess.pop3;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.commons.net.io.CRLFLineReader;
import org.apache.commons.net.io.DotTerminatedMessageReader;
import org.mailaccess.Credentials;
import org.mailaccess.FetchSpec;
import org.mailaccess.MailboxClient;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageRange;
import org.mailaccess.MessageSummary;
import org.mailaccess.ServerEndpoint;
import org.mailaccess.TlsMode;
import org.mailaccess.testkit.FakePop3Server;
import org.mailaccess.testkit.MessageBuilder;
import org.mailaccess.testkit.Pop3Profile;

/**
 * Prints how long a header listing takes with and without pipelining over a link with an artificial latency (a proxy
 * that holds every client write for a fixed time, so a lock-step conversation pays it once per command and a
 * pipelined one once per batch), and how fast RETR bodies decode with our stream versus Commons Net's reader. Figures
 * only, no assertions: run it with {@code java -cp <test class path> org.mailaccess.pop3.Pop3PipeliningBenchmark
 * [messages] [latencyMillis]}.
 */
public final class Pop3PipeliningBenchmark {

    private Pop3PipeliningBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Duration latency = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 5);
        System.out.printf("Listing %d messages with headers (UIDL, LIST, TOP n 0), %d ms added per client write%n",
                messages, latency.toMillis());
        try (FakePop3Server server = FakePop3Server.builder().profile(Pop3Profile.defaults().withoutStls()).start()) {
            server.addUser("ann", "pw");
            for (int i = 0; i < messages; i++) {
                server.mailbox("ann").deliver(MessageBuilder.message().from("bob@example.org").subject("m" + i)
                        .bodyOfSize(2000));
            }
            for (int round = 0; round < 2; round++) {
                String label = round == 0 ? "(warm-up) " : "";
                report(label + "lock-step        ", server, latency, Pop3Options.builder().pipelining(false).build());
                report(label + "pipelined, 10/batch", server, latency, Pop3Options.builder().batchSize(10).build());
                report(label + "pipelined, 50/batch", server, latency, Pop3Options.defaults());
            }
        }
        decoding();
    }

    private static void report(String label, FakePop3Server server, Duration latency, Pop3Options options)
            throws Exception {
        try (TcpProxy proxy = new TcpProxy(server.port(), latency)) {
            ServerEndpoint endpoint = new ServerEndpoint(server.endpoint().protocol(), "localhost", proxy.port(),
                    TlsMode.INSECURE_PLAINTEXT);
            MailboxClient client = MailboxClient.builder().options(options).build();
            try (MailboxSession s = client.open(endpoint, Credentials.password("ann", "pw"))) {
                long start = System.nanoTime();
                List<MessageSummary> list = s.inbox().summaries(MessageRange.all(), FetchSpec.headers());
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.out.printf("  %-30s %5d ms  (%d summaries, %d client writes)%n", label, millis, list.size(),
                        proxy.clientChunks().size());
            }
        }
    }

    /** CPU cost of undoing dot-stuffing on 64 MiB of message data held in memory: no network involved. */
    private static void decoding() throws Exception {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < 76; i++) {
            line.append((char) ('a' + i % 26));
        }
        String body = (line + "\r\n..stuffed\r\n").repeat(64 * 1024 * 1024 / 90) + ".\r\n";
        byte[] wire = body.getBytes(StandardCharsets.ISO_8859_1);
        System.out.printf("Decoding a %d MiB RETR body from memory%n", wire.length >> 20);
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            Reader reader = new DotTerminatedMessageReader(new CRLFLineReader(new InputStreamReader(
                    new ByteArrayInputStream(wire), StandardCharsets.ISO_8859_1)));
            char[] chars = new char[16384];
            long n1 = 0;
            int r;
            while ((r = reader.read(chars, 0, chars.length)) >= 0) {
                n1 += r;
            }
            long t1 = System.nanoTime();
            long n2 = ourDecoder(wire);
            long t2 = System.nanoTime();
            System.out.printf("  Commons Net DotTerminatedMessageReader: %5d ms (%d chars); ours: %5d ms (%d bytes)%n",
                    (t1 - t0) / 1_000_000, n1, (t2 - t1) / 1_000_000, n2);
        }
    }

    /** Runs the package-private decoder reflectively; the benchmark lives outside the internal package. */
    private static long ourDecoder(byte[] wire) throws Exception {
        Class<?> lineInput = Class.forName("org.mailaccess.pop3.internal.LineInput");
        Constructor<?> li = lineInput.getDeclaredConstructor(java.io.InputStream.class);
        li.setAccessible(true);
        Class<?> stuffed = Class.forName("org.mailaccess.pop3.internal.DotStuffedInputStream");
        Constructor<?> ds = stuffed.getDeclaredConstructor(lineInput);
        ds.setAccessible(true);
        java.io.InputStream in = (java.io.InputStream) ds.newInstance(li.newInstance(new ByteArrayInputStream(wire)));
        byte[] buf = new byte[16384];
        long n = 0;
        int r;
        while ((r = in.read(buf, 0, buf.length)) >= 0) {
            n += r;
        }
        return n;
    }
}
