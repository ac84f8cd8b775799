package org.mailaccess.imap.contract;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.Quota;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.mailaccess.Credentials;
import org.mailaccess.MailboxClient;
import org.mailaccess.MailboxSession;
import org.mailaccess.Protocol;
import org.mailaccess.ServerEndpoint;
import org.mailaccess.TlsMode;
import org.mailaccess.imap.ImapOptions;
import org.mailaccess.testkit.DovecotServer;
import org.mailaccess.testkit.FakeImapServer;
import org.mailaccess.testkit.ImapProfile;
import org.mailaccess.testkit.contract.ContractBackend;

/** The IMAP servers the contract suite runs against, each with a client configured for it. */
final class ImapBackends {

    /** Every user's STORAGE quota where the server supports quotas: 10 MiB, in KiB as RFC 9208 counts it. */
    static final long QUOTA_KIB = 10 * 1024;

    private ImapBackends() {
    }

    /** A client with short timeouts, so that a hanging case fails fast instead of waiting a minute. */
    static MailboxClient client(SSLContext trust) {
        MailboxClient.Builder b = MailboxClient.builder().connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(15)).writeTimeout(Duration.ofSeconds(15))
                .options(ImapOptions.defaults());
        if (trust != null) {
            b.sslContext(trust);
        }
        return b.build();
    }

    /** Users and passwords shared by every backend: {@code user1}, {@code user2}... with {@code "pw-" + user}. */
    abstract static class Base implements ContractBackend {
        private final AtomicInteger users = new AtomicInteger();

        final String nextUser() {
            return "user" + users.incrementAndGet();
        }

        @Override
        public Protocol protocol() {
            return Protocol.IMAP;
        }

        @Override
        public Credentials credentials(String user) {
            return Credentials.password(user, "pw-" + user);
        }
    }

    /** The testkit's fake IMAP server with a profile, over STARTTLS. */
    static final class Fake extends Base {
        private final String name;
        private final FakeImapServer server;
        private final MailboxClient client;

        Fake(String name, ImapProfile profile) {
            this.name = name;
            this.server = FakeImapServer.builder().profile(profile).start();
            this.client = client(server.clientSslContext());
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String createUser() {
            String user = nextUser();
            server.addUser(user, "pw-" + user);
            server.setQuota(user, QUOTA_KIB, 1000);
            return user;
        }

        @Override
        public MailboxSession open(Credentials credentials) {
            return client.open(server.endpoint(), credentials);
        }

        @Override
        public void deliver(String user, byte[] rfc822) {
            server.mailbox(user).inbox().deliver(rfc822);
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /** GreenMail's IMAP server, plaintext (it offers no STARTTLS), with quota support switched on. */
    static final class Green extends Base {
        private final Session mail = Session.getInstance(new Properties());
        private final GreenMail greenMail = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
        private final MailboxClient client = client(null);

        Green() {
            greenMail.start();
            greenMail.getManagers().getImapHostManager().getStore().setQuotaSupported(true);
        }

        @Override
        public String name() {
            return "GreenMail IMAP";
        }

        @Override
        public String createUser() {
            String user = nextUser();
            GreenMailUser u = greenMail.setUser(user + "@localhost", user, "pw-" + user);
            Quota quota = new Quota("INBOX");
            quota.setResourceLimit("STORAGE", QUOTA_KIB);
            greenMail.getManagers().getImapHostManager().getStore().setQuota(quota, u.getQualifiedMailboxName());
            return user;
        }

        @Override
        public MailboxSession open(Credentials credentials) {
            return client.open(new ServerEndpoint(Protocol.IMAP, "localhost", greenMail.getImap().getPort(),
                    TlsMode.INSECURE_PLAINTEXT), credentials);
        }

        @Override
        public void deliver(String user, byte[] rfc822) {
            // Parsed without mail.mime.allowutf8, so 8-bit header bytes stay bytes (as ISO-8859-1 chars) and GreenMail
            // serves them back unchanged. GreenMail's own SMTP DATA and APPEND parse with allowutf8 on, after which
            // its BODY[HEADER] writes every character outside ISO-8859-1 as '?' and RFC 2047 display names as raw
            // ISO-8859-1: that would cost two header cases instead of the one raw-UTF-8 search below.
            try {
                greenMail.getUserManager().getUser(user)
                        .deliver(new MimeMessage(mail, new ByteArrayInputStream(rfc822)));
            } catch (MessagingException e) {
                throw new IllegalStateException("GreenMail cannot parse the message", e);
            }
        }

        @Override
        public Map<String, String> knownGaps() {
            return Map.of("reportsTheQuotaOfTheInbox", "GreenMail 2.1.12 reports STORAGE usage in octets (the sum of"
                    + " MimeMessage.getSize(), bodies only) where RFC 9208 section 5.1 counts units of 1024 octets,"
                    + " e.g. 3417 after one 3677-octet message",
                    "searchesNonAsciiTextInRawUtf8Subjects", "GreenMail 2.1.12 has no RFC 6532 support: it"
                    + " searches the MimeMessage it parsed, whose raw UTF-8 Subject reads as ISO-8859-1 mojibake, so"
                    + " SEARCH CHARSET UTF-8 SUBJECT finds nothing (parsed with allowutf8 instead, its BODY[HEADER]"
                    + " mangles such headers to '?')",
                    "expungeModeRemovesExactlyTheseMessagesAndSparesOtherClientsDeletedFlags", "GreenMail 2.1.12"
                    + " renumbers before announcing another session's expunge, against RFC 3501 section 7.4.1: after"
                    + " the other session expunged UID 1 it answers UID FETCH 1:* with '* 1 FETCH (UID 2)',"
                    + " '* 2 FETCH (UID 3)', '* 1 FETCH (UID 1)', '* 1 EXPUNGE', so sequence number 1 names two"
                    + " messages and no client can tell which one the EXPUNGE removes (Dovecot and the fake pass)");
        }

        @Override
        public void close() {
            greenMail.stop();
        }
    }

    /** A private Dovecot, IMAP over implicit TLS. */
    static final class Dovecot extends Base {
        private final DovecotServer dovecot = DovecotServer.start();
        private final MailboxClient client = client(dovecot.clientSslContext());

        @Override
        public String name() {
            return "Dovecot IMAP";
        }

        @Override
        public String createUser() {
            String user = nextUser();
            dovecot.addUser(user, "pw-" + user);
            return user;
        }

        @Override
        public MailboxSession open(Credentials credentials) {
            return client.open(dovecot.imapEndpoint(TlsMode.IMPLICIT), credentials);
        }

        @Override
        public void deliver(String user, byte[] rfc822) {
            dovecot.deliver(user, rfc822);
        }

        @Override
        public void close() {
            dovecot.close();
        }
    }
}
