package org.mailaccess.imap;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailaccess.Flag;
import org.mailaccess.FlagOperation;
import org.mailaccess.Flags;
import org.mailaccess.FolderChanges;
import org.mailaccess.FolderSnapshot;
import org.mailaccess.MailboxEvent;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageKey;
import org.mailaccess.MessageSummary;
import org.mailaccess.Watch;

/**
 * Two clients of one mailbox: what one does, the other sees, through {@code changesSince} (here by UID/flag
 * comparison: GreenMail has no CONDSTORE/QRESYNC) and through {@code watch}.
 */
class ImapTwoSessionSyncTest {

    @RegisterExtension
    static GreenMailExtension greenMail = GreenMailImap.extension();

    @Test
    void flagMoveExpungeAndArrivalByOneSessionAreSeenByTheOtherThroughChangesSince() {
        GreenMailImap.user(greenMail);
        try (MailboxSession a = GreenMailImap.open(greenMail); MailboxSession b = GreenMailImap.open(greenMail)) {
            a.createFolder("Archive");
            List<MessageKey> keys = ImapServerOperationsTest.append(a.inbox(), 4);
            FolderSnapshot before = b.inbox().snapshot();
            assertThat(before.flags()).hasSize(4);

            a.inbox().updateFlags(List.of(keys.get(0)), FlagOperation.ADD, Flags.of(Flag.SEEN));
            a.inbox().moveTo(List.of(keys.get(1)), "Archive");
            a.inbox().expunge(List.of(keys.get(2)));
            MessageKey arrived = ImapServerOperationsTest.append(a.inbox(), 1).get(0);

            FolderChanges changes = b.inbox().changesSince(before);
            assertThat(changes.uidValidityChanged()).isFalse();
            assertThat(changes.flagChanges()).containsOnlyKeys(keys.get(0));
            assertThat(changes.flagChanges().get(keys.get(0)).has(Flag.SEEN)).isTrue();
            assertThat(changes.expunged()).containsExactlyInAnyOrder(keys.get(1), keys.get(2));
            assertThat(changes.added()).extracting(MessageSummary::key).containsExactly(arrived);

            FolderChanges none = b.inbox().changesSince(changes.current());
            assertThat(none.added()).isEmpty();
            assertThat(none.flagChanges()).isEmpty();
            assertThat(none.expunged()).isEmpty();
        }
    }

    @Test
    void aRecreatedFolderIsReportedAsUidValidityChangedNeverPaperedOver() throws InterruptedException {
        GreenMailImap.user(greenMail);
        try (MailboxSession a = GreenMailImap.open(greenMail); MailboxSession b = GreenMailImap.open(greenMail)) {
            a.createFolder("Work");
            ImapServerOperationsTest.append(a.folder("Work"), 2);
            FolderSnapshot before = b.folder("Work").snapshot();
            // The snapshot is saved and the session moves on; a later session compares. (GreenMail sends BYE to a
            // session that has the folder selected when it is deleted, and fails the DELETE with an internal
            // NullPointerException if such a session has logged out, so b leaves the folder first.)
            b.inbox().summaries(org.mailaccess.MessageRange.all(), org.mailaccess.FetchSpec.keysAndSizes());
            b.logout();
            a.deleteFolder("Work");
            // GreenMail's UIDVALIDITY is the creation time in seconds, so a folder recreated within the same second
            // would wrongly keep it (RFC 3501 section 2.3.1.1); wait for the next second.
            long second = System.currentTimeMillis() / 1000;
            while (System.currentTimeMillis() / 1000 == second) {
                Thread.sleep(20);
            }
            a.createFolder("Work");
            ImapServerOperationsTest.append(a.folder("Work"), 1);
            FolderChanges changes;
            try (MailboxSession later = GreenMailImap.open(greenMail)) {
                changes = later.folder("Work").changesSince(before);
            }
            assertThat(changes.uidValidityChanged()).isTrue();
            assertThat(changes.added()).isEmpty();
            assertThat(changes.current().uidValidity()).isNotEqualTo(before.uidValidity());
            assertThat(changes.current().flags()).hasSize(1);
        }
    }

    @Test
    void flagMoveExpungeAndArrivalByOneSessionArePushedToTheOthersWatch() throws Exception {
        GreenMailImap.user(greenMail);
        ImapOptions fastIdle = ImapOptions.builder().idleRenewInterval(Duration.ofMillis(500)).build();
        BlockingQueue<MailboxEvent> events = new LinkedBlockingQueue<>();
        try (MailboxSession a = GreenMailImap.open(greenMail); MailboxSession b = GreenMailImap.open(greenMail,
                fastIdle)) {
            a.createFolder("Archive");
            List<MessageKey> keys = ImapServerOperationsTest.append(a.inbox(), 3);
            try (Watch watch = b.watch("INBOX", events::add)) {
                await(events, e -> e instanceof MailboxEvent.Listening l && l.push());

                MessageKey arrived = ImapServerOperationsTest.append(a.inbox(), 1).get(0);
                MailboxEvent.NewMessages added = (MailboxEvent.NewMessages) await(events,
                        e -> e instanceof MailboxEvent.NewMessages);
                assertThat(added.keys()).containsExactly(arrived);

                a.inbox().updateFlags(List.of(keys.get(0)), FlagOperation.ADD, Flags.of(Flag.FLAGGED));
                // GreenMail pushes flag changes only when IDLE is renewed (here every 500 ms).
                MailboxEvent.FlagsChanged flagged = (MailboxEvent.FlagsChanged) await(events,
                        e -> e instanceof MailboxEvent.FlagsChanged);
                assertThat(flagged.key()).isEqualTo(keys.get(0));
                assertThat(flagged.flags().has(Flag.FLAGGED)).isTrue();

                a.inbox().moveTo(List.of(keys.get(1)), "Archive");
                assertThat(((MailboxEvent.Expunged) await(events, e -> e instanceof MailboxEvent.Expunged)).keys())
                        .containsExactly(keys.get(1));
                a.inbox().expunge(List.of(keys.get(2)));
                assertThat(((MailboxEvent.Expunged) await(events, e -> e instanceof MailboxEvent.Expunged)).keys())
                        .containsExactly(keys.get(2));

                long start = System.nanoTime();
                watch.close();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
                assertThat(watch.isRunning()).isFalse();
            }
        }
    }

    @Test
    void withoutIdleTheWatchPollsWithNoop() throws Exception {
        GreenMailImap.user(greenMail);
        ImapOptions polling = ImapOptions.builder().disabledExtensions(Set.of("IDLE"))
                .pollInterval(Duration.ofMillis(200)).build();
        BlockingQueue<MailboxEvent> events = new LinkedBlockingQueue<>();
        try (MailboxSession a = GreenMailImap.open(greenMail); MailboxSession b = GreenMailImap.open(greenMail,
                polling)) {
            try (Watch watch = b.watch("INBOX", events::add)) {
                await(events, e -> e instanceof MailboxEvent.Listening l && !l.push());
                MessageKey arrived = ImapServerOperationsTest.append(a.inbox(), 1).get(0);
                assertThat(((MailboxEvent.NewMessages) await(events, e -> e instanceof MailboxEvent.NewMessages))
                        .keys()).containsExactly(arrived);
            }
        }
    }

    static MailboxEvent await(BlockingQueue<MailboxEvent> events, Predicate<MailboxEvent> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            MailboxEvent e = events.poll(100, TimeUnit.MILLISECONDS);
            if (e != null && wanted.test(e)) {
                return e;
            }
        }
        throw new AssertionError("no such event within 10 s");
    }
}
