package org.mailaccess.imap;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.mailaccess.Credentials;
import org.mailaccess.MailEventListener;
import org.mailaccess.MailboxClient;
import org.mailaccess.MailboxSession;
import org.mailaccess.Protocol;
import org.mailaccess.ServerEndpoint;
import org.mailaccess.TlsMode;

/**
 * Shared set-up for tests against GreenMail's IMAP server (plaintext: GreenMail offers no STARTTLS, and its IMAPS
 * certificate is not issued for localhost, so TLS is covered by the scripted and fake servers instead).
 *
 * <p>What GreenMail 2.1.12 advertises: IMAP4rev1 LITERAL+ UIDPLUS SORT IDLE MOVE SASL-IR AUTH=XOAUTH2 QUOTA. It lacks
 * STARTTLS, SPECIAL-USE, CONDSTORE/QRESYNC, ENABLE, UNSELECT, STATUS=SIZE and AUTH=PLAIN, and its IDLE pushes
 * EXISTS and EXPUNGE but not flag changes (those arrive when IDLE is renewed).
 */
final class GreenMailImap {

    static final String USER = "ann";
    static final String PASSWORD = "s3cr3t-P4ss!";

    private GreenMailImap() {
    }

    static GreenMailExtension extension() {
        return new GreenMailExtension(ServerSetupTest.IMAP.dynamicPort()).withPerMethodLifecycle(true);
    }

    static GreenMailUser user(GreenMailExtension greenMail) {
        return greenMail.setUser("ann@example.org", USER, PASSWORD);
    }

    static ServerEndpoint endpoint(GreenMailExtension greenMail) {
        return new ServerEndpoint(Protocol.IMAP, "127.0.0.1", greenMail.getImap().getPort(),
                TlsMode.INSECURE_PLAINTEXT);
    }

    static MailboxClient client(ImapOptions options) {
        return client(options, MailEventListener.NONE);
    }

    static MailboxClient client(ImapOptions options, MailEventListener listener) {
        return MailboxClient.builder().connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(10))
                .writeTimeout(Duration.ofSeconds(10)).listener(listener).options(options).build();
    }

    static MailboxSession open(GreenMailExtension greenMail) {
        return open(greenMail, ImapOptions.defaults());
    }

    static MailboxSession open(GreenMailExtension greenMail, ImapOptions options) {
        return client(options).open(endpoint(greenMail), Credentials.password(USER, PASSWORD));
    }

    static byte[] message(String subject, String body) {
        return message("bob@example.org", subject, body);
    }

    static byte[] message(String from, String subject, String body) {
        String m = "From: " + from + "\r\nTo: ann@example.org\r\nSubject: " + subject
                + "\r\nDate: Mon, 2 Mar 2026 10:00:00 +0000\r\nMessage-ID: <" + Math.abs(subject.hashCode()) + "."
                + System.nanoTime() + "@example.org>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8"
                + "\r\n\r\n" + body + "\r\n";
        return m.getBytes(StandardCharsets.UTF_8);
    }

    /** Records everything a listener is told, for redaction checks. */
    static final class RecordingListener extends MailEventListener {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void commandSent(ServerEndpoint endpoint, String line) {
            events.add("C: " + line);
        }

        @Override
        public void replyReceived(ServerEndpoint endpoint, String line) {
            events.add("S: " + line);
        }

        @Override
        public void authenticated(ServerEndpoint endpoint, String user, String mechanism) {
            events.add("AUTH " + user + " " + mechanism);
        }

        long commandsStartingWith(String verb) {
            return events.stream().filter(e -> e.matches("C: [A-Z]+[0-9]+ " + java.util.regex.Pattern.quote(verb)
                    + "( .*)?")).count();
        }
    }
}
