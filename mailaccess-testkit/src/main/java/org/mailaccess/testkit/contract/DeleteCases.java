package org.mailaccess.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailaccess.testkit.contract.ContractSupport.assumeTrue;
import static org.mailaccess.testkit.contract.ContractSupport.deliver;
import static org.mailaccess.testkit.contract.ContractSupport.flagsOf;
import static org.mailaccess.testkit.contract.ContractSupport.keys;
import static org.mailaccess.testkit.contract.ContractSupport.messageIds;
import static org.mailaccess.testkit.contract.ContractSupport.requires;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mailaccess.Capability;
import org.mailaccess.DeleteMode;
import org.mailaccess.Flag;
import org.mailaccess.FlagOperation;
import org.mailaccess.Flags;
import org.mailaccess.Folder;
import org.mailaccess.FolderInfo;
import org.mailaccess.FolderRole;
import org.mailaccess.LogoutResult;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageKey;
import org.mailaccess.Protocol;

/**
 * Deleting: the cases of {@link MailboxSessionContract} about deleting exactly the chosen messages (POP3 committed by
 * logout, IMAP at once), the EXPUNGE and MOVE_TO_TRASH modes.
 *
 * <p>One part of the contract, not meant to be implemented on its own: extend {@link MailboxSessionContract},
 * which implements every part, runs these cases against its {@link ContractBackend} and reports their skips.
 */
public sealed interface DeleteCases extends ContractCases permits MailboxSessionContract {

    /**
     * {@link Folder#delete(java.util.Collection)} removes exactly the chosen message: POP3 marks it and removes it
     * only when logout's QUIT is answered, which logout reports as COMMITTED with that key (RFC 1939 section 6); IMAP
     * removes it at once, so logout has nothing pending. A later session lists only the others.
     */
    @Test
    default void deleteRemovesExactlyTheChosenMessageByTheTimeLogoutReturns() {
        String user = backend().createUser();
        List<CorpusMessage> corpus = List.of(ContractCorpus.plain(), ContractCorpus.dotLines(),
                ContractCorpus.multipart());
        deliver(backend(), user, corpus);
        MessageKey doomed;
        try (MailboxSession s = backend().open(user)) {
            doomed = keys(s.inbox()).get(1);
            s.inbox().delete(List.of(doomed));
            assertThat(s.inbox().status().messages()).as("messages after the deletion").isEqualTo(2);
            LogoutResult result = s.logout();
            if (s.protocol() == Protocol.POP3) {
                assertThat(result.outcome()).isEqualTo(LogoutResult.Outcome.COMMITTED);
                assertThat(result.deleted()).containsExactly(doomed);
            } else {
                assertThat(result.outcome()).isEqualTo(LogoutResult.Outcome.NOTHING_PENDING);
            }
        }
        try (MailboxSession s = backend().open(user)) {
            assertThat(messageIds(s.inbox())).containsExactly(corpus.get(0).messageId(), corpus.get(2).messageId());
            if (s.capabilities().has(Capability.PERSISTENT_IDS)) {
                assertThat(keys(s.inbox())).doesNotContain(doomed);
            }
        }
    }

    /**
     * {@link DeleteMode#EXPUNGE} removes exactly the given messages at once ({@code UID EXPUNGE}, RFC 4315), which a
     * second session sees before the first logs out, and never removes a message another client flagged
     * {@code \Deleted} (no mailbox-wide EXPUNGE, RFC 4549 section 4.2.4).
     */
    @Test
    default void expungeModeRemovesExactlyTheseMessagesAndSparesOtherClientsDeletedFlags() {
        String user = backend().createUser();
        List<CorpusMessage> corpus = List.of(ContractCorpus.plain(), ContractCorpus.dotLines(),
                ContractCorpus.multipart());
        deliver(backend(), user, corpus);
        try (MailboxSession a = backend().open(user)) {
            requires(backend(), a, Capability.FOLDERS, "delete modes");
            requires(backend(), a, Capability.UIDPLUS, "UID EXPUNGE of exactly the chosen messages");
            requires(backend(), a, Capability.FLAGS, "a \\Deleted flag set by another client");
            try (MailboxSession b = backend().open(user)) {
                List<MessageKey> keys = keys(a.inbox());
                b.inbox().updateFlags(List.of(keys.get(2)), FlagOperation.ADD, Flags.of(Flag.DELETED));
                a.inbox().delete(List.of(keys.get(0)), DeleteMode.EXPUNGE);
                assertThat(keys(b.inbox())).containsExactly(keys.get(1), keys.get(2));
                assertThat(keys(a.inbox())).containsExactly(keys.get(1), keys.get(2));
                assertThat(flagsOf(b.inbox(), keys.get(2)).has(Flag.DELETED)).isTrue();
                assertThat(a.logout().outcome()).isEqualTo(LogoutResult.Outcome.NOTHING_PENDING);
            }
        }
    }

    /**
     * {@link DeleteMode#MOVE_TO_TRASH} moves the message into the folder with the {@code \Trash} role (RFC 6154), found
     * by name ("Trash") when the server has no SPECIAL-USE.
     */
    @Test
    default void moveToTrashModeMovesIntoTheTrashFolder() {
        String user = backend().createUser();
        List<CorpusMessage> corpus = List.of(ContractCorpus.plain(), ContractCorpus.dotLines());
        deliver(backend(), user, corpus);
        try (MailboxSession s = backend().open(user)) {
            requires(backend(), s, Capability.FOLDERS, "a Trash folder");
            assumeTrue(backend(), s.capabilities().has(Capability.MOVE) || s.capabilities().has(Capability.UIDPLUS),
                    "has neither MOVE nor UIDPLUS, so moving is refused");
            Optional<FolderInfo> trash = s.folderWithRole(FolderRole.TRASH);
            if (trash.isEmpty()) {
                s.createFolder("Trash");
                trash = s.folderWithRole(FolderRole.TRASH);
            }
            assertThat(trash).as("the folder with the Trash role (by SPECIAL-USE, or a folder named Trash)")
                    .isPresent();
            MessageKey doomed = keys(s.inbox()).get(0);
            s.inbox().delete(List.of(doomed), DeleteMode.MOVE_TO_TRASH);
            assertThat(messageIds(s.inbox())).containsExactly(corpus.get(1).messageId());
            assertThat(messageIds(s.folder(trash.get().name()))).containsExactly(corpus.get(0).messageId());
        }
    }
}
