package org.mailaccess.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailaccess.imap.ScriptedImapServer.ascii;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mailaccess.Credentials;
import org.mailaccess.MailboxClient;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageKey;
import org.mailaccess.Protocol;
import org.mailaccess.ServerEndpoint;
import org.mailaccess.TlsMode;

/** RFC 6851 section 4.3: a server may answer one UID MOVE with several untagged OK [COPYUID]; all count. */
@Timeout(30)
class ImapMoveCopyUidTest {

    @Test
    void everyCopyUidOfOneMoveContributesNewKeys() throws Exception {
        try (ScriptedImapServer server = new ScriptedImapServer("* OK [CAPABILITY IMAP4rev1 MOVE UIDPLUS] x", null,
                false, (tag, command, c) -> {
                    String up = command.toUpperCase();
                    if (up.startsWith("SELECT")) {
                        return ascii("* 3 EXISTS\r\n* OK [UIDVALIDITY 7] v\r\n* OK [UIDNEXT 4] n\r\n" + tag
                                + " OK [READ-WRITE] selected\r\n");
                    }
                    if (up.startsWith("UID MOVE")) {
                        return ascii("* OK [COPYUID 9 1:2 11:12] part one\r\n* 1 EXPUNGE\r\n* 1 EXPUNGE\r\n"
                                + "* OK [COPYUID 9 3 20] part two\r\n* 1 EXPUNGE\r\n" + tag + " OK moved\r\n");
                    }
                    if (up.startsWith("LOGOUT")) {
                        return ascii("* BYE\r\n" + tag + " OK\r\n");
                    }
                    return ascii(tag + " OK done\r\n");
                }); MailboxSession s = MailboxClient.builder().readTimeout(Duration.ofSeconds(10)).build()
                        .open(new ServerEndpoint(Protocol.IMAP, "127.0.0.1", server.port(),
                                TlsMode.INSECURE_PLAINTEXT), Credentials.password("ann", "pw"))) {
            List<MessageKey> keys = List.of(MessageKey.imap("INBOX", 7, 1), MessageKey.imap("INBOX", 7, 2),
                    MessageKey.imap("INBOX", 7, 3));
            Map<MessageKey, MessageKey> moved = s.inbox().moveTo(keys, "Archive");
            assertThat(moved).containsExactly(
                    Map.entry(keys.get(0), MessageKey.imap("Archive", 9, 11)),
                    Map.entry(keys.get(1), MessageKey.imap("Archive", 9, 12)),
                    Map.entry(keys.get(2), MessageKey.imap("Archive", 9, 20)));
        }
    }
}
