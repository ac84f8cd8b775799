package org.mailaccess.pop3.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mailaccess.testkit.MessageBuilder;

/**
 * A 50 MB message streams from the server to the Maildir without the heap ever holding it (PITFALLS P3): the
 * downloading side runs in a child JVM with {@code -Xmx32m}, while the fake server, which keeps the message in its own
 * heap, runs here.
 */
class LargeMessageTest {

    private static final int BODY = 50 * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    @Timeout(90)
    void aFiftyMegabyteMessageStreamsToTheStoreInA32MegabyteHeap() throws Exception {
        byte[] message;
        String sha;
        try (Account a = Account.start(dir)) {
            message = MessageBuilder.message().from("bob@example.org").to("ann@example.org").subject("big")
                    .bodyOfSize(BODY).build();
            sha = sha256(message);
            a.mailbox().deliver(message);
            int length = message.length;
            message = null; // only the server's copy stays in this heap

            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Path log = dir.resolve("child.log");
            Process child = new ProcessBuilder(java, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                    LargeDownloadMain.class.getName(), Integer.toString(a.server.port()),
                    dir.resolve("child-Maildir").toString(), dir.resolve("child.ledger").toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean exited = child.waitFor(75, TimeUnit.SECONDS);
            if (!exited) {
                child.destroyForcibly();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(exited).as(output).isTrue();
            assertThat(child.exitValue()).as(output).isZero();
            String[] fields = output.trim().split("\n")[0].split(" ");
            assertThat(fields[0]).isEqualTo("COMPLETED");
            assertThat(Long.parseLong(fields[3])).as("child max heap").isLessThanOrEqualTo(34L * 1024 * 1024);
            System.out.println("[LargeMessageTest] child committed heap " + Long.parseLong(fields[2]) / 1024 + " KiB of "
                    + Long.parseLong(fields[3]) / 1024 + " KiB for a " + length / 1024 + " KiB message");

            List<LocalMessage> stored = MaildirStore.open(dir.resolve("child-Maildir")).list();
            assertThat(stored).singleElement().satisfies(m -> assertThat(m.size()).isEqualTo(length));
            MaildirStore store = MaildirStore.open(dir.resolve("child-Maildir"));
            try (InputStream in = store.open(stored.get(0))) {
                assertThat(sha256(in)).isEqualTo(sha);
            }
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
            d.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(d.digest());
    }
}
