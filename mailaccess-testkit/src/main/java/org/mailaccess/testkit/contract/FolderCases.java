package org.mailaccess.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailaccess.testkit.contract.ContractSupport.names;
import static org.mailaccess.testkit.contract.ContractSupport.requires;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mailaccess.Capability;
import org.mailaccess.FolderInfo;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageKey;

/**
 * Folders: the cases of {@link MailboxSessionContract} about creating, listing, renaming, subscribing and deleting
 * folders, non-ASCII folder names included.
 *
 * <p>One part of the contract, not meant to be implemented on its own: extend {@link MailboxSessionContract},
 * which implements every part, runs these cases against its {@link ContractBackend} and reports their skips.
 */
public sealed interface FolderCases extends ContractCases permits MailboxSessionContract {

    /**
     * Folders are created (also below a parent, with the server's hierarchy delimiter), listed, renamed, subscribed
     * and unsubscribed, and deleted; a new folder is empty and a second session sees the same tree.
     */
    @Test
    default void createsListsRenamesSubscribesAndDeletesFolders() {
        String user = backend().createUser();
        try (MailboxSession s = backend().open(user)) {
            requires(backend(), s, Capability.FOLDERS, "folders besides the INBOX");
            Optional<Character> delimiter = s.folders().stream().map(FolderInfo::delimiter)
                    .flatMap(Optional::stream).findFirst();
            assertThat(names(s.folders())).contains(MessageKey.INBOX);
            s.createFolder("Projects");
            String child = delimiter.map(d -> "Projects" + d + "Contract").orElse("Projects Contract");
            String renamed = delimiter.map(d -> "Projects" + d + "Renamed").orElse("Projects Renamed");
            s.createFolder(child);
            assertThat(names(s.folders())).contains("Projects", child);
            assertThat(s.folder(child).status().messages()).isZero();

            s.renameFolder(child, renamed);
            assertThat(names(s.folders())).contains(renamed).doesNotContain(child);

            s.setSubscribed(renamed, true);
            assertThat(names(s.subscribedFolders())).contains(renamed);
            s.setSubscribed(renamed, false);
            assertThat(names(s.subscribedFolders())).doesNotContain(renamed);

            try (MailboxSession other = backend().open(user)) {
                assertThat(names(other.folders())).contains("Projects", renamed);
            }
            s.deleteFolder(renamed);
            s.deleteFolder("Projects");
            assertThat(names(s.folders())).doesNotContain("Projects", renamed).contains(MessageKey.INBOX);
        }
    }

    /**
     * Non-ASCII folder names ({@link ContractCorpus#NON_ASCII_FOLDER_NAMES}, with {@code &}, Cyrillic, Japanese and a
     * character outside the BMP) are created, listed, renamed and deleted as the same Java strings, seen alike by a
     * second session: the modified UTF-7 (or UTF-8) encoding never leaks.
     */
    @Test
    default void handlesNonAsciiFolderNamesAsPlainStrings() {
        String user = backend().createUser();
        List<String> names = ContractCorpus.NON_ASCII_FOLDER_NAMES;
        String renamed = "Überarbeitet ✓";
        try (MailboxSession s = backend().open(user)) {
            requires(backend(), s, Capability.FOLDERS, "folders besides the INBOX");
            for (String name : names) {
                s.createFolder(name);
            }
            assertThat(names(s.folders())).containsAll(names);
            for (String name : names) {
                assertThat(s.folder(name).status().messages()).as("status of %s", name).isZero();
            }
            s.renameFolder(names.get(0), renamed);
            try (MailboxSession other = backend().open(user)) {
                assertThat(names(other.folders())).contains(renamed).containsAll(names.subList(1, names.size()))
                        .doesNotContain(names.get(0));
            }
            s.deleteFolder(renamed);
            for (String name : names.subList(1, names.size())) {
                s.deleteFolder(name);
            }
            assertThat(names(s.folders())).doesNotContainAnyElementsOf(names).doesNotContain(renamed);
        }
    }
}
