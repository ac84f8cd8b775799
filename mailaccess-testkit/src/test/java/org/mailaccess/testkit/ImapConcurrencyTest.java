package org.mailaccess.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Several connections on one folder: per-connection sequence numbers and untagged updates (RFC 3501 5.2, 7.4.1). */
class ImapConcurrencyTest {

    private FakeImapServer server;
    private ImapAccount alice;

    @BeforeEach
    void start() {
        server = FakeImapServer.start();
        alice = server.addUser("alice", "pw");
        for (int i = 1; i <= 3; i++) {
            alice.deliver(MessageBuilder.message().subject("m" + i));
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ImapTestClient select() throws IOException {
        return ImapTestClient.select(server, "alice", "pw", "INBOX");
    }

    @Test
    void anotherConnectionsExpungeIsHeldBackDuringFetchAndRenumbersAtNoop() throws IOException {
        try (ImapTestClient a = select(); ImapTestClient b = select()) {
            assertThat(b.command("STORE 2 +FLAGS.SILENT (\\Deleted)").ok()).isTrue();
            assertThat(b.command("EXPUNGE").untagged()).containsExactly("* 2 EXPUNGE");
            ImapTestClient.Response fetch = a.command("FETCH 1:* (UID)");
            // No EXPUNGE during FETCH: message 2 is still there for this connection, as a ghost.
            assertThat(fetch.untagged()).containsExactly("* 1 FETCH (UID 1)", "* 2 FETCH (UID 2)",
                    "* 3 FETCH (UID 3)");
            assertThat(a.command("NOOP").untagged()).containsExactly("* 2 EXPUNGE");
            assertThat(a.command("FETCH 2 (UID)").untagged()).containsExactly("* 2 FETCH (UID 3)");
        }
    }

    @Test
    void expungesOfSeveralMessagesAreNumberedOneAfterTheOther() throws IOException {
        try (ImapTestClient a = select(); ImapTestClient b = select()) {
            b.command("STORE 1:2 +FLAGS.SILENT (\\Deleted)");
            b.command("EXPUNGE");
            assertThat(a.command("NOOP").untagged()).containsExactly("* 1 EXPUNGE", "* 1 EXPUNGE");
            assertThat(a.command("FETCH 1 (UID)").untagged()).containsExactly("* 1 FETCH (UID 3)");
        }
    }

    @Test
    void newMessagesAndFlagChangesArriveAtTheNextCommand() throws IOException {
        try (ImapTestClient a = select(); ImapTestClient b = select()) {
            b.command("APPEND INBOX {23+}\r\nSubject: four\r\n\r\nbody\r\n");
            b.command("STORE 1 +FLAGS.SILENT (\\Seen)");
            assertThat(a.command("NOOP").untagged()).containsExactly("* 4 EXISTS", "* 3 RECENT",
                    "* 1 FETCH (UID 1 FLAGS (\\Seen \\Recent))");
        }
    }

    @Test
    void idleReceivesExistsFetchAndExpungeUntilDone() throws IOException {
        try (ImapTestClient a = select()) {
            a.send("a9 IDLE\r\n");
            assertThat(a.readLine()).isEqualTo("+ idling");
            alice.deliver(MessageBuilder.message().subject("pushed"));
            assertThat(a.readLine()).isEqualTo("* 4 EXISTS");
            assertThat(a.readLine()).isEqualTo("* 4 RECENT");
            alice.inbox().setFlags(2, Set.of("\\Flagged"));
            assertThat(a.readLine()).isEqualTo("* 2 FETCH (UID 2 FLAGS (\\Flagged \\Recent))");
            alice.inbox().expunge(1);
            assertThat(a.readLine()).isEqualTo("* 1 EXPUNGE");
            a.send("DONE\r\n");
            assertThat(a.readResponse("a9").tagged()).isEqualTo("a9 OK IDLE terminated");
        }
        assertThat(server.commands()).extracting(RecordedCommand::verb).contains("IDLE", "DONE");
    }

    @Test
    void qresyncReportsExpungesAsVanishedAndResyncsOnSelect() throws IOException {
        long modseq = alice.inbox().highestModseq();
        long validity = alice.inbox().uidValidity();
        alice.inbox().expunge(2);
        alice.inbox().setFlags(3, Set.of("\\Answered"));
        try (ImapTestClient a = ImapTestClient.login(server, "alice", "pw")) {
            assertThat(a.command("ENABLE QRESYNC").untagged()).containsExactly("* ENABLED QRESYNC");
            ImapTestClient.Response select = a.command("SELECT INBOX (QRESYNC (" + validity + " " + modseq + "))");
            assertThat(select.untagged()).contains("* VANISHED (EARLIER) 2",
                    "* 2 FETCH (UID 3 FLAGS (\\Answered \\Recent) MODSEQ (" + alice.inbox().highestModseq() + "))");
            alice.inbox().expunge(1);
            assertThat(a.command("NOOP").untagged()).containsExactly("* VANISHED 1");
            ImapTestClient.Response changed = a.command("UID FETCH 1:* (FLAGS) (CHANGEDSINCE " + modseq
                    + " VANISHED)");
            assertThat(changed.untagged()).first().isEqualTo("* VANISHED (EARLIER) 1:2");
        }
    }

    @Test
    void conditionalStoreReportsModifiedMessages() throws IOException {
        try (ImapTestClient a = select()) {
            long before = alice.inbox().highestModseq();
            alice.inbox().setFlags(1, Set.of("$Seen-elsewhere"));
            ImapTestClient.Response store = a.command("STORE 1:2 (UNCHANGEDSINCE " + before + ") +FLAGS (\\Seen)");
            assertThat(store.tagged()).startsWith("a3 OK [MODIFIED 1]");
            assertThat(alice.inbox().message(1).orElseThrow().flags()).containsExactly("$Seen-elsewhere");
            assertThat(alice.inbox().message(2).orElseThrow().flags()).containsExactly("\\Seen");
        }
    }

    @Test
    void copyWithoutUidplusHasNoCopyuidAndAMissingTargetAsksToCreate() throws IOException {
        server.close();
        server = FakeImapServer.builder().profile(ImapProfile.defaults().withoutUidplus()).start();
        alice = server.addUser("alice", "pw");
        alice.deliver(MessageBuilder.message());
        try (ImapTestClient a = select()) {
            assertThat(a.command("COPY 1 Archive").tagged()).isEqualTo("a3 OK COPY completed");
            assertThat(a.command("COPY 1 Nowhere").tagged()).isEqualTo("a4 NO [TRYCREATE] no such mailbox");
            assertThat(a.command("UID MOVE 1 Trash").untagged()).containsExactly("* 1 EXPUNGE");
        }
        assertThat(alice.folder("Archive").messages()).hasSize(1);
        assertThat(alice.folder("Trash").messages()).hasSize(1);
        assertThat(alice.inbox().messages()).isEmpty();
    }

    @Test
    void uidExpungeRemovesOnlyTheGivenDeletedMessages() throws IOException {
        try (ImapTestClient a = select()) {
            a.command("STORE 1:3 +FLAGS.SILENT (\\Deleted)");
            assertThat(a.command("UID EXPUNGE 2").untagged()).containsExactly("* 2 EXPUNGE");
        }
        assertThat(alice.inbox().messages()).extracting(ImapMessage::uid).containsExactly(1L, 3L);
    }

    @Test
    void aUidvalidityChangeEndsSessionsThatHaveTheFolderSelected() throws IOException {
        try (ImapTestClient a = select()) {
            alice.inbox().resetUidValidity();
            ImapTestClient.Response noop = a.command("NOOP");
            assertThat(noop.untagged()).containsExactly("* BYE [UIDVALIDITY] mailbox was rebuilt");
        }
    }
}
