package org.mailaccess.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {

    private static final String MESSAGE = "Subject: x\r\n\r\n" + "body line\r\n".repeat(100);

    private FakePop3Server server;
    private Mailbox mailbox;

    @BeforeEach
    void startServer() {
        server = FakePop3Server.start().addUser("alice", "pw");
        mailbox = server.mailbox("alice");
        mailbox.deliver(MESSAGE);
        mailbox.deliver(MESSAGE);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void dropOnCommandClosesBeforeProcessingSoQuitCommitsNothing() throws IOException {
        server.injectFault(Fault.dropOnCommand("quit"));
        try (Pop3TestClient client = login()) {
            client.command("DELE 1");
            client.send("QUIT\r\n");
            assertThat(client.isClosedByServer()).isTrue();
        }
        assertThat(mailbox.messages()).hasSize(2);
        assertThat(mailbox.deleted()).isEmpty();
    }

    @Test
    void dropAfterProcessingQuitCommitsDeletionsButLosesTheReply() throws IOException {
        server.injectFault(Fault.dropAfterProcessing("QUIT"));
        try (Pop3TestClient client = login()) {
            client.command("DELE 1");
            client.send("QUIT\r\n");
            assertThat(client.isClosedByServer()).isTrue();
        }
        assertThat(mailbox.messages()).hasSize(1);
        assertThat(mailbox.deleted()).hasSize(1);
    }

    @Test
    void dropAfterReplyBytesCutsRetrInTheMiddleOfTheBody() throws IOException {
        server.injectFault(Fault.dropAfterReplyBytes("RETR", 100));
        try (Pop3TestClient client = login()) {
            client.send("RETR 1\r\n");
            byte[] received = client.readUntilClosed();
            assertThat(received).hasSize(100);
            assertThat(new String(received, UTF_8)).startsWith("+OK " + MESSAGE.length() + " octets\r\nSubject: x");
        }
    }

    @Test
    void stallHoldsTheReplyForTheGivenTime() throws IOException {
        server.injectFault(Fault.stall("NOOP", Duration.ofMillis(400)));
        try (Pop3TestClient client = login()) {
            long start = System.nanoTime();
            assertThat(client.command("NOOP")).isEqualTo("+OK");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        }
    }

    @Test
    void aStallEndsEarlyWhenTheConnectionIsDropped() throws Exception {
        server.injectFault(Fault.stall("RETR", Duration.ofMinutes(5)));
        try (Pop3TestClient client = login()) {
            client.send("RETR 1\r\n");
            CompletableFuture<byte[]> rest = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.readUntilClosed();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(100);
            server.dropAllConnections();
            assertThat(rest.get(3, TimeUnit.SECONDS)).isEmpty();
        }
        try (Pop3TestClient client = login()) {
            assertThat(client.command("STAT")).startsWith("+OK 2 ");
        }
    }

    @Test
    void errorReplyReplacesProcessing() throws IOException {
        server.injectFault(Fault.errorReply("DELE", "[SYS/TEMP] try\r\nlater"));
        try (Pop3TestClient client = login()) {
            assertThat(client.command("DELE 1")).isEqualTo("-ERR [SYS/TEMP] try??later");
            assertThat(client.command("QUIT")).isEqualTo("+OK bye (0 messages deleted)");
        }
        assertThat(mailbox.messages()).hasSize(2);
    }

    @Test
    void rawReplyIsSentVerbatimAndStlsThenDoesNotStartTls() throws IOException {
        server.injectFault(Fault.rawReply("STLS", "+OK\r\n+OK injected\r\n"));
        try (Pop3TestClient client = Pop3TestClient.connect(server)) {
            client.readLine();
            assertThat(client.command("STLS")).isEqualTo("+OK");
            assertThat(client.readLine()).isEqualTo("+OK injected");
            assertThat(client.command("USER alice")).startsWith("+OK");
            assertThat(server.commands()).noneMatch(RecordedCommand::tls);
        }
    }

    @Test
    void onOccurrenceFiresOnTheNthMatchingCommandOnly() throws IOException {
        server.injectFault(Fault.errorReply("NOOP", "second").onOccurrence(2));
        try (Pop3TestClient client = login()) {
            assertThat(client.command("NOOP")).isEqualTo("+OK");
            assertThat(client.command("NOOP")).isEqualTo("-ERR second");
            assertThat(client.command("NOOP")).isEqualTo("+OK");
        }
    }

    @Test
    void faultsDueOnTheSameCommandFireOneAtATimeInInjectionOrder() throws IOException {
        server.injectFault(Fault.errorReply("NOOP", "first")).injectFault(Fault.errorReply("NOOP", "second"));
        try (Pop3TestClient client = login()) {
            assertThat(client.command("NOOP")).isEqualTo("-ERR first");
            assertThat(client.command("NOOP")).isEqualTo("-ERR second");
            assertThat(client.command("NOOP")).isEqualTo("+OK");
        }
    }

    @Test
    void aFaultCountsCommandsAcrossConnections() throws IOException {
        server.injectFault(Fault.dropOnCommand("STAT").onOccurrence(2));
        try (Pop3TestClient client = login()) {
            assertThat(client.command("STAT")).startsWith("+OK");
        }
        try (Pop3TestClient client = login()) {
            client.send("STAT\r\n");
            assertThat(client.isClosedByServer()).isTrue();
        }
    }

    @Test
    void dropOnConnectClosesTheNextConnectionBeforeTheGreeting() throws IOException {
        server.injectFault(Fault.dropOnConnect());
        try (Pop3TestClient client = Pop3TestClient.connect(server)) {
            assertThat(client.isClosedByServer()).isTrue();
        }
        try (Pop3TestClient client = Pop3TestClient.connect(server)) {
            assertThat(client.readLine()).startsWith("+OK");
        }
        assertThat(server.connectionCount()).isEqualTo(2);
    }

    @Test
    void greetingFaultReplacesTheNextGreetingOnly() throws IOException {
        server.injectFault(Fault.greeting("-ERR [SYS/TEMP] busy\r\n"));
        try (Pop3TestClient client = Pop3TestClient.connect(server)) {
            assertThat(client.readLine()).isEqualTo("-ERR [SYS/TEMP] busy");
        }
        try (Pop3TestClient client = Pop3TestClient.connect(server)) {
            assertThat(client.readLine()).isEqualTo("+OK fake POP3 ready");
        }
    }

    @Test
    void dropAllConnectionsClosesEveryOpenConnection() throws IOException {
        try (Pop3TestClient first = login(); Pop3TestClient second = Pop3TestClient.connect(server)) {
            second.readLine();
            server.dropAllConnections();
            assertThat(first.isClosedByServer()).isTrue();
            assertThat(second.isClosedByServer()).isTrue();
        }
    }

    @Test
    void faultArgumentsAreValidated() {
        assertThatThrownBy(() -> Fault.dropOnCommand("TWO WORDS")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.stall("NOOP", Duration.ofSeconds(1)).onOccurrence(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.dropAfterReplyBytes("RETR", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Fault.dropOnCommand("retr").verb()).isEqualTo("RETR");
    }

    private Pop3TestClient login() throws IOException {
        return Pop3TestClient.login(server, "alice", "pw");
    }
}
