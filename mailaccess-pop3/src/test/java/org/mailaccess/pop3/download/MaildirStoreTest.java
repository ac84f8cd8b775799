package org.mailaccess.pop3.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailaccess.MessageKey;

class MaildirStoreTest {

    private static final byte[] HELLO = "Subject: hello\r\n\r\nHi Ann\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER = "Subject: other\r\n\r\nHi Bob\r\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    static LocalMessage put(MessageStore store, String uidl, byte[] bytes) throws IOException {
        try (MessageStore.Draft draft = store.begin(MessageKey.pop3(uidl))) {
            draft.output().write(bytes);
            return draft.commit();
        }
    }

    static byte[] read(MessageStore store, LocalMessage m) throws IOException {
        try (InputStream in = store.open(m)) {
            return in.readAllBytes();
        }
    }

    private List<String> files(String sub) throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve(sub))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aCommittedMessageIsInNewWithItsExactBytesAndNothingStaysInTmp() throws IOException {
        MaildirStore store = MaildirStore.open(dir);

        LocalMessage m = put(store, "uid-1", HELLO);

        assertThat(files("new")).containsExactly(m.id());
        assertThat(files("tmp")).isEmpty();
        assertThat(Files.readAllBytes(dir.resolve("new").resolve(m.id()))).isEqualTo(HELLO);
        assertThat(m.key()).isEqualTo(MessageKey.pop3("uid-1"));
        assertThat(m.size()).isEqualTo(HELLO.length);
    }

    @Test
    void fileNamesFollowTheMaildirConvention() throws IOException {
        LocalMessage m = put(MaildirStore.open(dir), "odd/uid:with.dots", HELLO);

        // time.unique.host, then comma fields; nothing a Maildir reader would split on ('/', ':').
        assertThat(m.id()).matches("\\d+\\.X[0-9a-f]{16}_[0-9a-f]{16}\\.[A-Za-z0-9.-]+,S=" + HELLO.length
                + ",U=[A-Za-z0-9_-]+");
    }

    @Test
    void aDraftClosedWithoutCommitLeavesNothingBehind() throws IOException {
        MaildirStore store = MaildirStore.open(dir);

        try (MessageStore.Draft draft = store.begin(MessageKey.pop3("uid-1"))) {
            draft.output().write(HELLO, 0, 10);
        }

        assertThat(files("tmp")).isEmpty();
        assertThat(files("new")).isEmpty();
        assertThat(store.list()).isEmpty();
    }

    @Test
    void theSameKeyWithTheSameBytesIsStoredOnce() throws IOException {
        MaildirStore store = MaildirStore.open(dir);
        LocalMessage first = put(store, "uid-1", HELLO);

        LocalMessage second = put(MaildirStore.open(dir), "uid-1", HELLO); // as after a restart

        assertThat(second).isEqualTo(first);
        assertThat(files("new")).hasSize(1);
        assertThat(files("tmp")).isEmpty();
    }

    @Test
    void aMessageAReaderMovedToCurAndFlaggedIsStillRecognisedAndReadable() throws IOException {
        MaildirStore store = MaildirStore.open(dir);
        LocalMessage m = put(store, "uid-1", HELLO);
        // What mutt or Dovecot do once the user has read it.
        Files.move(dir.resolve("new").resolve(m.id()), dir.resolve("cur").resolve(m.id() + ":2,S"));

        LocalMessage again = put(store, "uid-1", HELLO);

        assertThat(again.id()).isEqualTo(m.id());
        assertThat(files("new")).isEmpty();
        assertThat(files("cur")).containsExactly(m.id() + ":2,S");
        assertThat(store.find(MessageKey.pop3("uid-1"))).containsExactly(m);
        assertThat(read(store, m)).isEqualTo(HELLO);
    }

    @Test
    void aReusedUidlWithOtherBytesIsStoredAsASecondMessage() throws IOException {
        MaildirStore store = MaildirStore.open(dir);
        LocalMessage first = put(store, "uid-1", HELLO);

        LocalMessage second = put(store, "uid-1", OTHER);

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(store.find(MessageKey.pop3("uid-1"))).hasSize(2);
    }

    @Test
    void listGivesEveryMessageWithItsKeyAndOpenReadsItsBytes() throws IOException {
        MaildirStore store = MaildirStore.open(dir);
        put(store, "uid-1", HELLO);
        put(store, "uid 2/ü", OTHER);

        List<LocalMessage> all = MaildirStore.open(dir).list();

        assertThat(all).extracting(LocalMessage::key).containsExactlyInAnyOrder(MessageKey.pop3("uid-1"),
                MessageKey.pop3("uid 2/ü"));
        for (LocalMessage m : all) {
            assertThat(read(store, m)).isEqualTo(m.key().id().equals("uid-1") ? HELLO : OTHER);
        }
    }

    @Test
    void accountsSharingAMaildirSeeOnlyTheirOwnMessages() throws IOException {
        MaildirStore ann = MaildirStore.open(dir, "ann@pop.example.org");
        MaildirStore bob = MaildirStore.open(dir, "bob@pop.example.org");

        put(ann, "uid-1", HELLO);
        put(bob, "uid-1", HELLO); // same UIDL, same bytes, other account: stored for Bob too

        assertThat(files("new")).hasSize(2);
        assertThat(ann.list()).hasSize(1);
        assertThat(bob.list()).hasSize(1);
        assertThat(ann.list().get(0).id()).isNotEqualTo(bob.list().get(0).id());
    }

    @Test
    void filesOtherProgramsPutInTheMaildirAreIgnored() throws IOException {
        MaildirStore store = MaildirStore.open(dir);
        Files.write(dir.resolve("new").resolve("1700000000.M1P2.otherhost"), HELLO);
        Files.write(dir.resolve("cur").resolve("1700000000.M3P4.otherhost:2,S"), HELLO);

        assertThat(store.list()).isEmpty();
    }

    @Test
    void temporaryFilesOfACrashedWriteAreRemovedAfterThirtySixHours() throws IOException {
        MaildirStore.open(dir);
        Path old = Files.write(dir.resolve("tmp").resolve("old.partial"), HELLO);
        Path recent = Files.write(dir.resolve("tmp").resolve("recent.partial"), HELLO);
        Files.setLastModifiedTime(old, FileTime.from(java.time.Instant.now().minus(Duration.ofHours(37))));

        MaildirStore.open(dir);

        assertThat(old).doesNotExist();
        assertThat(recent).exists(); // maybe another process is still writing it
    }

    @Test
    void deleteRemovesTheMessageWhereverAReaderMovedIt() throws IOException {
        MaildirStore store = MaildirStore.open(dir);
        LocalMessage m = put(store, "uid-1", HELLO);
        Files.move(dir.resolve("new").resolve(m.id()), dir.resolve("cur").resolve(m.id() + ":2,ST"));

        assertThat(store.delete(m)).isTrue();
        assertThat(store.delete(m)).isFalse();
        assertThat(store.list()).isEmpty();
        assertThatThrownBy(() -> store.open(m)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aUidlTooLongForAFileNameIsStoredUnderAHashAndFoundByTheFullUidl() throws IOException {
        MaildirStore store = MaildirStore.open(dir);
        String longUidl = "u".repeat(300);

        LocalMessage m = put(store, longUidl, HELLO);

        assertThat(m.id().length()).isLessThan(200);
        assertThat(store.find(MessageKey.pop3(longUidl))).extracting(LocalMessage::id).containsExactly(m.id());
        assertThat(store.find(MessageKey.pop3("u".repeat(299)))).isEmpty();
        assertThat(read(store, store.find(MessageKey.pop3(longUidl)).get(0))).isEqualTo(HELLO);
    }

    @Test
    void aPreparedMessageIsInvisibleUntilCommittedAndSurvivesClose() throws IOException {
        MaildirStore store = MaildirStore.open(dir);
        String id;
        try (MessageStore.Draft draft = store.begin(MessageKey.pop3("uid-1"))) {
            draft.output().write(HELLO);
            id = draft.prepare();
        }
        assertThat(store.list()).isEmpty();
        assertThat(files("tmp")).containsExactly(id);

        MaildirStore reopened = MaildirStore.open(dir); // a restart must not clean a prepared file away
        assertThat(files("tmp")).containsExactly(id);
        assertThat(reopened.recover(id::equals)).extracting(LocalMessage::id).containsExactly(id);
        assertThat(files("tmp")).isEmpty();
        assertThat(reopened.list()).extracting(LocalMessage::id).containsExactly(id);
    }

    @Test
    void recoveryDiscardsWhatTheLedgerNeverRecorded() throws IOException {
        MaildirStore store = MaildirStore.open(dir);
        try (MessageStore.Draft draft = store.begin(MessageKey.pop3("uid-1"))) {
            draft.output().write(HELLO);
            draft.prepare();
        }

        assertThat(store.recover(id -> false)).isEmpty();
        assertThat(files("tmp")).isEmpty();
        assertThat(store.list()).isEmpty();
    }
}
