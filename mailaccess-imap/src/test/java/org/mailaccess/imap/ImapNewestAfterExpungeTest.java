package org.mailaccess.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailaccess.Credentials;
import org.mailaccess.FetchSpec;
import org.mailaccess.MailboxClient;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageKey;
import org.mailaccess.MessageRange;
import org.mailaccess.MessageSummary;
import org.mailaccess.TlsMode;
import org.mailaccess.testkit.DovecotServer;
import org.mailaccess.testkit.FakeImapServer;
import org.mailaccess.testkit.MessageBuilder;
import org.mailaccess.testkit.junit5.RequiresDovecot;

/**
 * The message count the session keeps must follow its own expunges (RFC 3501 section 7.4.1: each EXPUNGE lowers
 * it by one), or "newest n" and "all" address sequence numbers past the end: the fake then answered with too few
 * messages and Dovecot with {@code BAD Invalid messageset}. Checked against both.
 */
class ImapNewestAfterExpungeTest {

    private static void newestAfterExpungingHalf(MailboxSession s) {
        List<MessageKey> keys = s.inbox().summaries(MessageRange.all(), FetchSpec.keysAndSizes()).stream()
                .map(MessageSummary::key).toList();
        assertThat(keys).hasSize(10);
        s.inbox().expunge(keys.subList(0, 5));
        List<MessageKey> newest = s.inbox().summaries(MessageRange.newest(3), FetchSpec.keysAndSizes()).stream()
                .map(MessageSummary::key).toList();
        assertThat(newest).containsExactlyElementsOf(keys.subList(7, 10));
        List<MessageKey> all = s.inbox().summaries(MessageRange.all(), FetchSpec.keysAndSizes()).stream()
                .map(MessageSummary::key).toList();
        assertThat(all).containsExactlyElementsOf(keys.subList(5, 10));
    }

    @Test
    void newestAfterOurOwnExpungeReturnsTheNewestMessagesOnTheFake() {
        try (FakeImapServer server = FakeImapServer.start()) {
            server.addUser("alice", "pw");
            for (int i = 0; i < 10; i++) {
                server.deliver("alice", "INBOX", MessageBuilder.message().subject("m" + i));
            }
            // A batch smaller than the mailbox makes "all" go by sequence ranges too.
            try (MailboxSession s = MailboxClient.builder().sslContext(server.clientSslContext())
                    .options(ImapOptions.builder().fetchBatchSize(2).build())
                    .build().open(server.endpoint(), Credentials.password("alice", "pw"))) {
                newestAfterExpungingHalf(s);
            }
        }
    }

    @Test
    @RequiresDovecot
    void newestAfterOurOwnExpungeReturnsTheNewestMessagesOnDovecot() {
        try (DovecotServer d = DovecotServer.start()) {
            d.addUser("bob", "pw");
            for (int i = 0; i < 10; i++) {
                d.deliver("bob", ("Subject: m" + i + "\r\n\r\nbody\r\n").getBytes(
                        java.nio.charset.StandardCharsets.US_ASCII));
            }
            try (MailboxSession s = MailboxClient.builder().sslContext(d.clientSslContext())
                    .options(ImapOptions.builder().fetchBatchSize(2).build())
                    .build().open(d.imapEndpoint(TlsMode.IMPLICIT), Credentials.password("bob", "pw"))) {
                newestAfterExpungingHalf(s);
            }
        }
    }
}
