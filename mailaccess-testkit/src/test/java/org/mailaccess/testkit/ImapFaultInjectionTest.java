package org.mailaccess.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared {@link Fault} kinds on IMAP, including the move crash points of PITFALLS 3.3. */
class ImapFaultInjectionTest {

    private static final String MESSAGE = "Subject: x\r\n\r\n" + "body line\r\n".repeat(100);

    private FakeImapServer server;
    private ImapAccount alice;

    @BeforeEach
    void start() {
        server = FakeImapServer.start();
        alice = server.addUser("alice", "pw");
        alice.deliver(MESSAGE);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ImapTestClient select() throws IOException {
        return ImapTestClient.select(server, "alice", "pw", "INBOX");
    }

    @Test
    void dropOnCommandLeavesTheStoreUntouched() throws IOException {
        server.injectFault(Fault.dropOnCommand("uid move"));
        try (ImapTestClient client = select()) {
            client.send("a9 UID MOVE 1 Archive\r\n");
            assertThat(client.readUntilClosed()).isEmpty();
        }
        assertThat(alice.inbox().messages()).hasSize(1);
        assertThat(alice.folder("Archive").messages()).isEmpty();
    }

    @Test
    void dropAfterProcessingAppliesTheMoveButLosesTheTaggedOk() throws IOException {
        server.injectFault(Fault.dropAfterProcessing("UID MOVE"));
        try (ImapTestClient client = select()) {
            client.send("a9 UID MOVE 1 Archive\r\n");
            assertThat(client.readUntilClosed()).isEmpty();
        }
        assertThat(alice.inbox().messages()).isEmpty();
        assertThat(alice.folder("Archive").messages()).hasSize(1);
    }

    @Test
    void dropAfterReplyBytesCutsAFetchInsideTheLiteral() throws IOException {
        server.injectFault(Fault.dropAfterReplyBytes("UID FETCH", 60));
        try (ImapTestClient client = select()) {
            client.send("a9 UID FETCH 1 BODY.PEEK[]\r\n");
            String received = new String(client.readUntilClosed(), UTF_8);
            assertThat(received).hasSize(60).startsWith("* 1 FETCH (UID 1 BODY[] {" + MESSAGE.length() + "}\r\n"
                    + "Subject: x");
        }
    }

    @Test
    void aFaultOnFetchDoesNotFireOnUidFetch() throws IOException {
        server.injectFault(Fault.errorReply("FETCH", "plain fetch failed"));
        try (ImapTestClient client = select()) {
            assertThat(client.command("UID FETCH 1 (FLAGS)").ok()).isTrue();
            assertThat(client.command("FETCH 1 (FLAGS)").tagged()).isEqualTo("a4 NO plain fetch failed");
        }
    }

    @Test
    void errorBadAndRawRepliesReplaceProcessing() throws IOException {
        server.injectFault(Fault.errorReply("SELECT", "try\r\nlater"));
        server.injectFault(Fault.badReply("NOOP", "bad"));
        server.injectFault(Fault.rawReply("CHECK", "* 99 EXISTS\r\n"));
        try (ImapTestClient client = ImapTestClient.login(server, "alice", "pw")) {
            assertThat(client.command("SELECT INBOX").tagged()).isEqualTo("a2 NO try??later");
            assertThat(client.command("NOOP").tagged()).isEqualTo("a3 BAD bad");
            client.send("a4 CHECK\r\n");
            assertThat(client.readLine()).isEqualTo("* 99 EXISTS");
        }
    }

    @Test
    void stallHoldsTheReply() throws IOException {
        server.injectFault(Fault.stall("NOOP", Duration.ofMillis(300)));
        try (ImapTestClient client = select()) {
            long start = System.nanoTime();
            assertThat(client.command("NOOP").ok()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
    }

    @Test
    void greetingAndDropOnConnectFaults() throws IOException {
        server.injectFault(Fault.dropOnConnect());
        try (ImapTestClient client = ImapTestClient.connect(server)) {
            assertThat(client.readUntilClosed()).isEmpty();
        }
        server.injectFault(Fault.greeting("* BYE [UNAVAILABLE] maintenance\r\n"));
        try (ImapTestClient client = ImapTestClient.connect(server)) {
            assertThat(client.readLine()).isEqualTo("* BYE [UNAVAILABLE] maintenance");
        }
        assertThat(server.connectionCount()).isEqualTo(2);
    }

    @Test
    void faultVerbsAreNormalisedAndOnlyUidPrefixesMayHaveTwoWords() {
        assertThat(Fault.dropOnCommand("uid fetch").verb()).isEqualTo("UID FETCH");
        assertThat(Fault.badReply("fetch", "x").verb()).isEqualTo("FETCH");
    }
}
