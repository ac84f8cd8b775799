package org.mailaccess.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailaccess.pop3.Pop3Fixtures.PASSWORD;
import static org.mailaccess.pop3.Pop3Fixtures.USER;
import static org.mailaccess.pop3.Pop3Fixtures.client;
import static org.mailaccess.pop3.Pop3Fixtures.open;
import static org.mailaccess.pop3.Pop3Fixtures.seeded;
import static org.mailaccess.pop3.Pop3SessionTest.awaitUntil;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mailaccess.CommandFailedException;
import org.mailaccess.ConnectionException;
import org.mailaccess.Credentials;
import org.mailaccess.FetchSpec;
import org.mailaccess.LogoutResult;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageKey;
import org.mailaccess.MessageRange;
import org.mailaccess.MessageSummary;
import org.mailaccess.Protocol;
import org.mailaccess.ProtocolViolationException;
import org.mailaccess.ServerEndpoint;
import org.mailaccess.TlsMode;
import org.mailaccess.testkit.Fault;
import org.mailaccess.testkit.FakePop3Server;
import org.mailaccess.testkit.MessageBuilder;

/** The crash points of "download, then delete" (PITFALLS D1, D4, D5, D6, D9) and timeouts (P2). */
@Timeout(20)
class Pop3FaultTest {

    private final FakePop3Server server = FakePop3Server.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private static List<MessageKey> keys(MailboxSession s) {
        return s.inbox().summaries(MessageRange.all(), FetchSpec.keysAndSizes()).stream().map(MessageSummary::key)
                .toList();
    }

    @Test
    void aDropDuringRetrFailsWithConnectionExceptionAndTheServerKeepsTheMessage() throws Exception {
        seeded(server, 1);
        server.mailbox(USER).deliver(MessageBuilder.message().subject("big").bodyOfSize(50_000));
        MailboxSession s = open(server);
        List<MessageKey> keys = keys(s);
        s.inbox().delete(List.of(keys.get(0)));
        server.injectFault(Fault.dropAfterReplyBytes("RETR", 20_000));
        try (InputStream in = s.inbox().openMessage(keys.get(1))) {
            assertThatThrownBy(in::readAllBytes).isInstanceOfSatisfying(ConnectionException.class,
                    e -> assertThat(e.isTimeout()).isFalse());
        }
        assertThat(s.isOpen()).isFalse();
        assertThat(s.extension(Pop3Access.class).orElseThrow().pendingDeletes()).isEmpty();
        s.close();
        awaitUntil(() -> server.mailbox(USER).messages().size() == 2);
        assertThat(server.mailbox(USER).deleted()).isEmpty();
    }

    @Test
    void aDropAfterDeleDiscardsTheDeletions() throws Exception {
        seeded(server, 2);
        MailboxSession s = open(server);
        server.injectFault(Fault.dropAfterProcessing("DELE"));
        assertThatThrownBy(() -> s.inbox().delete(keys(s))).isInstanceOf(ConnectionException.class);
        assertThat(s.isOpen()).isFalse();
        assertThatThrownBy(s::logout).isInstanceOf(IllegalStateException.class);
        s.close();
        awaitUntil(() -> {
            try (MailboxSession again = open(server)) {
                return keys(again).size() == 2;
            } catch (ConnectionException | org.mailaccess.AuthenticationException locked) {
                return false;
            }
        });
        assertThat(server.mailbox(USER).deleted()).isEmpty();
    }

    @Test
    void aLostQuitReplyIsReportedAsUnknown() {
        seeded(server, 2);
        MailboxSession s = open(server);
        MessageKey first = keys(s).get(0);
        s.inbox().delete(List.of(first));
        server.injectFault(Fault.dropAfterProcessing("QUIT"));
        LogoutResult result = s.logout();
        assertThat(result.outcome()).isEqualTo(LogoutResult.Outcome.UNKNOWN);
        assertThat(result.deleted()).containsExactly(first);
        assertThat(s.isOpen()).isFalse();
        // The fake did commit before dropping: exactly the case UNKNOWN exists for.
        assertThat(server.mailbox(USER).deleted()).extracting(m -> m.uidl()).containsExactly(first.id());
        assertThat(server.mailbox(USER).messages()).hasSize(1);
    }

    @Test
    void aRefusedQuitIsReportedAsUnknownBecauseSomeDeletionsMayHaveHappened() {
        seeded(server, 1);
        MailboxSession s = open(server);
        s.inbox().delete(keys(s));
        server.injectFault(Fault.errorReply("QUIT", "some deleted messages not removed"));
        assertThat(s.logout().outcome()).isEqualTo(LogoutResult.Outcome.UNKNOWN);
    }

    @Test
    void anErrOnDeleIsReportedAfterAllRepliesAndTheOtherDeletionsStillCommit() {
        seeded(server, 3);
        MailboxSession s = open(server);
        List<MessageKey> keys = keys(s);
        server.injectFault(Fault.errorReply("DELE", "[SYS/TEMP] try later").onOccurrence(2));
        assertThatThrownBy(() -> s.inbox().delete(keys)).isInstanceOfSatisfying(CommandFailedException.class, e -> {
            assertThat(e.command()).isEqualTo("DELE");
            assertThat(e.responseCode()).contains("SYS/TEMP");
            assertThat(e.isSessionUsable()).isTrue();
        });
        assertThat(s.isOpen()).isTrue();
        s.noop();
        Pop3Access pop3 = s.extension(Pop3Access.class).orElseThrow();
        assertThat(pop3.pendingDeletes()).containsExactly(keys.get(0), keys.get(2));
        LogoutResult result = s.logout();
        assertThat(result.outcome()).isEqualTo(LogoutResult.Outcome.COMMITTED);
        assertThat(result.deleted()).containsExactlyInAnyOrder(keys.get(0), keys.get(2));
        assertThat(server.mailbox(USER).messages()).extracting(m -> m.uidl()).containsExactly(keys.get(1).id());
    }

    @Test
    void aStalledReplyTimesOutAndClosesTheSession() {
        seeded(server, 1);
        MailboxSession s = client(server).readTimeout(Duration.ofMillis(300)).build()
                .open(server.endpoint(), Credentials.password(USER, PASSWORD));
        server.injectFault(Fault.stall("STAT", Duration.ofSeconds(10)));
        long start = System.nanoTime();
        assertThatThrownBy(() -> s.inbox().status()).isInstanceOfSatisfying(ConnectionException.class,
                e -> assertThat(e.isTimeout()).isTrue());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(s.isOpen()).isFalse();
    }

    @Test
    void aServerThatNeverGreetsTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread accept = new Thread(() -> {
                try (Socket mute = silent.accept()) {
                    Thread.sleep(5_000);
                    mute.getOutputStream().flush();
                } catch (Exception e) {
                    // test over
                }
            });
            accept.setDaemon(true);
            accept.start();
            ServerEndpoint endpoint = new ServerEndpoint(Protocol.POP3, "localhost", silent.getLocalPort(),
                    TlsMode.IMPLICIT);
            assertThatThrownBy(() -> client(server).readTimeout(Duration.ofMillis(300)).build()
                    .open(endpoint, Credentials.password(USER, PASSWORD)))
                    .isInstanceOfSatisfying(ConnectionException.class, e -> assertThat(e.isTimeout()).isTrue());
        }
    }

    @Test
    void aDropOnConnectFailsWithConnectionException() {
        seeded(server, 1);
        server.injectFault(Fault.dropOnConnect());
        assertThatThrownBy(() -> open(server)).isInstanceOf(ConnectionException.class);
    }

    @Test
    void aDropBeforeAReplyClosesTheSession() {
        seeded(server, 1);
        CapturingListener events = new CapturingListener();
        MailboxSession s = open(server, events);
        server.injectFault(Fault.dropOnCommand("NOOP"));
        assertThatThrownBy(s::noop).isInstanceOf(ConnectionException.class).hasMessageContaining("NOOP");
        assertThat(s.isOpen()).isFalse();
        assertThat(events.events).containsOnlyOnce("closed");
        assertThatThrownBy(() -> s.inbox().status()).isInstanceOf(IllegalStateException.class);
        s.close();
    }

    @Test
    void duplicateUidlsAreAProtocolViolationNotSilentDuplicates() {
        seeded(server, 0);
        server.mailbox(USER).deliver(MessageBuilder.message().subject("a").build(), "same");
        server.mailbox(USER).deliver(MessageBuilder.message().subject("b").build(), "same");
        MailboxSession s = open(server);
        assertThatThrownBy(() -> keys(s)).isInstanceOf(ProtocolViolationException.class)
                .hasMessageContaining("same").hasMessageContaining("1 and 2");
        assertThat(s.isOpen()).isFalse();
    }

    @Test
    void anErrGreetingIsAConnectionExceptionAndAGarbledOneAProtocolViolation() {
        seeded(server, 1);
        server.injectFault(Fault.greeting("-ERR [SYS/TEMP] maintenance\r\n"));
        assertThatThrownBy(() -> open(server)).isInstanceOf(ConnectionException.class)
                .hasMessageContaining("maintenance");
        server.injectFault(Fault.greeting("SSH-2.0-OpenSSH_9.6\r\n"));
        assertThatThrownBy(() -> open(server)).isInstanceOf(ProtocolViolationException.class);
        assertThat(Pop3Fixtures.verbs(server)).isEmpty();
    }

    @Test
    void aLockedMaildropIsReportedAsARefusedLoginWithTheResponseCode() {
        seeded(server, 1);
        try (MailboxSession first = open(server)) {
            assertThatThrownBy(() -> open(server)).isInstanceOfSatisfying(
                    org.mailaccess.AuthenticationException.class,
                    e -> assertThat(e.serverText()).hasValueSatisfying(t -> assertThat(t).contains("IN-USE")));
            assertThat(first.isOpen()).isTrue();
        }
    }

    @Test
    void aGarbledReplyIsAProtocolViolation() {
        seeded(server, 1);
        MailboxSession s = open(server);
        server.injectFault(Fault.rawReply("NOOP", "HELLO?\r\n"));
        assertThatThrownBy(s::noop).isInstanceOf(ProtocolViolationException.class);
        assertThat(s.isOpen()).isFalse();
    }
}
