package org.mailaccess.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ImapAuthAndTlsTest {

    private FakeImapServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private FakeImapServer start(ImapProfile profile) {
        server = FakeImapServer.builder().profile(profile).start();
        server.addUser("alice", "pw");
        return server;
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(UTF_8));
    }

    @Test
    void authenticatePlainAcceptsAnInitialResponseAndAContinuation() throws IOException {
        start(ImapProfile.defaults());
        try (ImapTestClient client = ImapTestClient.connect(server)) {
            client.readLine();
            assertThat(client.command("AUTHENTICATE PLAIN " + b64("\0alice\0wrong")).tagged())
                    .isEqualTo("a1 NO [AUTHENTICATIONFAILED] invalid credentials");
            client.send("a2 AUTHENTICATE PLAIN\r\n");
            assertThat(client.readLine()).isEqualTo("+ ");
            client.send(b64("\0alice\0pw") + "\r\n");
            assertThat(client.readResponse("a2").tagged()).startsWith("a2 OK [CAPABILITY IMAP4rev1");
        }
        assertThat(server.commands()).extracting(RecordedCommand::verb)
                .containsExactly("AUTHENTICATE", "AUTHENTICATE", RecordedCommand.CONTINUATION);
        assertThat(server.commands().get(0).tag()).isEqualTo("a1");
    }

    @Test
    void authenticateXoauth2TakesThePasswordAsBearerToken() throws IOException {
        start(ImapProfile.defaults());
        try (ImapTestClient client = ImapTestClient.connect(server)) {
            client.readLine();
            String token = b64("user=alice\u0001auth=Bearer pw\u0001\u0001");
            assertThat(client.command("AUTHENTICATE XOAUTH2 " + token).ok()).isTrue();
        }
    }

    @Test
    void loginAcceptsQuotedStringsAndLiteralsAndIsRecordedRaw() throws IOException {
        server = FakeImapServer.start();
        server.addUser("alice", "p w\"\\{5}");
        try (ImapTestClient client = ImapTestClient.connect(server)) {
            client.readLine();
            client.send("a1 LOGIN \"alice\" {8}\r\n");
            assertThat(client.readLine()).startsWith("+ ");
            client.send("p w\"\\{5}\r\n");
            assertThat(client.readResponse("a1").ok()).isTrue();
        }
        RecordedCommand login = server.commands().get(0);
        assertThat(login.line()).isEqualTo("a1 LOGIN \"alice\" {8}\r\np w\"\\{5}");
        assertThat(login.literals()).singleElement().satisfies(l -> assertThat(new String(l, UTF_8))
                .isEqualTo("p w\"\\{5}"));
        assertThat(login.arguments()).startsWith("\"alice\" {8}");
    }

    @Test
    void starttlsDiscardsPlaintextPipelinedBehindIt() throws IOException {
        start(ImapProfile.defaults());
        try (ImapTestClient client = ImapTestClient.connect(server)) {
            client.readLine();
            client.send("a1 STARTTLS\r\na2 LOGIN alice pw\r\n");
            assertThat(client.readLine()).isEqualTo("a1 OK begin TLS negotiation now");
            client.startTls();
            ImapTestClient.Response capability = client.command("CAPABILITY");
            assertThat(capability.untagged().get(0)).doesNotContain("STARTTLS");
            assertThat(capability.ok()).isTrue();
        }
        assertThat(server.commands()).extracting(RecordedCommand::verb).containsExactly("STARTTLS", "CAPABILITY");
        assertThat(server.commands().get(1).tls()).isTrue();
    }

    @Test
    void implicitTlsServesImapsAndRefusesStarttls() throws IOException {
        server = FakeImapServer.builder().implicitTls().start();
        server.addUser("alice", "pw");
        assertThat(server.endpoint().tls()).isEqualTo(org.mailaccess.TlsMode.IMPLICIT);
        try (ImapTestClient client = ImapTestClient.connectTls(server)) {
            assertThat(client.readLine()).startsWith("* OK").doesNotContain("STARTTLS");
            assertThat(client.command("STARTTLS").status()).isEqualTo("BAD");
            assertThat(client.command("LOGIN alice pw").ok()).isTrue();
        }
    }

    @Test
    void loginDisabledProfileRefusesLoginUntilTls() throws IOException {
        start(ImapProfile.defaults().withLoginDisabled());
        try (ImapTestClient client = ImapTestClient.connect(server)) {
            assertThat(client.readLine()).contains("LOGINDISABLED").doesNotContain("AUTH=PLAIN");
            assertThat(client.command("LOGIN alice pw").tagged()).startsWith("a1 NO [PRIVACYREQUIRED]");
            assertThat(client.command("STARTTLS").ok()).isTrue();
            client.startTls();
            assertThat(client.command("CAPABILITY").untagged().get(0)).doesNotContain("LOGINDISABLED")
                    .contains("AUTH=PLAIN");
            assertThat(client.command("LOGIN alice pw").ok()).isTrue();
        }
    }

    @Test
    void preauthProfileGreetsAuthenticatedSoStarttlsIsNoLongerPossible() throws IOException {
        start(ImapProfile.defaults().preauth());
        try (ImapTestClient client = ImapTestClient.connect(server)) {
            assertThat(client.readLine()).startsWith("* PREAUTH [CAPABILITY IMAP4rev1").contains("MOVE");
            assertThat(client.command("STARTTLS").status()).isEqualTo("BAD");
            assertThat(client.command("SELECT INBOX").ok()).isTrue();
        }
    }

    @Test
    void featuresSwitchedOffDisappearFromCapabilityAndAnswerBad() throws IOException {
        start(ImapProfile.defaults().withoutIdle().withoutMove().withoutUidplus().withoutQuota()
                .withoutCondstore().withoutStarttls().withoutSpecialUse());
        try (ImapTestClient client = ImapTestClient.connect(server)) {
            assertThat(client.readLine()).doesNotContain("STARTTLS", "IDLE");
            String caps = client.command("LOGIN alice pw").tagged();
            assertThat(caps).doesNotContain("MOVE", "UIDPLUS", "QUOTA", "CONDSTORE", "QRESYNC", "SPECIAL-USE");
            client.command("SELECT INBOX");
            assertThat(client.command("IDLE").status()).isEqualTo("BAD");
            assertThat(client.command("UID MOVE 1 Trash").status()).isEqualTo("BAD");
            assertThat(client.command("UID EXPUNGE 1").status()).isEqualTo("BAD");
            assertThat(client.command("GETQUOTAROOT INBOX").status()).isEqualTo("BAD");
            assertThat(client.command("FETCH 1:* (MODSEQ)").status()).isEqualTo("BAD");
            assertThat(client.command("LIST \"\" Sent").untagged()).containsExactly(
                    "* LIST (\\HasNoChildren) \"/\" \"Sent\"");
        }
    }

    @Test
    void unknownCommandsAndBadTagsAnswerBadWithoutEchoingInput() throws IOException {
        start(ImapProfile.defaults());
        try (ImapTestClient client = ImapTestClient.connect(server)) {
            client.readLine();
            assertThat(client.command("XYZZY\r* 1 EXISTS").tagged()).isEqualTo("a1 BAD unknown command");
            client.send("+tag NOOP\r\n");
            assertThat(client.readLine()).isEqualTo("* BAD invalid or missing tag");
            assertThat(client.command("SELECT INBOX").tagged()).isEqualTo("a2 NO not authenticated");
            assertThat(client.command("LOGOUT").untagged()).containsExactly("* BYE logging out");
        }
    }

    @Test
    void aLiteralAboveTheLimitEndsTheConnectionWithBye() throws IOException {
        server = FakeImapServer.builder().maxLiteralSize(1000).start();
        server.addUser("alice", "pw");
        try (ImapTestClient client = ImapTestClient.login(server, "alice", "pw")) {
            client.send("a2 APPEND INBOX {2147483647}\r\n");
            assertThat(new String(client.readUntilClosed(), UTF_8)).isEqualTo("* BYE [LIMIT] command too large\r\n");
        }
    }
}
