package org.mailaccess.imap.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailaccess.Credentials;
import org.mailaccess.Flags;
import org.mailaccess.MailboxClient;
import org.mailaccess.MailboxEvent;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageKey;
import org.mailaccess.Protocol;
import org.mailaccess.ServerEndpoint;
import org.mailaccess.TlsMode;
import org.mailaccess.imap.ImapOptions;

/** A watch whose connection drops reconnects and reports what arrived meanwhile (PITFALLS P1, P20). */
class ImapWatchReconnectTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.IMAP.dynamicPort())
            .withPerMethodLifecycle(true);

    @Test
    void aDroppedWatchReconnectsAndReportsTheMessageThatArrivedMeanwhile() throws Exception {
        greenMail.setUser("ann@example.org", "ann", "pw");
        MailboxClient client = MailboxClient.builder().readTimeout(Duration.ofSeconds(10))
                .options(ImapOptions.builder().idleRenewInterval(Duration.ofSeconds(5)).build()).build();
        ServerEndpoint endpoint = new ServerEndpoint(Protocol.IMAP, "127.0.0.1", greenMail.getImap().getPort(),
                TlsMode.INSECURE_PLAINTEXT);
        BlockingQueue<MailboxEvent> events = new LinkedBlockingQueue<>();
        try (MailboxSession a = client.open(endpoint, Credentials.password("ann", "pw"));
                MailboxSession b = client.open(endpoint, Credentials.password("ann", "pw"));
                ImapWatch watch = (ImapWatch) b.watch("INBOX", events::add)) {
            await(events, e -> e instanceof MailboxEvent.Listening);
            watch.dropConnection();
            MessageKey arrived = a.inbox().append(new ByteArrayInputStream(
                    "Subject: meanwhile\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII)), Flags.NONE, null)
                    .orElseThrow();
            await(events, e -> e instanceof MailboxEvent.Disconnected);
            MailboxEvent.NewMessages added = (MailboxEvent.NewMessages) await(events,
                    e -> e instanceof MailboxEvent.NewMessages);
            assertThat(added.keys()).containsExactly(arrived);
            await(events, e -> e instanceof MailboxEvent.Listening);
            assertThat(watch.isRunning()).isTrue();
        }
    }

    private static MailboxEvent await(BlockingQueue<MailboxEvent> events, Predicate<MailboxEvent> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            MailboxEvent e = events.poll(100, TimeUnit.MILLISECONDS);
            if (e != null && wanted.test(e)) {
                return e;
            }
        }
        throw new AssertionError("no such event within 10 s");
    }
}
