package org.mailaccess.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailaccess.CommandFailedException;
import org.mailaccess.FetchSpec;
import org.mailaccess.Flag;
import org.mailaccess.Flags;
import org.mailaccess.Folder;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageKey;
import org.mailaccess.MessagePart;
import org.mailaccess.MessageRange;
import org.mailaccess.MessageSummary;

class ImapMessagesTest {

    @RegisterExtension
    static GreenMailExtension greenMail = GreenMailImap.extension();

    @Test
    void summariesCoverAllNewestUidRangesAndExplicitKeysInOneFetchPerBatch() {
        GreenMailImap.user(greenMail);
        GreenMailImap.RecordingListener events = new GreenMailImap.RecordingListener();
        try (MailboxSession s = GreenMailImap.client(ImapOptions.defaults(), events).open(
                GreenMailImap.endpoint(greenMail), org.mailaccess.Credentials.password(GreenMailImap.USER,
                        GreenMailImap.PASSWORD))) {
            Folder inbox = s.inbox();
            List<MessageKey> keys = new ArrayList<>();
            for (int i = 1; i <= 12; i++) {
                keys.add(inbox.append(new ByteArrayInputStream(GreenMailImap.message("Message " + i, "body " + i)),
                        i % 2 == 0 ? Flags.of(Flag.SEEN) : Flags.NONE, Instant.parse("2026-03-02T10:00:00Z"))
                        .orElseThrow());
            }
            long before = events.commandsStartingWith("UID FETCH") + events.commandsStartingWith("FETCH");
            List<MessageSummary> all = inbox.summaries(MessageRange.all(), FetchSpec.headers());
            long after = events.commandsStartingWith("UID FETCH") + events.commandsStartingWith("FETCH");
            assertThat(after - before).as("FETCH commands for one listing").isEqualTo(1);
            assertThat(all).extracting(MessageSummary::key).containsExactlyElementsOf(keys);
            assertThat(all.get(1).flags().has(Flag.SEEN)).isTrue();
            assertThat(all.get(0).flags().has(Flag.SEEN)).isFalse();
            assertThat(all.get(0).internalDate()).contains(Instant.parse("2026-03-02T10:00:00Z"));
            assertThat(all.get(0).headers().orElseThrow().subject()).contains("Message 1");
            assertThat(all.get(0).size()).isPositive();

            assertThat(inbox.summaries(MessageRange.newest(3), FetchSpec.keysAndSizes()))
                    .extracting(MessageSummary::key).containsExactlyElementsOf(keys.subList(9, 12));
            assertThat(inbox.summaries(MessageRange.uids(keys.get(2).uid(), keys.get(4).uid()), FetchSpec.flags()))
                    .extracting(MessageSummary::key).containsExactlyElementsOf(keys.subList(2, 5));
            // "n:*" beyond the last UID must not return the last message (RFC 3501 section 6.4.8).
            assertThat(inbox.summaries(MessageRange.uids(keys.get(11).uid() + 1, Long.MAX_VALUE),
                    FetchSpec.keysAndSizes())).isEmpty();
            assertThat(inbox.summaries(MessageRange.of(List.of(keys.get(7), keys.get(3))), FetchSpec.headers()))
                    .extracting(MessageSummary::key).containsExactly(keys.get(3), keys.get(7));
            assertThat(inbox.summaries(MessageRange.all(), FetchSpec.keysAndSizes()).get(0).headers()).isEmpty();
        }
    }

    @Test
    void smallFetchBatchesSplitALargeListingIntoSeveralCommandsWithTheSameResult() {
        GreenMailImap.user(greenMail);
        ImapOptions options = ImapOptions.builder().fetchBatchSize(4).build();
        try (MailboxSession s = GreenMailImap.open(greenMail, options)) {
            for (int i = 0; i < 10; i++) {
                s.inbox().append(new ByteArrayInputStream(GreenMailImap.message("m" + i, "b")), Flags.NONE, null);
            }
            assertThat(s.inbox().summaries(MessageRange.all(), FetchSpec.headers())).hasSize(10);
            assertThat(s.inbox().summaries(MessageRange.newest(6), FetchSpec.headers())).hasSize(6)
                    .extracting(m -> m.headers().orElseThrow().subject().orElseThrow())
                    .containsExactly("m4", "m5", "m6", "m7", "m8", "m9");
        }
    }

    @Test
    void aLargeMessageStreamsByteExactInPartialChunks() throws Exception {
        GreenMailImap.user(greenMail);
        ImapOptions options = ImapOptions.builder().fetchChunkSize(64 * 1024).build();
        StringBuilder body = new StringBuilder();
        Random random = new Random(42);
        while (body.length() < 3 * 1024 * 1024) {
            body.append(Long.toHexString(random.nextLong())).append("\r\n");
        }
        byte[] message = GreenMailImap.message("Large", body.toString());
        try (MailboxSession s = GreenMailImap.open(greenMail, options)) {
            MessageKey key = s.inbox().append(new ByteArrayInputStream(message), Flags.NONE, null).orElseThrow();
            byte[] read;
            try (InputStream in = s.inbox().openMessage(key)) {
                read = in.readAllBytes();
            }
            assertThat(read).isEqualTo(message);
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            assertThat(s.inbox().writeMessage(key, sink)).isEqualTo(message.length);
            assertThat(sink.toByteArray()).isEqualTo(message);
            // BODY.PEEK: reading did not set \Seen.
            assertThat(s.inbox().summaries(MessageRange.of(List.of(key)), FetchSpec.flags()).get(0).flags()
                    .has(Flag.SEEN)).isFalse();
        }
    }

    @Test
    void partsListTheMimeLeavesAndOpenPartStreamsOneDecodedAttachment() throws Exception {
        GreenMailImap.user(greenMail);
        byte[] pdf = new byte[5000];
        new Random(7).nextBytes(pdf);
        String b64 = Base64.getMimeEncoder().encodeToString(pdf);
        String m = "From: bob@example.org\r\nTo: ann@example.org\r\nSubject: With attachment\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"XYZ\"\r\n\r\n"
                + "--XYZ\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "Gr=C3=BC=C3=9Fe\r\n"
                + "--XYZ\r\nContent-Type: application/pdf; name=\"report.pdf\"\r\n"
                + "Content-Disposition: attachment; filename=\"report.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + b64 + "\r\n--XYZ--\r\n";
        try (MailboxSession s = GreenMailImap.open(greenMail)) {
            MessageKey key = s.inbox().append(new ByteArrayInputStream(m.getBytes(StandardCharsets.US_ASCII)),
                    Flags.NONE, null).orElseThrow();
            List<MessagePart> parts = s.inbox().parts(key);
            assertThat(parts).extracting(MessagePart::partId).containsExactly("1", "2");
            assertThat(parts.get(1).contentType()).isEqualTo("application/pdf");
            assertThat(parts.get(1).fileName()).contains("report.pdf");
            assertThat(parts.get(1).attachment()).isTrue();
            try (InputStream in = s.inbox().openPart(key, "2")) {
                assertThat(in.readAllBytes()).isEqualTo(pdf);
            }
            try (InputStream in = s.inbox().openPart(key, "1")) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim()).isEqualTo("Grüße");
            }
            assertThatThrownBy(() -> s.inbox().openPart(key, "1 BODY[]")).isInstanceOf(
                    IllegalArgumentException.class);
            assertThatThrownBy(() -> s.inbox().openPart(key, "9")).isInstanceOf(CommandFailedException.class);
        }
    }

    @Test
    void aKeyFromAnEarlierUidValidityIsRefusedBeforeAnythingIsDone() {
        GreenMailImap.user(greenMail);
        try (MailboxSession s = GreenMailImap.open(greenMail)) {
            MessageKey key = s.inbox().append(new ByteArrayInputStream(GreenMailImap.message("x", "y")), Flags.NONE,
                    null).orElseThrow();
            MessageKey stale = new MessageKey(key.folder(), key.uidValidity() + 1, key.id());
            assertThatThrownBy(() -> s.inbox().updateFlags(List.of(stale), org.mailaccess.FlagOperation.ADD,
                    Flags.of(Flag.DELETED))).isInstanceOf(CommandFailedException.class)
                    .satisfies(e -> assertThat(((CommandFailedException) e).responseCode()).contains("UIDVALIDITY"));
            assertThatThrownBy(() -> s.inbox().openMessage(stale)).isInstanceOf(CommandFailedException.class);
            assertThatThrownBy(() -> s.inbox().expunge(List.of(stale))).isInstanceOf(CommandFailedException.class);
            assertThat(s.inbox().summaries(MessageRange.all(), FetchSpec.flags()).get(0).flags().isEmpty()).isTrue();
        }
    }

    @Test
    void openingAnExpungedMessageFailsAtOpen() {
        GreenMailImap.user(greenMail);
        try (MailboxSession s = GreenMailImap.open(greenMail)) {
            MessageKey key = s.inbox().append(new ByteArrayInputStream(GreenMailImap.message("x", "y")), Flags.NONE,
                    null).orElseThrow();
            s.inbox().expunge(List.of(key));
            assertThatThrownBy(() -> s.inbox().openMessage(key)).isInstanceOf(CommandFailedException.class);
            assertThat(s.inbox().summaries(MessageRange.of(List.of(key)), FetchSpec.flags())).isEmpty();
        }
    }
}
