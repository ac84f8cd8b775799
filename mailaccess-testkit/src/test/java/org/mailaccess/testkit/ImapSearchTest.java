package org.mailaccess.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ImapSearchTest {

    private FakeImapServer server;
    private ImapTestClient client;

    @BeforeEach
    void start() throws IOException {
        server = FakeImapServer.start();
        ImapAccount alice = server.addUser("alice", "pw");
        alice.inbox().deliver(("From: Bob <bob@example.org>\r\nTo: alice@example.org\r\nSubject: Quarterly report\r\n"
                + "Date: Tue, 2 Jan 2024 10:00:00 +0000\r\n\r\nNumbers inside.\r\n").getBytes(),
                Set.of("\\Seen", "$Work"), Instant.parse("2024-01-02T10:00:00Z"));
        alice.inbox().deliver(("From: carol@example.org\r\nCc: bob@example.org\r\n"
                + "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\nX-Priority: 1\r\n\r\n" + "x".repeat(2000) + "\r\n")
                .getBytes(), Set.of("\\Flagged"), Instant.parse("2024-02-10T10:00:00Z"));
        client = ImapTestClient.select(server, "alice", "pw", "INBOX");
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.close();
    }

    private String search(String criteria) throws IOException {
        ImapTestClient.Response response = client.command(criteria);
        assertThat(response.ok()).as(response.all()).isTrue();
        return response.untagged().get(0);
    }

    @Test
    void searchesFlagsHeadersSizesAndDates() throws IOException {
        assertThat(search("SEARCH ALL")).isEqualTo("* SEARCH 1 2");
        assertThat(search("SEARCH SEEN KEYWORD $work")).isEqualTo("* SEARCH 1");
        assertThat(search("SEARCH UNSEEN FLAGGED")).isEqualTo("* SEARCH 2");
        assertThat(search("SEARCH FROM bob")).isEqualTo("* SEARCH 1");
        assertThat(search("SEARCH OR FROM bob CC bob")).isEqualTo("* SEARCH 1 2");
        assertThat(search("SEARCH NOT (FROM bob)")).isEqualTo("* SEARCH 2");
        assertThat(search("SEARCH SUBJECT \"grüße\"")).isEqualTo("* SEARCH 2");
        assertThat(search("SEARCH HEADER X-Priority 1")).isEqualTo("* SEARCH 2");
        assertThat(search("SEARCH LARGER 1000")).isEqualTo("* SEARCH 2");
        assertThat(search("SEARCH SMALLER 1000 BODY numbers")).isEqualTo("* SEARCH 1");
        assertThat(search("SEARCH SINCE 1-Feb-2024")).isEqualTo("* SEARCH 2");
        assertThat(search("SEARCH BEFORE 1-feb-2024 ON 2-Jan-2024")).isEqualTo("* SEARCH 1");
        assertThat(search("SEARCH SENTSINCE 1-Jan-2024")).isEqualTo("* SEARCH 1");
        assertThat(search("UID SEARCH UID 2:*")).isEqualTo("* SEARCH 2");
        assertThat(search("SEARCH 2:* TEXT XXXX")).isEqualTo("* SEARCH 2");
        assertThat(search("SEARCH NEW")).isEqualTo("* SEARCH 2");
        assertThat(search("SEARCH MODSEQ 1")).startsWith("* SEARCH 1 2 (MODSEQ ");
    }

    @Test
    void searchStringsMayBeLiteralsIncludingNonSynchronizingOnes() throws IOException {
        client.send("a8 SEARCH CHARSET UTF-8 SUBJECT {7}\r\n");
        assertThat(client.readLine()).startsWith("+ ");
        client.send("Grüße\r\n");
        assertThat(client.readResponse("a8").untagged()).containsExactly("* SEARCH 2");
        assertThat(client.command("SEARCH TEXT {7+}\r\nnumbers").untagged()).containsExactly("* SEARCH 1");
        assertThat(client.command("SEARCH CHARSET KOI8-R ALL").tagged()).contains("NO [BADCHARSET");
        assertThat(client.command("SEARCH FROOM x").status()).isEqualTo("BAD");
    }
}
