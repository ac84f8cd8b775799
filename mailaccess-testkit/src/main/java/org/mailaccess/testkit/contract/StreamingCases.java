package org.mailaccess.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mailaccess.testkit.contract.ContractSupport.deliver;
import static org.mailaccess.testkit.contract.ContractSupport.keys;
import static org.mailaccess.testkit.contract.ContractSupport.messageId;
import static org.mailaccess.testkit.contract.ContractSupport.open;
import static org.mailaccess.testkit.contract.ContractSupport.requires;
import static org.mailaccess.testkit.contract.ContractSupport.sha256;
import static org.mailaccess.testkit.contract.ContractSupport.single;
import static org.mailaccess.testkit.contract.ContractSupport.write;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailaccess.Capability;
import org.mailaccess.CommandFailedException;
import org.mailaccess.FetchSpec;
import org.mailaccess.Folder;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageKey;
import org.mailaccess.MessagePart;
import org.mailaccess.MessageRange;
import org.mailaccess.MessageSummary;
import org.mailaccess.Protocol;
import org.mailaccess.testkit.contract.ContractSupport.DigestingSink;

/**
 * Streaming: the cases of {@link MailboxSessionContract} about streaming messages byte-exact (lines starting with a
 * dot, a large message, an early close), a missing message, and single MIME parts.
 *
 * <p>One part of the contract, not meant to be implemented on its own: extend {@link MailboxSessionContract},
 * which implements every part, runs these cases against its {@link ContractBackend} and reports their skips.
 */
public sealed interface StreamingCases extends ContractCases permits MailboxSessionContract {

    /**
     * {@link Folder#openMessage} and {@link Folder#writeMessage} return each message exactly as delivered, byte for
     * byte: encoded words, raw UTF-8, multipart, and lines that start with {@code "."} (which POP3 dot-stuffs).
     */
    @Test
    default void streamsEachMessageByteExactAsDelivered() {
        String user = backend().createUser();
        List<CorpusMessage> corpus = ContractCorpus.small();
        deliver(backend(), user, corpus);
        try (MailboxSession s = backend().open(user)) {
            List<MessageKey> keys = keys(s.inbox());
            for (int i = 0; i < corpus.size(); i++) {
                CorpusMessage expected = corpus.get(i);
                byte[] opened = open(s.inbox(), keys.get(i));
                assertThat(new String(opened, StandardCharsets.UTF_8)).as("openMessage of %s", expected.name())
                        .isEqualTo(expected.text());
                assertThat(opened).as("openMessage bytes of %s", expected.name()).isEqualTo(expected.bytes());
                ByteArrayOutputStream sink = new ByteArrayOutputStream();
                long written = s.inbox().writeMessage(keys.get(i), sink);
                assertThat(sink.toByteArray()).as("writeMessage bytes of %s", expected.name())
                        .isEqualTo(expected.bytes());
                assertThat(written).isEqualTo(expected.size());
            }
            s.noop();
        }
    }

    /**
     * Whatever a server stores, what it streams keeps lines that start with {@code "."} intact (no dot-stuffing left
     * over, no early end at a lone {@code "."}), is the same through {@link Folder#openMessage} and
     * {@link Folder#writeMessage}, and leaves the session in step for the next message.
     */
    @Test
    default void streamsLinesStartingWithADotIntact() {
        String user = backend().createUser();
        CorpusMessage dots = ContractCorpus.dotLines();
        CorpusMessage after = ContractCorpus.plain();
        deliver(backend(), user, List.of(dots, after));
        try (MailboxSession s = backend().open(user)) {
            List<MessageSummary> listed = s.inbox().summaries(MessageRange.all(), FetchSpec.keysAndSizes());
            assertThat(listed).hasSize(2);
            byte[] opened = open(s.inbox(), listed.get(0).key());
            String text = new String(opened, StandardCharsets.US_ASCII);
            assertThat(text).contains("\r\n\r\n.\r\n..\r\n..x\r\n.leading dot\r\n\r\n. \r\nmiddle, dotted\r\n.\r\n");
            assertThat(write(s.inbox(), listed.get(0).key())).isEqualTo(opened);
            String next = new String(open(s.inbox(), listed.get(1).key()), StandardCharsets.US_ASCII);
            assertThat(next).contains(after.messageId()).contains(after.bodyMarker());
            s.noop();
        }
    }

    /**
     * A message of several MB ({@link ContractCorpus#largeAttachment()}) streams byte-exact; a stream closed after
     * its first 64 KiB leaves the session usable.
     *
     * @throws IOException when the stream fails
     */
    @Test
    default void streamsALargeMessageByteExactAndSurvivesAnEarlyClose() throws IOException {
        String user = backend().createUser();
        CorpusMessage large = ContractCorpus.largeAttachment();
        backend().deliver(user, large.bytes());
        try (MailboxSession s = backend().open(user)) {
            MessageSummary m = single(s.inbox().summaries(MessageRange.all(), FetchSpec.keysAndSizes()));
            try (InputStream in = s.inbox().openMessage(m.key())) {
                byte[] start = in.readNBytes(64 * 1024);
                assertThat(start).isEqualTo(Arrays.copyOf(large.bytes(), start.length));
            }
            s.noop();
            assertThat(s.inbox().status().messages()).isEqualTo(1);
            DigestingSink sink = new DigestingSink();
            long written = s.inbox().writeMessage(m.key(), sink);
            assertThat(written).isEqualTo(large.size());
            assertThat(sink.count).isEqualTo(large.size());
            assertThat(sink.hex()).as("SHA-256 of the streamed message").isEqualTo(sha256(large.bytes()));
        }
    }

    /**
     * Asking for a message the server does not have fails with {@link CommandFailedException} (not a connection
     * error), and the session stays usable.
     */
    @Test
    default void openingAMessageTheServerDoesNotHaveFailsAndKeepsTheSessionUsable() {
        String user = backend().createUser();
        CorpusMessage plain = ContractCorpus.plain();
        backend().deliver(user, plain.bytes());
        try (MailboxSession s = backend().open(user)) {
            MessageKey real = single(keys(s.inbox()));
            String missingId = s.protocol() == Protocol.IMAP ? Long.toString(real.uid() + 1000)
                    : "no-such-" + real.id();
            MessageKey missing = new MessageKey(real.folder(), real.uidValidity(), missingId);
            Throwable thrown = catchThrowable(() -> open(s.inbox(), missing));
            assertThat(thrown).as("opening %s", missing).isInstanceOf(CommandFailedException.class);
            assertThat(((CommandFailedException) thrown).isSessionUsable()).isTrue();
            assertThat(s.isOpen()).isTrue();
            s.noop();
            assertThat(messageId(open(s.inbox(), real))).isEqualTo(plain.messageId());
        }
    }

    /**
     * The leaf parts of a multipart message are listed with type, decoded file name and attachment flag, and one
     * attachment streams transfer-decoded without the rest of the message.
     *
     * @throws IOException when the stream fails
     */
    @Test
    default void listsPartsAndStreamsOneAttachmentDecoded() throws IOException {
        String user = backend().createUser();
        backend().deliver(user, ContractCorpus.multipart().bytes());
        try (MailboxSession s = backend().open(user)) {
            requires(backend(), s, Capability.PARTIAL_FETCH, "listing and fetching single MIME parts");
            MessageKey key = single(keys(s.inbox()));
            List<MessagePart> parts = s.inbox().parts(key);
            assertThat(parts).extracting(p -> p.contentType().toLowerCase(java.util.Locale.ROOT))
                    .containsExactly("text/plain", "text/html", "application/octet-stream");
            MessagePart attachment = parts.get(2);
            assertThat(attachment.attachment()).isTrue();
            assertThat(attachment.fileName()).contains(ContractCorpus.MULTIPART_ATTACHMENT_NAME);
            try (InputStream in = s.inbox().openPart(key, attachment.partId())) {
                assertThat(in.readAllBytes()).isEqualTo(ContractCorpus.multipartAttachment());
            }
            s.noop();
        }
    }
}
