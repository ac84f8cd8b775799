package org.mailaccess.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.Session;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailaccess.Capability;
import org.mailaccess.CommandFailedException;
import org.mailaccess.DeleteMode;
import org.mailaccess.FetchSpec;
import org.mailaccess.Flag;
import org.mailaccess.FlagOperation;
import org.mailaccess.Flags;
import org.mailaccess.Folder;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageKey;
import org.mailaccess.MessageRange;
import org.mailaccess.MessageSummary;
import org.mailaccess.Quota;
import org.mailaccess.UnsupportedCapabilityException;

class ImapServerOperationsTest {

    @RegisterExtension
    static GreenMailExtension greenMail = GreenMailImap.extension();

    @Test
    void flagsAreAddedRemovedAndReplacedForManyMessagesInOneUidStore() {
        GreenMailImap.user(greenMail);
        GreenMailImap.RecordingListener events = new GreenMailImap.RecordingListener();
        try (MailboxSession s = GreenMailImap.client(ImapOptions.defaults(), events).open(
                GreenMailImap.endpoint(greenMail), org.mailaccess.Credentials.password(GreenMailImap.USER,
                        GreenMailImap.PASSWORD))) {
            Folder inbox = s.inbox();
            List<MessageKey> keys = append(inbox, 4);
            inbox.updateFlags(keys, FlagOperation.ADD, new Flags(Set.of(Flag.SEEN, Flag.FLAGGED),
                    Set.of("$Forwarded")));
            assertThat(events.commandsStartingWith("UID STORE")).isEqualTo(1);
            assertThat(flags(inbox)).allSatisfy(f -> assertThat(f.system()).contains(Flag.SEEN, Flag.FLAGGED))
                    .allSatisfy(f -> assertThat(f.keywords()).contains("$Forwarded"));
            inbox.updateFlags(keys.subList(0, 2), FlagOperation.REMOVE, Flags.of(Flag.FLAGGED));
            inbox.updateFlags(keys.subList(3, 4), FlagOperation.REPLACE, Flags.of(Flag.ANSWERED, Flag.DRAFT));
            List<Flags> now = flags(inbox);
            assertThat(now.get(0).system()).containsExactly(Flag.SEEN);
            assertThat(now.get(2).system()).contains(Flag.SEEN, Flag.FLAGGED);
            assertThat(now.get(3).system()).containsExactlyInAnyOrder(Flag.ANSWERED, Flag.DRAFT);
            assertThat(now.get(3).keywords()).isEmpty();
        }
    }

    @Test
    void copyToKeepsTheSourceAndReportsTheNewKeysFromCopyUid() {
        GreenMailImap.user(greenMail);
        try (MailboxSession s = GreenMailImap.open(greenMail)) {
            s.createFolder("Archive");
            List<MessageKey> keys = append(s.inbox(), 3);
            Map<MessageKey, MessageKey> copied = s.inbox().copyTo(keys.subList(0, 2), "Archive");
            assertThat(copied).containsOnlyKeys(keys.get(0), keys.get(1));
            assertThat(copied.values()).allSatisfy(k -> assertThat(k.folder()).isEqualTo("Archive"));
            assertThat(s.inbox().summaries(MessageRange.all(), FetchSpec.keysAndSizes())).hasSize(3);
            assertThat(s.folder("Archive").summaries(MessageRange.all(), FetchSpec.keysAndSizes()))
                    .extracting(MessageSummary::key).containsExactlyInAnyOrderElementsOf(copied.values());
        }
    }

    @Test
    void moveToUsesMoveWhenOffered() {
        GreenMailImap.user(greenMail);
        GreenMailImap.RecordingListener events = new GreenMailImap.RecordingListener();
        try (MailboxSession s = GreenMailImap.client(ImapOptions.defaults(), events).open(
                GreenMailImap.endpoint(greenMail), org.mailaccess.Credentials.password(GreenMailImap.USER,
                        GreenMailImap.PASSWORD))) {
            s.createFolder("Done");
            List<MessageKey> keys = append(s.inbox(), 3);
            s.inbox().moveTo(keys.subList(0, 2), "Done");
            assertThat(events.commandsStartingWith("UID MOVE")).isEqualTo(1);
            assertThat(events.commandsStartingWith("UID EXPUNGE")).isZero();
            assertThat(s.inbox().summaries(MessageRange.all(), FetchSpec.keysAndSizes()))
                    .extracting(MessageSummary::key).containsExactly(keys.get(2));
            assertThat(s.folder("Done").summaries(MessageRange.all(), FetchSpec.keysAndSizes())).hasSize(2);
        }
    }

    @Test
    void moveWithoutMoveCopiesThenExpungesExactlyThoseUidsAndSparesOtherDeletedMessages() {
        GreenMailImap.user(greenMail);
        GreenMailImap.RecordingListener events = new GreenMailImap.RecordingListener();
        ImapOptions noMove = ImapOptions.builder().disabledExtensions(Set.of("MOVE")).build();
        try (MailboxSession s = GreenMailImap.client(noMove, events).open(GreenMailImap.endpoint(greenMail),
                org.mailaccess.Credentials.password(GreenMailImap.USER, GreenMailImap.PASSWORD))) {
            s.createFolder("Done");
            List<MessageKey> keys = append(s.inbox(), 3);
            // Another client's message marked \Deleted but not expunged: a mailbox-wide EXPUNGE would lose it.
            s.inbox().updateFlags(List.of(keys.get(2)), FlagOperation.ADD, Flags.of(Flag.DELETED));
            s.inbox().moveTo(keys.subList(0, 2), "Done");
            assertThat(events.commandsStartingWith("UID MOVE")).isZero();
            assertThat(events.commandsStartingWith("UID COPY")).isEqualTo(1);
            assertThat(events.commandsStartingWith("UID EXPUNGE")).isEqualTo(1);
            assertThat(events.commandsStartingWith("EXPUNGE")).isZero();
            assertThat(s.inbox().summaries(MessageRange.all(), FetchSpec.keysAndSizes()))
                    .extracting(MessageSummary::key).containsExactly(keys.get(2));
            assertThat(s.folder("Done").summaries(MessageRange.all(), FetchSpec.keysAndSizes())).hasSize(2);
        }
    }

    @Test
    void aFailedCopyLeavesTheSourceUntouched() {
        GreenMailImap.user(greenMail);
        ImapOptions noMove = ImapOptions.builder().disabledExtensions(Set.of("MOVE")).build();
        try (MailboxSession s = GreenMailImap.open(greenMail, noMove)) {
            List<MessageKey> keys = append(s.inbox(), 2);
            assertThatThrownBy(() -> s.inbox().moveTo(keys, "Missing")).isInstanceOf(CommandFailedException.class);
            assertThat(flags(s.inbox())).hasSize(2).allSatisfy(f -> assertThat(f.has(Flag.DELETED)).isFalse());
        }
    }

    @Test
    void withoutMoveAndUidPlusAMoveIsRefusedBeforeAnythingIsSent() {
        GreenMailImap.user(greenMail);
        GreenMailImap.RecordingListener events = new GreenMailImap.RecordingListener();
        ImapOptions bare = ImapOptions.builder().disabledExtensions(Set.of("MOVE", "UIDPLUS")).build();
        try (MailboxSession s = GreenMailImap.client(bare, events).open(GreenMailImap.endpoint(greenMail),
                org.mailaccess.Credentials.password(GreenMailImap.USER, GreenMailImap.PASSWORD))) {
            s.createFolder("Done");
            MessageKey k = MessageKey.imap("INBOX", 1, 1);
            int before = events.events.size();
            assertThatThrownBy(() -> s.inbox().moveTo(List.of(k), "Done"))
                    .isInstanceOf(UnsupportedCapabilityException.class)
                    .satisfies(e -> assertThat(((UnsupportedCapabilityException) e).capability())
                            .isEqualTo(Capability.MOVE));
            assertThatThrownBy(() -> s.inbox().expunge(List.of(k)))
                    .isInstanceOf(UnsupportedCapabilityException.class);
            assertThat(events.events.size()).isEqualTo(before);
            assertThat(s.isOpen()).isTrue();
        }
    }

    @Test
    void deleteMovesToTrashWhenPresentAndExpungesOtherwise() {
        GreenMailImap.user(greenMail);
        try (MailboxSession s = GreenMailImap.open(greenMail)) {
            List<MessageKey> keys = append(s.inbox(), 3);
            s.inbox().delete(List.of(keys.get(0)));
            assertThat(s.inbox().summaries(MessageRange.all(), FetchSpec.keysAndSizes())).hasSize(2);
            s.createFolder("Trash");
            s.inbox().delete(List.of(keys.get(1)));
            assertThat(s.folder("Trash").summaries(MessageRange.all(), FetchSpec.keysAndSizes())).hasSize(1);
            s.inbox().delete(List.of(keys.get(2)), DeleteMode.EXPUNGE);
            assertThat(s.folder("Trash").summaries(MessageRange.all(), FetchSpec.keysAndSizes())).hasSize(1);
            assertThat(s.inbox().summaries(MessageRange.all(), FetchSpec.keysAndSizes())).isEmpty();
        }
    }

    @Test
    void moveToTrashFailsClearlyWhenThereIsNoTrash() {
        GreenMailImap.user(greenMail);
        try (MailboxSession s = GreenMailImap.open(greenMail)) {
            List<MessageKey> keys = append(s.inbox(), 1);
            assertThatThrownBy(() -> s.inbox().delete(keys, DeleteMode.MOVE_TO_TRASH))
                    .isInstanceOf(CommandFailedException.class);
            assertThat(s.inbox().summaries(MessageRange.all(), FetchSpec.keysAndSizes())).hasSize(1);
        }
    }

    @Test
    void expungeAllRemovesEveryDeletedMessageOfTheFolder() {
        GreenMailImap.user(greenMail);
        try (MailboxSession s = GreenMailImap.open(greenMail)) {
            List<MessageKey> keys = append(s.inbox(), 3);
            s.inbox().updateFlags(keys.subList(0, 2), FlagOperation.ADD, Flags.of(Flag.DELETED));
            s.inbox().expungeAll();
            assertThat(s.inbox().summaries(MessageRange.all(), FetchSpec.keysAndSizes()))
                    .extracting(MessageSummary::key).containsExactly(keys.get(2));
        }
    }

    @Test
    void appendIntoSentReturnsTheKeyFromAppendUid() {
        GreenMailImap.user(greenMail);
        try (MailboxSession s = GreenMailImap.open(greenMail)) {
            s.createFolder("Sent");
            MessageKey key = s.folder("Sent").append(new ByteArrayInputStream(GreenMailImap.message(
                    "ann@example.org", "Sent one", "x")), Flags.of(Flag.SEEN), null).orElseThrow();
            assertThat(key.folder()).isEqualTo("Sent");
            assertThat(key.uidValidity()).isEqualTo(s.folder("Sent").status().uidValidity().getAsLong());
            assertThat(s.folder("Sent").summaries(MessageRange.of(List.of(key)), FetchSpec.headers()).get(0)
                    .flags().has(Flag.SEEN)).isTrue();
            assertThatThrownBy(() -> s.folder("Nope").append(new ByteArrayInputStream(GreenMailImap.message("a",
                    "b")), Flags.NONE, null)).isInstanceOf(CommandFailedException.class);
        }
    }

    @Test
    void quotaReportsUsageAndLimitPerResource() throws Exception {
        GreenMailImap.user(greenMail);
        setQuota("INBOX", 1000, 20);
        try (MailboxSession s = GreenMailImap.open(greenMail)) {
            append(s.inbox(), 2);
            List<Quota> quotas = s.quota("INBOX");
            assertThat(quotas).isNotEmpty();
            Quota q = quotas.get(0);
            assertThat(q.resource("STORAGE")).hasValueSatisfying(r -> assertThat(r.limit()).isEqualTo(1000));
            assertThat(q.resource("MESSAGES")).hasValueSatisfying(r -> {
                assertThat(r.limit()).isEqualTo(20);
                assertThat(r.usage()).isEqualTo(2);
            });
        }
    }

    @Test
    void quotaIsRefusedBeforeSendingWhenTheServerHasNoQuota() {
        GreenMailImap.user(greenMail);
        greenMail.setQuotaSupported(false);
        try (MailboxSession s = GreenMailImap.open(greenMail)) {
            assertThat(s.capabilities().has(Capability.QUOTA)).isFalse();
            assertThatThrownBy(() -> s.quota("INBOX")).isInstanceOf(UnsupportedCapabilityException.class);
        }
    }

    /** GreenMail's quotas are set over IMAP SETQUOTA; Angus's IMAPStore is used here only as a test tool. */
    private static void setQuota(String root, long storage, long messages) throws Exception {
        Properties p = new Properties();
        Session session = Session.getInstance(p);
        IMAPStore store = (IMAPStore) session.getStore("imap");
        store.connect("127.0.0.1", greenMail.getImap().getPort(), GreenMailImap.USER, GreenMailImap.PASSWORD);
        try {
            jakarta.mail.Quota q = new jakarta.mail.Quota(root);
            q.setResourceLimit("STORAGE", storage);
            q.setResourceLimit("MESSAGES", messages);
            store.setQuota(q);
        } finally {
            store.close();
        }
    }

    static List<MessageKey> append(Folder f, int n) {
        List<MessageKey> keys = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(f.append(new ByteArrayInputStream(GreenMailImap.message("m" + i, "b" + i)), Flags.NONE, null)
                    .orElseThrow());
        }
        return keys;
    }

    private static List<Flags> flags(Folder f) {
        return f.summaries(MessageRange.all(), FetchSpec.flags()).stream().map(MessageSummary::flags).toList();
    }
}
