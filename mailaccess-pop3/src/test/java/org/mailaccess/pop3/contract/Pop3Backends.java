package org.mailaccess.pop3.contract;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
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
import org.mailaccess.pop3.Pop3Options;
import org.mailaccess.testkit.DovecotServer;
import org.mailaccess.testkit.FakePop3Server;
import org.mailaccess.testkit.Pop3Profile;
import org.mailaccess.testkit.contract.ContractBackend;

/** The POP3 servers the contract suite runs against, each with a client configured for it. */
final class Pop3Backends {

    private Pop3Backends() {
    }

    /** A client with short timeouts, so that a hanging case fails fast instead of waiting a minute. */
    static MailboxClient client(SSLContext trust, Pop3Options options) {
        MailboxClient.Builder b = MailboxClient.builder().connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(15)).writeTimeout(Duration.ofSeconds(15)).options(options);
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
            return Protocol.POP3;
        }

        @Override
        public Credentials credentials(String user) {
            return Credentials.password(user, "pw-" + user);
        }
    }

    /** The testkit's fake POP3 server with a profile, over STLS. */
    static final class Fake extends Base {
        private final String name;
        private final FakePop3Server server;
        private final MailboxClient client;

        Fake(String name, Pop3Profile profile, Pop3Options options) {
            this.name = name;
            this.server = FakePop3Server.builder().profile(profile).start();
            this.client = client(server.clientSslContext(), options);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String createUser() {
            String user = nextUser();
            server.addUser(user, "pw-" + user);
            return user;
        }

        @Override
        public MailboxSession open(Credentials credentials) {
            return client.open(server.endpoint(), credentials);
        }

        @Override
        public void deliver(String user, byte[] rfc822) {
            server.mailbox(user).deliver(rfc822);
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /** GreenMail's POP3 server, plaintext (it offers no STLS). */
    static final class Green extends Base {
        private final Session mail = Session.getInstance(new Properties());
        private final GreenMail greenMail = new GreenMail(ServerSetupTest.POP3.dynamicPort());
        private final MailboxClient client = client(null, Pop3Options.defaults());

        Green() {
            greenMail.start();
        }

        @Override
        public String name() {
            return "GreenMail POP3";
        }

        @Override
        public String createUser() {
            String user = nextUser();
            greenMail.setUser(user + "@localhost", user, "pw-" + user);
            return user;
        }

        @Override
        public MailboxSession open(Credentials credentials) {
            return client.open(new ServerEndpoint(Protocol.POP3, "localhost", greenMail.getPop3().getPort(),
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
            return Map.of("listsTheExactSizeOfEachMessage", "GreenMail 2.1.12 answers LIST and STAT with"
                    + " MimeMessage.getSize(), the size of the body alone, not of the whole message (RFC 1939"
                    + " section 5 asks for the exact size)");
        }

        @Override
        public void close() {
            greenMail.stop();
        }
    }

    /** A private Dovecot, POP3 over implicit TLS. */
    static final class Dovecot extends Base {
        private final DovecotServer dovecot = DovecotServer.start();
        private final MailboxClient client = client(dovecot.clientSslContext(), Pop3Options.defaults());

        @Override
        public String name() {
            return "Dovecot POP3";
        }

        @Override
        public String createUser() {
            String user = nextUser();
            dovecot.addUser(user, "pw-" + user);
            return user;
        }

        @Override
        public MailboxSession open(Credentials credentials) {
            return client.open(dovecot.pop3Endpoint(TlsMode.IMPLICIT), credentials);
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
