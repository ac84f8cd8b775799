package org.mailaccess.imap;

import org.mailaccess.Credentials;
import org.mailaccess.MailboxClient;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageKey;
import org.mailaccess.Protocol;
import org.mailaccess.ServerEndpoint;
import org.mailaccess.TlsMode;

/** Run in a child JVM with a tiny heap: opens a message on the given port and prints what it ended with. */
public final class SmallHeapClient {

    private SmallHeapClient() {
    }

    public static void main(String[] args) {
        try (MailboxSession s = MailboxClient.builder().build().open(new ServerEndpoint(Protocol.IMAP, "127.0.0.1",
                Integer.parseInt(args[0]), TlsMode.INSECURE_PLAINTEXT), Credentials.password("ann", "pw"))) {
            s.inbox().openMessage(MessageKey.imap("INBOX", 7, 1)).close();
            System.out.println("RESULT no error");
        } catch (Throwable t) {
            System.out.println("RESULT " + t.getClass().getName());
        }
    }
}
