package org.mailaccess.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import org.mailaccess.Capability;
import org.mailaccess.FetchSpec;
import org.mailaccess.Flags;
import org.mailaccess.Folder;
import org.mailaccess.FolderInfo;
import org.mailaccess.MailboxEvent;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageHeaders;
import org.mailaccess.MessageKey;
import org.mailaccess.MessageRange;
import org.mailaccess.MessageSummary;

/** The helpers the parts of the {@link MailboxSessionContract} share: skipping, seeding, listing and streaming. */
final class ContractSupport {

    private static final long EVENT_WAIT_SECONDS = 15;

    private ContractSupport() {
    }

    // Helpers

    /** An operation that must be refused for lack of a capability. */
    record Refusal(Capability capability, Runnable call) {
    }

    /** Skips the case, with the reason printed, unless the session has the capability. */
    static void requires(ContractBackend backend, MailboxSession s, Capability capability, String forWhat) {
        Assumptions.assumeTrue(s.capabilities().has(capability), () -> backend.name() + " has no " + capability
                + " (needed for " + forWhat + ")");
    }

    /** Skips the case, with the backend's name before the reason, unless the condition holds. */
    static void assumeTrue(ContractBackend backend, boolean condition, String reason) {
        Assumptions.assumeTrue(condition, () -> backend.name() + " " + reason);
    }

    /** Delivers the messages, in order, through the backend's delivery path. */
    static void deliver(ContractBackend backend, String user, List<CorpusMessage> messages) {
        for (CorpusMessage m : messages) {
            backend.deliver(user, m.bytes());
        }
    }

    static List<MessageKey> keys(Folder folder) {
        return folder.summaries(MessageRange.all(), FetchSpec.keysAndSizes()).stream().map(MessageSummary::key)
                .toList();
    }

    /** The Message-IDs of a folder's messages in server order, read from the streamed messages (no TOP needed). */
    static List<String> messageIds(Folder folder) {
        List<String> ids = new ArrayList<>();
        for (MessageKey k : keys(folder)) {
            ids.add(messageId(write(folder, k)));
        }
        return ids;
    }

    static List<String> messageIds(List<CorpusMessage> messages) {
        return messages.stream().map(CorpusMessage::messageId).toList();
    }

    static String messageId(byte[] message) {
        return MessageHeaders.parse(message).messageId().orElse("(no Message-ID)");
    }

    static MessageHeaders headers(MessageSummary summary) {
        return summary.headers().orElseThrow(() -> new AssertionError("no headers in a FetchSpec.headers() listing"
                + " of " + summary.key()));
    }

    static Flags flagsOf(Folder folder, MessageKey key) {
        return single(folder.summaries(MessageRange.of(List.of(key)), FetchSpec.flags())).flags();
    }

    static List<String> names(List<FolderInfo> folders) {
        return folders.stream().map(FolderInfo::name).toList();
    }

    static <T> T single(List<T> list) {
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    static byte[] open(Folder folder, MessageKey key) {
        try (InputStream in = folder.openMessage(key)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] write(Folder folder, MessageKey key) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        long written = folder.writeMessage(key, sink);
        assertThat(written).as("writeMessage's count for %s", key).isEqualTo(sink.size());
        return sink.toByteArray();
    }

    static MailboxEvent await(BlockingQueue<MailboxEvent> events, Predicate<MailboxEvent> wanted,
            String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EVENT_WAIT_SECONDS);
        List<MailboxEvent> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            MailboxEvent e = events.poll(50, TimeUnit.MILLISECONDS);
            if (e == null) {
                continue;
            }
            if (wanted.test(e)) {
                return e;
            }
            seen.add(e);
        }
        return fail("no " + what + " event within " + EVENT_WAIT_SECONDS + " s; saw " + seen);
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** Counts and hashes what it is given, without keeping it. */
    static final class DigestingSink extends OutputStream {
        private final MessageDigest digest = digest();
        long count;

        @Override
        public void write(int b) {
            digest.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            digest.update(b, off, len);
            count += len;
        }

        String hex() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
