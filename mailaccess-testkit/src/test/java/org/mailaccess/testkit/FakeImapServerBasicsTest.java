package org.mailaccess.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailaccess.testkit.junit5.FakeServers;

class FakeImapServerBasicsTest {

    private FakeImapServer server;
    private ImapAccount alice;

    @BeforeEach
    void startServer() {
        server = FakeImapServer.start();
        alice = server.addUser("alice", "pw");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void greetingAdvertisesPreLoginCapabilitiesAndLoginAnswersWithTheFullSet() throws IOException {
        try (ImapTestClient client = ImapTestClient.connect(server)) {
            String greeting = client.readLine();
            assertThat(greeting).startsWith("* OK [CAPABILITY IMAP4rev1 ").contains("STARTTLS", "AUTH=PLAIN")
                    .doesNotContain("MOVE");
            ImapTestClient.Response login = client.command("LOGIN alice pw");
            assertThat(login.tagged()).startsWith("a1 OK [CAPABILITY IMAP4rev1 ").contains("MOVE", "UIDPLUS",
                    "CONDSTORE", "QRESYNC", "SPECIAL-USE", "QUOTA", "IDLE").doesNotContain("STARTTLS");
        }
    }

    @Test
    void selectFetchAndStoreWork() throws IOException {
        alice.deliver(MessageBuilder.message().subject("Hello").body("Hi there"));
        try (ImapTestClient client = ImapTestClient.login(server, "alice", "pw")) {
            ImapTestClient.Response select = client.command("SELECT INBOX");
            assertThat(select.untagged()).contains("* 1 EXISTS", "* 1 RECENT");
            assertThat(select.tagged()).isEqualTo("a2 OK [READ-WRITE] SELECT completed");
            ImapTestClient.Response fetch = client.command("FETCH 1 (UID FLAGS RFC822.SIZE ENVELOPE BODYSTRUCTURE)");
            assertThat(fetch.ok()).as(fetch.all()).isTrue();
            assertThat(fetch.untagged().get(0)).startsWith("* 1 FETCH (UID 1 FLAGS (\\Recent) RFC822.SIZE ")
                    .contains("\"Hello\"", "(\"text\" \"plain\" (\"CHARSET\" ");
            ImapTestClient.Response body = client.command("UID FETCH 1 (BODY[TEXT])");
            assertThat(body.untagged().get(0)).contains("BODY[TEXT] {").contains("Hi there")
                    .contains("FLAGS (\\Seen \\Recent)");
            assertThat(alice.inbox().messages().get(0).flags()).containsExactly("\\Seen");
            ImapTestClient.Response store = client.command("STORE 1 +FLAGS (\\Flagged $Label1)");
            assertThat(store.untagged()).containsExactly("* 1 FETCH (FLAGS ($Label1 \\Flagged \\Seen \\Recent))");
        }
    }

    @Test
    @FakeServers
    void theJunitExtensionInjectsAStartedImapServer(FakeImapServer injected) throws IOException {
        injected.addUser("bob", "pw");
        try (ImapTestClient client = ImapTestClient.login(injected, "bob", "pw")) {
            assertThat(client.command("LIST \"\" INBOX").untagged()).hasSize(1);
        }
    }
}
