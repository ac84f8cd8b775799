package org.mailaccess.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailaccess.CommandFailedException;
import org.mailaccess.Flags;
import org.mailaccess.FolderInfo;
import org.mailaccess.FolderRole;
import org.mailaccess.FolderStatus;
import org.mailaccess.MailboxSession;

class ImapFoldersTest {

    @RegisterExtension
    static GreenMailExtension greenMail = GreenMailImap.extension();

    @Test
    void foldersMirrorTheServerTreeWithDelimiterAndAttributes() {
        GreenMailImap.user(greenMail);
        try (MailboxSession s = GreenMailImap.open(greenMail)) {
            s.createFolder("Projects");
            s.createFolder("Projects.2026");
            List<FolderInfo> folders = s.folders();
            assertThat(folders).extracting(FolderInfo::name).contains("INBOX", "Projects", "Projects.2026");
            FolderInfo child = find(folders, "Projects.2026");
            // GreenMail's hierarchy delimiter is '.': a name is a full path, so "Projects.2026" is one level deeper.
            assertThat(child.delimiter()).contains('.');
            assertThat(find(folders, "INBOX").role()).contains(FolderRole.INBOX);
            assertThat(find(folders, "INBOX").selectable()).isTrue();
        }
    }

    @Test
    void rolesComeFromWellKnownNamesWhenTheServerHasNoSpecialUse() {
        GreenMailImap.user(greenMail);
        try (MailboxSession s = GreenMailImap.open(greenMail)) {
            for (String name : List.of("Sent Items", "Trash", "Drafts", "Spam", "Archive", "Receipts")) {
                s.createFolder(name);
            }
            assertThat(s.folderWithRole(FolderRole.SENT)).map(FolderInfo::name).contains("Sent Items");
            assertThat(s.folderWithRole(FolderRole.TRASH)).map(FolderInfo::name).contains("Trash");
            assertThat(s.folderWithRole(FolderRole.DRAFTS)).map(FolderInfo::name).contains("Drafts");
            assertThat(s.folderWithRole(FolderRole.JUNK)).map(FolderInfo::name).contains("Spam");
            assertThat(s.folderWithRole(FolderRole.ARCHIVE)).map(FolderInfo::name).contains("Archive");
            assertThat(find(s.folders(), "Receipts").role()).isEmpty();
        }
    }

    @Test
    void createRenameSubscribeAndDeleteAFolder() {
        GreenMailImap.user(greenMail);
        try (MailboxSession s = GreenMailImap.open(greenMail)) {
            s.createFolder("Old");
            s.setSubscribed("Old", true);
            assertThat(s.subscribedFolders()).extracting(FolderInfo::name).contains("Old");
            s.renameFolder("Old", "New");
            assertThat(s.folders()).extracting(FolderInfo::name).contains("New").doesNotContain("Old");
            s.setSubscribed("New", true);
            s.setSubscribed("New", false);
            assertThat(s.subscribedFolders()).extracting(FolderInfo::name).doesNotContain("New");
            s.folder("New").status();
            s.deleteFolder("New");
            assertThat(s.folders()).extracting(FolderInfo::name).doesNotContain("New");
        }
    }

    @Test
    void operationsOnAMissingFolderFailWithCommandFailedExceptionAndTheSessionStaysUsable() {
        GreenMailImap.user(greenMail);
        try (MailboxSession s = GreenMailImap.open(greenMail)) {
            assertThatThrownBy(() -> s.folder("Nowhere").status()).isInstanceOf(CommandFailedException.class);
            assertThatThrownBy(() -> s.folder("Nowhere").summaries(org.mailaccess.MessageRange.all(),
                    org.mailaccess.FetchSpec.keysAndSizes())).isInstanceOf(CommandFailedException.class);
            assertThat(s.isOpen()).isTrue();
            s.noop();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Tom & Jerry", "with space", "Entwürfe", "Ящик", "日本語", "emoji 😀 mail", "&-", "a&b&c",
            "quote\"d", "back\\slash", "{5}", "100%*", "(paren)"})
    void folderNamesRoundTripExactlyThroughModifiedUtf7(String name) {
        GreenMailImap.user(greenMail);
        try (MailboxSession s = GreenMailImap.open(greenMail)) {
            s.createFolder(name);
            assertThat(s.folders()).extracting(FolderInfo::name).contains(name);
            s.folder(name).append(new ByteArrayInputStream(GreenMailImap.message("in " + name, "x")), Flags.NONE,
                    null);
            FolderStatus status = s.folder(name).status();
            assertThat(status.messages()).isEqualTo(1);
            assertThat(status.folder()).isEqualTo(name);
            s.deleteFolder(name);
            assertThat(s.folders()).extracting(FolderInfo::name).doesNotContain(name);
        }
    }

    @Test
    void statusReportsCountersAndUidValidity() {
        GreenMailImap.user(greenMail);
        try (MailboxSession s = GreenMailImap.open(greenMail)) {
            s.inbox().append(new ByteArrayInputStream(GreenMailImap.message("a", "x")), Flags.NONE, null);
            s.inbox().append(new ByteArrayInputStream(GreenMailImap.message("b", "y")),
                    Flags.of(org.mailaccess.Flag.SEEN), null);
            FolderStatus st = s.inbox().status();
            assertThat(st.messages()).isEqualTo(2);
            assertThat(st.unseen()).hasValue(1);
            assertThat(st.uidValidity()).isPresent();
            assertThat(st.uidNext()).isPresent();
            // GreenMail has no CONDSTORE and no STATUS=SIZE.
            assertThat(st.highestModSeq()).isEmpty();
            assertThat(st.totalSize()).isEmpty();
        }
    }

    private static FolderInfo find(List<FolderInfo> folders, String name) {
        Optional<FolderInfo> f = folders.stream().filter(x -> x.name().equals(name)).findFirst();
        assertThat(f).as("folder " + name).isPresent();
        return f.get();
    }
}
