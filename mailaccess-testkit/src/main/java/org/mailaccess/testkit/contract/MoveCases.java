package org.mailaccess.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailaccess.testkit.contract.ContractSupport.assumeTrue;
import static org.mailaccess.testkit.contract.ContractSupport.deliver;
import static org.mailaccess.testkit.contract.ContractSupport.keys;
import static org.mailaccess.testkit.contract.ContractSupport.messageId;
import static org.mailaccess.testkit.contract.ContractSupport.messageIds;
import static org.mailaccess.testkit.contract.ContractSupport.open;
import static org.mailaccess.testkit.contract.ContractSupport.requires;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mailaccess.Capability;
import org.mailaccess.Folder;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageKey;

/**
 * Moving and copying: the cases of {@link MailboxSessionContract} about moving messages to another folder leaving
 * nothing behind, and copying them.
 *
 * <p>One part of the contract, not meant to be implemented on its own: extend {@link MailboxSessionContract},
 * which implements every part, runs these cases against its {@link ContractBackend} and reports their skips.
 */
public sealed interface MoveCases extends ContractCases permits MailboxSessionContract {

    /**
     * {@link Folder#moveTo} moves exactly the chosen messages into another (non-ASCII) folder and leaves nothing
     * behind, with MOVE (RFC 6851) or COPY + UID EXPUNGE (RFC 4315); with UIDPLUS it reports the new key of each
     * message, which opens the same message.
     */
    @Test
    default void movesMessagesToAnotherFolderLeavingNothingBehind() {
        String user = backend().createUser();
        List<CorpusMessage> corpus = List.of(ContractCorpus.plain(), ContractCorpus.dotLines(),
                ContractCorpus.multipart());
        deliver(backend(), user, corpus);
        String target = "Archiv-ä";
        try (MailboxSession s = backend().open(user)) {
            requires(backend(), s, Capability.FOLDERS, "folders to move to");
            assumeTrue(backend(), s.capabilities().has(Capability.MOVE) || s.capabilities().has(Capability.UIDPLUS),
                    "has neither MOVE nor UIDPLUS, so moving is refused");
            s.createFolder(target);
            List<MessageKey> keys = keys(s.inbox());
            Map<MessageKey, MessageKey> moved = s.inbox().moveTo(List.of(keys.get(0), keys.get(1)), target);
            assertThat(messageIds(s.inbox())).containsExactly(corpus.get(2).messageId());
            assertThat(messageIds(s.folder(target))).containsExactly(corpus.get(0).messageId(),
                    corpus.get(1).messageId());
            if (s.capabilities().has(Capability.UIDPLUS) || !moved.isEmpty()) {
                assertThat(moved).containsOnlyKeys(keys.get(0), keys.get(1));
                assertThat(moved.values()).allSatisfy(k -> assertThat(k.folder()).isEqualTo(target));
                assertThat(messageId(open(s.folder(target), moved.get(keys.get(0)))))
                        .isEqualTo(corpus.get(0).messageId());
            }
        }
    }

    /** {@link Folder#copyTo} copies messages into another folder and keeps the originals. */
    @Test
    default void copiesMessagesAndKeepsTheOriginals() {
        String user = backend().createUser();
        List<CorpusMessage> corpus = List.of(ContractCorpus.plain(), ContractCorpus.dotLines());
        deliver(backend(), user, corpus);
        try (MailboxSession s = backend().open(user)) {
            requires(backend(), s, Capability.FOLDERS, "folders to copy to");
            s.createFolder("Kopien");
            List<MessageKey> keys = keys(s.inbox());
            s.inbox().copyTo(List.of(keys.get(1)), "Kopien");
            assertThat(keys(s.inbox())).containsExactlyElementsOf(keys);
            assertThat(messageIds(s.folder("Kopien"))).containsExactly(corpus.get(1).messageId());
        }
    }
}
