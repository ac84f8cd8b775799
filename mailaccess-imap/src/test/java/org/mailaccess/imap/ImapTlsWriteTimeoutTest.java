package org.mailaccess.imap;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailaccess.imap.ScriptedImapServer.ascii;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mailaccess.Credentials;
import org.mailaccess.Flags;
import org.mailaccess.MailAccessException;
import org.mailaccess.MailboxClient;
import org.mailaccess.MailboxSession;
import org.mailaccess.Protocol;
import org.mailaccess.ServerEndpoint;
import org.mailaccess.TlsMode;
import org.mailaccess.testkit.internal.TestCertificates;

/**
 * The write timeout over TLS: a server that stops reading mid-APPEND fills the send buffer and blocks the writer
 * inside the TLS socket, which holds its record lock; closing that TLS socket would wait for the same lock, so the
 * timeout must close the TCP socket underneath. A hang here is caught by the test timeout.
 */
class ImapTlsWriteTimeoutTest {

    @Test
    @Timeout(value = 45, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aWriteTimeoutOverTlsEndsAnAppendTheServerStoppedReading() throws Exception {
        TestCertificates certs = TestCertificates.forHost("localhost");
        try (ScriptedImapServer server = new ScriptedImapServer("* OK [CAPABILITY IMAP4rev1 UIDPLUS] x",
                certs.serverContext(), true, (tag, command, c) -> {
                    if (command.toUpperCase().startsWith("APPEND")) {
                        c.raw.write(ascii("+ go ahead\r\n"));
                        c.raw.flush();
                        try {
                            Thread.sleep(40_000); // stop reading: the client's writes block
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return null;
                    }
                    return ascii(command.toUpperCase().startsWith("LOGOUT") ? "* BYE\r\n" + tag + " OK\r\n"
                            : tag + " OK done\r\n");
                })) {
            MailboxClient client = MailboxClient.builder().sslContext(certs.clientContext())
                    .readTimeout(Duration.ofSeconds(5)).writeTimeout(Duration.ofSeconds(2)).build();
            MailboxSession s = client.open(new ServerEndpoint(Protocol.IMAP, "localhost", server.port(),
                    TlsMode.IMPLICIT), Credentials.password("ann", "pw"));
            byte[] big = new byte[64 * 1024 * 1024];
            Arrays.fill(big, (byte) 'a');
            assertThatThrownBy(() -> s.inbox().append(new ByteArrayInputStream(big), Flags.NONE, null))
                    .isInstanceOf(MailAccessException.class);
            s.close();
        }
    }
}
