package org.mailaccess.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailaccess.FolderRole;

class ImapMailboxesAndFetchTest {

    private static final String NESTED = "From: a@example.org\r\n"
            + "Subject: nested\r\n"
            + "X-Other: keep\r\n"
            + " folded\r\n"
            + "Content-Type: multipart/mixed; boundary=outer\r\n"
            + "\r\n"
            + "--outer\r\n"
            + "Content-Type: text/plain\r\n"
            + "\r\n"
            + "part one\r\n"
            + "--outer\r\n"
            + "Content-Type: message/rfc822\r\n"
            + "\r\n"
            + "Subject: inner\r\n"
            + "Content-Type: multipart/alternative; boundary=inner\r\n"
            + "\r\n"
            + "--inner\r\n"
            + "Content-Type: text/plain\r\n"
            + "\r\n"
            + "inner text\r\n"
            + "--inner\r\n"
            + "Content-Type: text/html\r\n"
            + "\r\n"
            + "<p>inner html</p>\r\n"
            + "--inner--\r\n"
            + "--outer--\r\n";

    private FakeImapServer server;
    private ImapAccount alice;

    @BeforeEach
    void start() {
        server = FakeImapServer.start();
        alice = server.addUser("alice", "pw");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listShowsSpecialUseChildrenAndModifiedUtf7Names() throws IOException {
        alice.createFolder("Entwürfe/2024 & später");
        alice.folder("Trash").setSubscribed(false);
        try (ImapTestClient client = ImapTestClient.login(server, "alice", "pw")) {
            assertThat(client.command("LIST \"\" \"\"").untagged()).containsExactly("* LIST (\\Noselect) \"/\" \"\"");
            assertThat(client.command("LIST \"\" %").untagged()).contains(
                    "* LIST (\\HasNoChildren) \"/\" \"INBOX\"",
                    "* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent\"",
                    "* LIST (\\HasChildren) \"/\" \"Entw&APw-rfe\"")
                    .noneMatch(line -> line.contains("2024"));
            assertThat(client.command("LIST Entw&APw-rfe/ *").untagged()).containsExactly(
                    "* LIST (\\HasNoChildren) \"/\" \"Entw&APw-rfe/2024 &- sp&AOQ-ter\"");
            assertThat(client.command("LIST (SPECIAL-USE) \"\" * RETURN (SUBSCRIBED)").untagged())
                    .containsExactlyInAnyOrder("* LIST (\\HasNoChildren \\Subscribed \\Sent) \"/\" \"Sent\"",
                            "* LIST (\\HasNoChildren \\Subscribed \\Drafts) \"/\" \"Drafts\"",
                            "* LIST (\\HasNoChildren \\Trash) \"/\" \"Trash\"",
                            "* LIST (\\HasNoChildren \\Subscribed \\Junk) \"/\" \"Junk\"",
                            "* LIST (\\HasNoChildren \\Subscribed \\Archive) \"/\" \"Archive\"");
            assertThat(client.command("LSUB \"\" *").untagged()).noneMatch(line -> line.contains("Trash"));
        }
    }

    @Test
    void createRenameDeleteAndStatus() throws IOException {
        alice.inbox().deliver(MessageBuilder.message().subject("x").build(), Set.of("\\Seen"), Instant.now());
        alice.deliver(MessageBuilder.message().subject("y"));
        try (ImapTestClient client = ImapTestClient.login(server, "alice", "pw")) {
            assertThat(client.command("CREATE Projects/Alpha").ok()).isTrue();
            assertThat(client.command("CREATE Projects").tagged()).contains("NO [ALREADYEXISTS]");
            assertThat(client.command("DELETE Projects").tagged()).contains("NO [INUSE]");
            assertThat(client.command("RENAME Projects Work").ok()).isTrue();
            assertThat(alice.folders()).extracting(ImapFolder::name).contains("Work", "Work/Alpha")
                    .doesNotContain("Projects");
            assertThat(client.command("DELETE Work/Alpha").ok()).isTrue();
            assertThat(client.command("DELETE Nope").tagged()).contains("NO [NONEXISTENT]");
            ImapTestClient.Response status = client.command(
                    "STATUS INBOX (MESSAGES UNSEEN UIDNEXT UIDVALIDITY HIGHESTMODSEQ SIZE RECENT)");
            assertThat(status.untagged()).singleElement().asString().isEqualTo("* STATUS \"INBOX\" (MESSAGES 2 "
                    + "UNSEEN 1 UIDNEXT 3 UIDVALIDITY " + alice.inbox().uidValidity() + " HIGHESTMODSEQ "
                    + alice.inbox().highestModseq() + " SIZE " + alice.inbox().messages().stream()
                    .mapToInt(ImapMessage::size).sum() + " RECENT 2)");
            assertThat(client.command("NAMESPACE").untagged()).containsExactly("* NAMESPACE ((\"\" \"/\")) NIL NIL");
        }
    }

    @Test
    void appendStoresFlagsAndDateAndAnswersTrycreateAndOverquota() throws IOException {
        byte[] message = MessageBuilder.message().subject("appended").build();
        try (ImapTestClient client = ImapTestClient.login(server, "alice", "pw")) {
            client.send("a9 APPEND Sent (\\Seen $Sent) \" 5-Mar-2024 10:11:12 +0100\" {" + message.length + "+}\r\n");
            client.send(message);
            client.send("\r\n");
            assertThat(client.readResponse("a9").tagged()).isEqualTo("a9 OK [APPENDUID "
                    + alice.folder("Sent").uidValidity() + " 1] APPEND completed");
            ImapMessage stored = alice.folder("Sent").messages().get(0);
            assertThat(stored.bytes()).isEqualTo(message);
            assertThat(stored.flags()).containsExactlyInAnyOrder("\\Seen", "$Sent");
            assertThat(stored.internalDate()).isEqualTo(Instant.parse("2024-03-05T09:11:12Z"));
            assertThat(client.command("APPEND Missing {1+}\r\nx").tagged()).contains("NO [TRYCREATE]");
            alice.setQuota(-1, 1);
            assertThat(client.command("APPEND INBOX {1+}\r\nx").tagged()).contains("NO [OVERQUOTA]");
            assertThat(client.command("GETQUOTAROOT INBOX").untagged())
                    .containsExactly("* QUOTAROOT \"INBOX\" \"\"", "* QUOTA \"\" (MESSAGE 1 1)");
        }
    }

    @Test
    void bodySectionsAreByteExactSlicesOfNestedParts() throws IOException {
        alice.deliver(NESTED);
        try (ImapTestClient client = ImapTestClient.select(server, "alice", "pw", "INBOX")) {
            assertThat(fetch(client, "BODY.PEEK[1]")).isEqualTo("BODY[1] {8}\r\npart one");
            assertThat(fetch(client, "BODY.PEEK[2.HEADER]")).isEqualTo(
                    "BODY[2.HEADER] {71}\r\nSubject: inner\r\nContent-Type: multipart/alternative; boundary=inner"
                            + "\r\n\r\n");
            assertThat(fetch(client, "BODY.PEEK[2.2]")).isEqualTo("BODY[2.2] {17}\r\n<p>inner html</p>");
            assertThat(fetch(client, "BODY.PEEK[2.1.MIME]")).isEqualTo(
                    "BODY[2.1.MIME] {28}\r\nContent-Type: text/plain\r\n\r\n");
            assertThat(fetch(client, "BODY.PEEK[HEADER.FIELDS (x-other SUBJECT)]")).isEqualTo(
                    "BODY[HEADER.FIELDS (x-other SUBJECT)] " + literal("Subject: nested\r\nX-Other: keep\r\n folded\r\n\r\n"));
            assertThat(fetch(client, "BODY.PEEK[HEADER.FIELDS.NOT (Content-Type X-Other Subject)]"))
                    .isEqualTo("BODY[HEADER.FIELDS.NOT (Content-Type X-Other Subject)] {23}\r\n"
                            + "From: a@example.org\r\n\r\n");
            assertThat(fetch(client, "BODY.PEEK[]<8.7>")).isEqualTo("BODY[]<8> {7}\r\nexample");
            assertThat(fetch(client, "BODY.PEEK[9]")).isEqualTo("BODY[9] {0}\r\n");
            assertThat(fetch(client, "BODYSTRUCTURE")).isEqualTo("BODYSTRUCTURE ((\"text\" \"plain\" NIL NIL NIL "
                    + "\"7BIT\" 8 1 NIL NIL NIL NIL)(\"message\" \"rfc822\" NIL NIL NIL \"7BIT\" 184 (NIL \"inner\" "
                    + "NIL NIL NIL NIL NIL NIL NIL NIL) ((\"text\" \"plain\" NIL NIL NIL \"7BIT\" 10 1 NIL NIL NIL "
                    + "NIL)(\"text\" \"html\" NIL NIL NIL \"7BIT\" 17 1 NIL NIL NIL NIL) \"alternative\" "
                    + "(\"BOUNDARY\" \"inner\") NIL NIL NIL) 12 NIL NIL NIL NIL) \"mixed\" (\"BOUNDARY\" \"outer\") "
                    + "NIL NIL NIL)");
            assertThat(alice.inbox().messages().get(0).flags()).isEmpty();
            assertThat(fetch(client, "RFC822.TEXT")).startsWith("RFC822.TEXT {").endsWith("FLAGS (\\Seen \\Recent)");
        }
    }

    @Test
    void envelopeStringsAreEscapedOrSentAsLiteralsNeverReflectedRaw() throws IOException {
        byte[] subject = "Grüße \"q\" \\".getBytes(UTF_8);
        alice.deliver("From: \"Evil \\\" Q\" <evil@example.org>\r\nSubject: Grüße \"q\" \\\r\n"
                + "To: undisclosed-recipients:;\r\n\r\nbody\r\n");
        try (ImapTestClient client = ImapTestClient.select(server, "alice", "pw", "INBOX")) {
            client.send("a9 FETCH 1 ENVELOPE\r\n");
            assertThat(client.readLine()).isEqualTo("* 1 FETCH (ENVELOPE (NIL {" + subject.length + "}");
            assertThat(client.readBytes(subject.length)).isEqualTo(subject);
            assertThat(client.readLine()).contains("((\"Evil \\\" Q\" NIL \"evil\" \"example.org\"))")
                    .contains("((NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL))");
            assertThat(client.readResponse("a9").ok()).isTrue();
        }
    }

    @Test
    void folderNamesWithLineBreaksAreEncodedSoTheyCannotForgeResponses() throws IOException {
        alice.createFolder("evil\r\n* 1 EXISTS");
        try (ImapTestClient client = ImapTestClient.login(server, "alice", "pw")) {
            assertThat(client.command("LIST \"\" evil*").untagged())
                    .containsExactly("* LIST (\\HasNoChildren) \"/\" \"evil&AA0ACg-* 1 EXISTS\"");
        }
    }

    @Test
    void seedingApiExposesRolesUidsAndModseqs() {
        ImapFolder folder = alice.createFolder("Receipts", FolderRole.ARCHIVE);
        ImapMessage first = folder.deliver("Subject: 1\r\n\r\n");
        ImapMessage second = folder.deliver("Subject: 2\r\n\r\n");
        assertThat(folder.role()).contains(FolderRole.ARCHIVE);
        assertThat(second.uid()).isEqualTo(first.uid() + 1);
        assertThat(second.modseq()).isGreaterThan(first.modseq());
        long oldValidity = folder.uidValidity();
        assertThat(folder.resetUidValidity()).isNotEqualTo(oldValidity);
        assertThat(folder.messages()).extracting(ImapMessage::uid).containsExactly(1L, 2L);
        assertThat(server.toString()).contains("IMAP");
    }

    private static String literal(String content) {
        return "{" + content.getBytes(UTF_8).length + "}\r\n" + content;
    }

    private static String fetch(ImapTestClient client, String item) throws IOException {
        ImapTestClient.Response response = client.command("FETCH 1 (" + item + ")");
        assertThat(response.ok()).as(response.all()).isTrue();
        String line = response.untagged().get(0);
        return line.substring("* 1 FETCH (".length(), line.length() - 1);
    }
}
