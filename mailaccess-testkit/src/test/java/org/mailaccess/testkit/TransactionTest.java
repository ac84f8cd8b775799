package org.mailaccess.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransactionTest {

    private static final String FIRST = "Subject: one\r\n\r\nline 1\r\nline 2\r\nline 3\r\n";
    private static final String SECOND = "Subject: two\r\nX-Extra: y\r\n\r\nonly line\r\n";

    private FakePop3Server server;
    private Mailbox mailbox;

    @BeforeEach
    void startServer() {
        server = FakePop3Server.start().addUser("alice", "pw");
        mailbox = server.mailbox("alice");
        mailbox.deliver(FIRST);
        mailbox.deliver(SECOND.getBytes(UTF_8), "fixed-uid");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void statAndListReportStoredOctets() throws IOException {
        try (Pop3TestClient client = login()) {
            int total = FIRST.length() + SECOND.length();
            assertThat(client.command("STAT")).isEqualTo("+OK 2 " + total);
            assertThat(client.command("LIST")).isEqualTo("+OK 2 messages (" + total + " octets)");
            assertThat(client.readBodyLines()).containsExactly("1 " + FIRST.length(), "2 " + SECOND.length());
            assertThat(client.command("LIST 2")).isEqualTo("+OK 2 " + SECOND.length());
            assertThat(client.command("LIST 3")).startsWith("-ERR");
            assertThat(client.command("LIST x")).startsWith("-ERR");
        }
    }

    @Test
    void uidlListsServerAssignedAndExplicitTokens() throws IOException {
        try (Pop3TestClient client = login()) {
            assertThat(client.command("UIDL")).startsWith("+OK");
            assertThat(client.readBodyLines()).containsExactly("1 uid-1", "2 fixed-uid");
            assertThat(client.command("UIDL 1")).isEqualTo("+OK 1 uid-1");
        }
    }

    @Test
    void retrSendsTheStoredBytesFollowedByTheTerminator() throws IOException {
        try (Pop3TestClient client = login()) {
            assertThat(client.command("RETR 1")).isEqualTo("+OK " + FIRST.length() + " octets");
            assertThat(new String(client.readRawBody(), UTF_8)).isEqualTo(FIRST + ".\r\n");
            assertThat(client.command("NOOP")).isEqualTo("+OK");
        }
    }

    @Test
    void retrSendsALargeMessageByteForByte() throws IOException {
        byte[] large = MessageBuilder.message().bodyOfSize(2_000_000).build();
        mailbox.deliver(large);
        try (Pop3TestClient client = login()) {
            assertThat(client.command("RETR 3")).isEqualTo("+OK " + large.length + " octets");
            byte[] body = client.readRawBody();
            assertThat(java.util.Arrays.copyOf(body, body.length - 3)).isEqualTo(large);
        }
    }

    @Test
    void retrDotStuffsLinesThatStartWithADot() throws IOException {
        String hostile = ".starts with dot\r\n.\r\n..x\r\nbare lf\n.\nmid\r.\r\nend\r\n";
        mailbox.deliver(hostile);
        try (Pop3TestClient client = login()) {
            client.command("RETR 3");
            assertThat(new String(client.readRawBody(), UTF_8))
                    .isEqualTo("..starts with dot\r\n..\r\n...x\r\nbare lf\n..\nmid\r.\r\nend\r\n.\r\n");
            assertThat(client.command("STAT")).startsWith("+OK 3 ");
        }
    }

    @Test
    void withCrlfOnlyStuffingADotAfterABareLfGoesOutUnstuffed() throws IOException {
        String hostile = ".first\r\n..x\r\nbare lf\n.\nlf\n..y\r\nmid\r.\r\nend\r\n";
        try (FakePop3Server crlfOnly = FakePop3Server.builder()
                .profile(Pop3Profile.defaults().withDotStuffingAfterCrlfOnly()).start()) {
            crlfOnly.addUser("alice", "pw").mailbox("alice").deliver(hostile);
            try (Pop3TestClient client = Pop3TestClient.login(crlfOnly, "alice", "pw")) {
                client.command("RETR 1");
                assertThat(new String(client.readRawBody(), UTF_8))
                        .isEqualTo("..first\r\n...x\r\nbare lf\n.\nlf\n..y\r\nmid\r.\r\nend\r\n.\r\n");
                client.command("TOP 1 9");
                assertThat(new String(client.readRawBody(), UTF_8)).startsWith("..first\r\n...x\r\nbare lf\n.\nlf\n");
                assertThat(client.command("STAT")).startsWith("+OK 1 ");
            }
        }
    }

    @Test
    void retrAddsACrlfBeforeTheTerminatorWhenTheMessageLacksOne() throws IOException {
        mailbox.deliver("Subject: x\r\n\r\nno newline at end");
        mailbox.deliver(new byte[0]);
        try (Pop3TestClient client = login()) {
            client.command("RETR 3");
            assertThat(new String(client.readRawBody(), UTF_8)).endsWith("no newline at end\r\n.\r\n");
            assertThat(client.command("RETR 4")).isEqualTo("+OK 0 octets");
            assertThat(client.readRawBody()).isEqualTo(".\r\n".getBytes(UTF_8));
        }
    }

    @Test
    void topReturnsTheHeaderTheBlankLineAndTheRequestedBodyLines() throws IOException {
        try (Pop3TestClient client = login()) {
            assertThat(client.command("TOP 1 2")).startsWith("+OK");
            assertThat(new String(client.readRawBody(), UTF_8))
                    .isEqualTo("Subject: one\r\n\r\nline 1\r\nline 2\r\n.\r\n");
            client.command("TOP 1 0");
            assertThat(new String(client.readRawBody(), UTF_8)).isEqualTo("Subject: one\r\n\r\n.\r\n");
            client.command("TOP 2 99");
            assertThat(new String(client.readRawBody(), UTF_8)).isEqualTo(SECOND + ".\r\n");
            assertThat(client.command("TOP 1")).startsWith("-ERR");
        }
    }

    @Test
    void deleThenQuitCommitsTheDeletion() throws IOException {
        try (Pop3TestClient client = login()) {
            assertThat(client.command("DELE 1")).startsWith("+OK");
            assertThat(client.command("QUIT")).isEqualTo("+OK bye (1 messages deleted)");
            assertThat(client.isClosedByServer()).isTrue();
        }
        assertThat(mailbox.messages()).extracting(StoredMessage::uidl).containsExactly("fixed-uid");
        assertThat(mailbox.deleted()).extracting(StoredMessage::text).containsExactly(FIRST);
    }

    @Test
    void droppingTheConnectionWithoutQuitDiscardsDeletions() throws IOException {
        try (Pop3TestClient client = login()) {
            client.command("DELE 1");
            client.command("DELE 2");
        }
        try (Pop3TestClient client = login()) {
            assertThat(client.command("STAT")).startsWith("+OK 2 ");
        }
        assertThat(mailbox.deleted()).isEmpty();
    }

    @Test
    void aDeletedMessageIsOffLimitsUntilRset() throws IOException {
        try (Pop3TestClient client = login()) {
            client.command("DELE 1");
            assertThat(client.command("RETR 1")).startsWith("-ERR");
            assertThat(client.command("TOP 1 0")).startsWith("-ERR");
            assertThat(client.command("LIST 1")).startsWith("-ERR");
            assertThat(client.command("DELE 1")).startsWith("-ERR");
            assertThat(client.command("STAT")).isEqualTo("+OK 1 " + SECOND.length());
            client.command("LIST");
            assertThat(client.readBodyLines()).containsExactly("2 " + SECOND.length());
            assertThat(client.command("RSET")).startsWith("+OK");
            assertThat(client.command("RETR 1")).startsWith("+OK");
            client.readRawBody();
            client.command("QUIT");
        }
        assertThat(mailbox.messages()).hasSize(2);
    }

    @Test
    void messagesDeliveredDuringASessionAreInvisibleToIt() throws IOException {
        try (Pop3TestClient client = login()) {
            mailbox.deliver("Subject: late\r\n\r\nlate\r\n");
            assertThat(client.command("STAT")).startsWith("+OK 2 ");
            assertThat(client.command("RETR 3")).startsWith("-ERR");
            client.command("DELE 1");
            client.command("QUIT");
        }
        assertThat(mailbox.messages()).extracting(StoredMessage::uidl).containsExactly("fixed-uid", "uid-2");
    }

    @Test
    void transactionCommandsAreRefusedBeforeLogin() throws IOException {
        try (Pop3TestClient client = Pop3TestClient.connect(server)) {
            client.readLine();
            assertThat(client.command("STAT")).startsWith("-ERR");
            assertThat(client.command("RETR 1")).startsWith("-ERR");
            assertThat(client.command("QUIT")).startsWith("+OK");
            assertThat(client.isClosedByServer()).isTrue();
        }
    }

    @Test
    void pipelinedCommandsAreAllAnsweredInOrder() throws IOException {
        try (Pop3TestClient client = Pop3TestClient.connect(server)) {
            client.readLine();
            client.send("USER alice\r\nPASS pw\r\nSTAT\r\nLIST 1\r\nUIDL 2\r\nRETR 2\r\nNOOP\r\n");
            assertThat(client.readLine()).startsWith("+OK");
            assertThat(client.readLine()).startsWith("+OK");
            assertThat(client.readLine()).startsWith("+OK 2 ");
            assertThat(client.readLine()).startsWith("+OK 1 ");
            assertThat(client.readLine()).isEqualTo("+OK 2 fixed-uid");
            assertThat(client.readLine()).startsWith("+OK");
            assertThat(new String(client.readRawBody(), UTF_8)).isEqualTo(SECOND + ".\r\n");
            assertThat(client.readLine()).isEqualTo("+OK");
        }
    }

    @Test
    void repliesNeverReflectCarriageReturnsOrLineFeedsFromTheClient() throws IOException {
        try (Pop3TestClient client = Pop3TestClient.connect(server)) {
            client.readLine();
            client.send("XINJECT a\r+OK forged\r\nUSER bob\r+OK forged\r\nNOOP\r\n");
            assertThat(client.readLine()).isEqualTo("-ERR unknown command");
            assertThat(client.readLine()).isEqualTo("+OK send PASS");
            assertThat(client.readLine()).isEqualTo("-ERR not authenticated");
        }
    }

    @Test
    void aLineLongerThanTheLimitIsRefusedAndTheConnectionClosed() throws IOException {
        try (Pop3TestClient client = Pop3TestClient.connect(server)) {
            client.readLine();
            client.send("NOOP " + "x".repeat(9000) + "\r\n");
            assertThat(new String(client.readUntilClosed(), UTF_8)).isEqualTo("-ERR line too long\r\n");
        }
    }

    @Test
    void anIdleConnectionIsDroppedWithoutCommittingDeletions() throws IOException {
        try (FakePop3Server quick = FakePop3Server.builder().idleTimeout(Duration.ofMillis(300)).start()) {
            quick.addUser("bob", "pw").mailbox("bob").deliver("Subject: x\r\n\r\ny\r\n");
            try (Pop3TestClient client = Pop3TestClient.login(quick, "bob", "pw")) {
                client.command("DELE 1");
                assertThat(client.isClosedByServer()).isTrue();
            }
            assertThat(quick.mailbox("bob").messages()).hasSize(1);
        }
    }

    private Pop3TestClient login() throws IOException {
        return Pop3TestClient.login(server, "alice", "pw");
    }
}
