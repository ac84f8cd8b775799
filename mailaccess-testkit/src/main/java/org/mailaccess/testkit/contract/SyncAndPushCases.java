package org.mailaccess.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailaccess.testkit.contract.ContractSupport.await;
import static org.mailaccess.testkit.contract.ContractSupport.deliver;
import static org.mailaccess.testkit.contract.ContractSupport.keys;
import static org.mailaccess.testkit.contract.ContractSupport.messageId;
import static org.mailaccess.testkit.contract.ContractSupport.open;
import static org.mailaccess.testkit.contract.ContractSupport.requires;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.mailaccess.Capability;
import org.mailaccess.Flag;
import org.mailaccess.FlagOperation;
import org.mailaccess.Flags;
import org.mailaccess.Folder;
import org.mailaccess.FolderChanges;
import org.mailaccess.FolderSnapshot;
import org.mailaccess.MailboxEvent;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageKey;
import org.mailaccess.Watch;

/**
 * Changes and push: the cases of {@link MailboxSessionContract} about changes by others since a saved snapshot, and a
 * watch that reports new mail.
 *
 * <p>One part of the contract, not meant to be implemented on its own: extend {@link MailboxSessionContract},
 * which implements every part, runs these cases against its {@link ContractBackend} and reports their skips.
 */
public sealed interface SyncAndPushCases extends ContractCases permits MailboxSessionContract {

    /**
     * {@link Folder#changesSince} reports, against a saved snapshot, what another session and a delivery changed:
     * a flag change, an expunged message and a new one, with the same UIDVALIDITY; asked again with the new snapshot
     * it reports nothing.
     */
    @Test
    default void reportsChangesByOthersSinceASavedSnapshot() {
        String user = backend().createUser();
        deliver(backend(), user,
                List.of(ContractCorpus.plain(), ContractCorpus.dotLines(), ContractCorpus.multipart()));
        try (MailboxSession a = backend().open(user)) {
            requires(backend(), a, Capability.FLAGS, "snapshots of flags");
            requires(backend(), a, Capability.UIDPLUS, "another session expunging one message");
            List<MessageKey> keys = keys(a.inbox());
            FolderSnapshot snapshot = a.inbox().snapshot();
            assertThat(snapshot.flags().keySet()).containsExactlyInAnyOrderElementsOf(
                    keys.stream().map(MessageKey::uid).toList());
            try (MailboxSession b = backend().open(user)) {
                b.inbox().updateFlags(List.of(keys.get(0)), FlagOperation.ADD, Flags.of(Flag.SEEN));
                b.inbox().expunge(List.of(keys.get(1)));
            }
            backend().deliver(user, ContractCorpus.utf8Headers().bytes());

            FolderChanges changes = a.inbox().changesSince(snapshot);
            assertThat(changes.uidValidityChanged()).isFalse();
            assertThat(changes.flagChanges()).containsOnlyKeys(keys.get(0));
            assertThat(changes.flagChanges().get(keys.get(0)).has(Flag.SEEN)).isTrue();
            assertThat(changes.expunged()).containsExactly(keys.get(1));
            assertThat(changes.added()).hasSize(1);
            MessageKey added = changes.added().get(0).key();
            assertThat(keys).doesNotContain(added);
            assertThat(messageId(open(a.inbox(), added))).isEqualTo(ContractCorpus.utf8Headers().messageId());

            FolderChanges none = a.inbox().changesSince(changes.current());
            assertThat(none.uidValidityChanged()).isFalse();
            assertThat(none.added()).isEmpty();
            assertThat(none.flagChanges()).isEmpty();
            assertThat(none.expunged()).isEmpty();
        }
    }

    /**
     * A watch on the INBOX (IMAP IDLE, RFC 2177) reports that it listens with push, then reports a message the
     * backend delivers as new, with a key that lists that message; closing the watch stops it.
     *
     * @throws InterruptedException when interrupted while waiting for events
     */
    @Test
    default void watchReportsAMessageDeliveredByTheBackend() throws InterruptedException {
        String user = backend().createUser();
        try (MailboxSession s = backend().open(user)) {
            requires(backend(), s, Capability.PUSH, "push");
            BlockingQueue<MailboxEvent> events = new LinkedBlockingQueue<>();
            Watch watch = s.watch(MessageKey.INBOX, events::add);
            try {
                await(events, e -> e instanceof MailboxEvent.Listening l && l.push(), "Listening(push=true)");
                backend().deliver(user, ContractCorpus.plain().bytes());
                MailboxEvent.NewMessages added = (MailboxEvent.NewMessages) await(events,
                        e -> e instanceof MailboxEvent.NewMessages, "NewMessages");
                assertThat(added.keys()).hasSize(1);
                assertThat(keys(s.inbox())).containsExactlyElementsOf(added.keys());
            } finally {
                watch.close();
            }
            assertThat(watch.isRunning()).isFalse();
        }
    }
}
