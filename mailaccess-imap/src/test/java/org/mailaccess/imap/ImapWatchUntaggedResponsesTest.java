package org.mailaccess.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailaccess.imap.ScriptedImapServer.ascii;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mailaccess.Credentials;
import org.mailaccess.MailboxClient;
import org.mailaccess.MailboxEvent;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageKey;
import org.mailaccess.Protocol;
import org.mailaccess.ServerEndpoint;
import org.mailaccess.TlsMode;
import org.mailaccess.Watch;

/**
 * A watch must follow every untagged response on its connection, whichever command it came with (RFC 3501 section
 * 7), and must cope with a server that advertises IDLE but refuses it (RFC 2177 allows NO). Events are awaited, not
 * timed; a hang is caught by the test timeout.
 */
@Timeout(60)
class ImapWatchUntaggedResponsesTest {

    private static MailboxSession open(ScriptedImapServer server, ImapOptions options) {
        return MailboxClient.builder().readTimeout(Duration.ofSeconds(10)).options(options).build()
                .open(new ServerEndpoint(Protocol.IMAP, "127.0.0.1", server.port(), TlsMode.INSECURE_PLAINTEXT),
                        Credentials.password("ann", "pw"));
    }

    private static String select(String tag, int exists, int uidNext) {
        return "* " + exists + " EXISTS\r\n* OK [UIDVALIDITY 7] v\r\n* OK [UIDNEXT " + uidNext + "] n\r\n" + tag
                + " OK [READ-WRITE] selected\r\n";
    }

    @Test
    void anExpungeArrivingWithTheFetchOfNewMailIsReportedAndLaterExpungesHitTheRightUid() throws Exception {
        AtomicReference<String> idleTag = new AtomicReference<>();
        AtomicInteger idles = new AtomicInteger();
        try (ScriptedImapServer server = new ScriptedImapServer("* OK [CAPABILITY IMAP4rev1 IDLE UIDPLUS] x", null,
                false, (tag, command, c) -> {
                    String up = command.toUpperCase();
                    if (tag.equals("DONE")) {
                        return ascii(idleTag.get() + " OK idle done\r\n");
                    }
                    if (up.startsWith("SELECT")) {
                        return ascii(select(tag, 2, 3));
                    }
                    if (up.startsWith("UID FETCH 1:*")) {
                        return ascii("* 1 FETCH (UID 1 FLAGS ())\r\n* 2 FETCH (UID 2 FLAGS ())\r\n" + tag + " OK\r\n");
                    }
                    if (up.startsWith("UID FETCH 3:*")) {
                        // Another client expunged UID 1 just now: legal during UID FETCH (RFC 3501 section 7.4.1).
                        return ascii("* 1 EXPUNGE\r\n* 2 FETCH (UID 3 FLAGS ())\r\n" + tag + " OK\r\n");
                    }
                    if (up.startsWith("IDLE")) {
                        idleTag.set(tag);
                        // First IDLE: a new message (3 EXISTS). Second: message 1 (now UID 2) is expunged.
                        return ascii(idles.incrementAndGet() == 1 ? "+ idling\r\n* 3 EXISTS\r\n"
                                : "+ idling\r\n* 1 EXPUNGE\r\n");
                    }
                    if (up.startsWith("LOGOUT")) {
                        return ascii("* BYE\r\n" + tag + " OK\r\n");
                    }
                    return ascii(tag + " OK done\r\n");
                }); MailboxSession s = open(server, ImapOptions.defaults())) {
            BlockingQueue<MailboxEvent> events = new LinkedBlockingQueue<>();
            Set<Long> expunged = new HashSet<>();
            List<Long> arrived = new ArrayList<>();
            try (Watch w = s.watch("INBOX", events::add)) {
                while (expunged.size() < 2) {
                    MailboxEvent e = events.take();
                    if (e instanceof MailboxEvent.Expunged x) {
                        x.keys().forEach(k -> expunged.add(k.uid()));
                    } else if (e instanceof MailboxEvent.NewMessages n) {
                        n.keys().forEach(k -> arrived.add(k.uid()));
                    }
                }
            }
            // The server expunged UID 1 and then UID 2, and delivered UID 3.
            assertThat(expunged).containsExactlyInAnyOrder(1L, 2L);
            assertThat(arrived).containsExactly(3L);
        }
    }

    @Test
    void aRefusedIdleFallsBackToPollingWithoutReconnecting() throws Exception {
        AtomicInteger noops = new AtomicInteger();
        try (ScriptedImapServer server = new ScriptedImapServer("* OK [CAPABILITY IMAP4rev1 IDLE UIDPLUS] x", null,
                false, (tag, command, c) -> {
                    String up = command.toUpperCase();
                    if (up.startsWith("SELECT")) {
                        return ascii(select(tag, 2, 3));
                    }
                    if (up.startsWith("UID FETCH 1:*")) {
                        return ascii("* 1 FETCH (UID 1 FLAGS ())\r\n* 2 FETCH (UID 2 FLAGS ())\r\n" + tag + " OK\r\n");
                    }
                    if (up.startsWith("UID FETCH 3:*")) {
                        return ascii("* 3 FETCH (UID 3 FLAGS ())\r\n" + tag + " OK\r\n");
                    }
                    if (up.startsWith("IDLE")) {
                        return ascii(tag + " NO IDLE is switched off here\r\n");
                    }
                    if (up.startsWith("NOOP")) {
                        return ascii((noops.incrementAndGet() == 1 ? "* 3 EXISTS\r\n" : "") + tag + " OK\r\n");
                    }
                    if (up.startsWith("LOGOUT")) {
                        return ascii("* BYE\r\n" + tag + " OK\r\n");
                    }
                    return ascii(tag + " OK done\r\n");
                }); MailboxSession s = open(server,
                        ImapOptions.builder().pollInterval(Duration.ofMillis(200)).build())) {
            BlockingQueue<MailboxEvent> events = new LinkedBlockingQueue<>();
            List<MailboxEvent> seen = new ArrayList<>();
            try (Watch w = s.watch("INBOX", events::add)) {
                while (seen.stream().noneMatch(e -> e instanceof MailboxEvent.NewMessages)) {
                    seen.add(events.take());
                }
            }
            assertThat(seen).contains(new MailboxEvent.Listening(false));
            assertThat(seen).doesNotHaveAnyElementsOfTypes(MailboxEvent.Disconnected.class);
            assertThat(seen).contains(new MailboxEvent.NewMessages(List.of(MessageKey.imap("INBOX", 7, 3))));
            assertThat(server.received.stream().filter(l -> l.toUpperCase().contains(" IDLE")).count())
                    .isEqualTo(1);
        }
    }
}
