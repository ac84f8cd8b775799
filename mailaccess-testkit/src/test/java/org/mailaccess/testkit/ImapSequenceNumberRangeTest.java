package org.mailaccess.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sequence numbers above the message count are a client error, answered BAD as Dovecot answers ("Invalid
 * messageset", checked against Dovecot 2.3): a single number, {@code n:*} with n above the count, and in an empty
 * mailbox every set, {@code *} and {@code 1:*} included. UID sets never are. Commands that need a selected mailbox
 * are answered BAD without one.
 */
class ImapSequenceNumberRangeTest {

    private FakeImapServer server;

    @BeforeEach
    void start() {
        server = FakeImapServer.start();
        server.addUser("alice", "pw");
        server.deliver("alice", "INBOX", MessageBuilder.message().subject("one"));
        server.deliver("alice", "INBOX", MessageBuilder.message().subject("two"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void sequenceNumbersAboveTheCountAreRefusedAsDovecotDoes() throws IOException {
        try (ImapTestClient client = ImapTestClient.login(server, "alice", "pw")) {
            assertThat(client.command("SELECT INBOX").ok()).isTrue();
            assertThat(client.command("FETCH 3 FLAGS").status()).isEqualTo("BAD");
            assertThat(client.command("FETCH 5:* FLAGS").status()).isEqualTo("BAD");
            assertThat(client.command("FETCH 1,7 FLAGS").status()).isEqualTo("BAD");
            assertThat(client.command("STORE 5 +FLAGS (x)").status()).isEqualTo("BAD");
            assertThat(client.command("COPY 9 INBOX").status()).isEqualTo("BAD");
            assertThat(client.command("FETCH 2:* FLAGS").untagged()).hasSize(1);
            assertThat(client.command("FETCH 2:* FLAGS").ok()).isTrue();
            assertThat(client.command("UID FETCH 5:9 FLAGS").ok()).isTrue();
        }
    }

    @Test
    void everySequenceSetIsRefusedInAnEmptyMailboxButUidSetsAreNot() throws IOException {
        try (ImapTestClient client = ImapTestClient.login(server, "alice", "pw")) {
            assertThat(client.command("CREATE Empty").ok()).isTrue();
            assertThat(client.command("SELECT Empty").ok()).isTrue();
            assertThat(client.command("FETCH 1:* FLAGS").status()).isEqualTo("BAD");
            assertThat(client.command("FETCH * FLAGS").status()).isEqualTo("BAD");
            assertThat(client.command("UID FETCH 1:* FLAGS").ok()).isTrue();
        }
    }

    @Test
    void closeAndUnselectWithoutASelectedMailboxAreBad() throws IOException {
        try (ImapTestClient client = ImapTestClient.login(server, "alice", "pw")) {
            assertThat(client.command("CLOSE").status()).isEqualTo("BAD");
            assertThat(client.command("UNSELECT").status()).isEqualTo("BAD");
            assertThat(client.command("FETCH 1 FLAGS").status()).isEqualTo("BAD");
            assertThat(client.command("NOOP").ok()).isTrue();
        }
    }
}
