package org.mailaccess.pop3.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailaccess.MessageKey;

/**
 * What a message is, beyond its UIDL: a reused UIDL never gets a message deleted unread, and a UIDL the store cannot
 * take as it is (too long for a file name) does not stop the rest of the mailbox.
 */
class DownloadIdentityTest {

    @TempDir
    Path dir;

    private Account account;

    @AfterEach
    void close() throws IOException {
        if (account != null) {
            account.close();
        }
    }

    /**
     * A reused UIDL (cyrus-imapd#374, e.g. after a mailbox migration resets the counter) whose new message happens
     * to have the old size is taken for the stored one and deleted on the server without ever being downloaded.
     */
    @Test
    void aReusedUidlWithTheSameSizeIsNeverDeletedUnstored() throws IOException {
        account = Account.start(dir);
        Account a = account;
        byte[] first = "Subject: alert 1\r\n\r\nDisk at 91%\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] second = "Subject: alert 2\r\n\r\nDisk at 97%\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(second).hasSameSizeAs(first);
        a.mailbox().deliver(first, "1");
        Pop3Downloader downloader = a.downloader().leavePolicy(LeavePolicy.deleteDaysAfterDownload(7)).build();
        assertThat(downloader.run().downloaded()).hasSize(1);

        // The server is migrated: old mail gone, UIDL counter restarted; a new message arrives as "1".
        a.mailbox().clear();
        a.mailbox().deliver(second, "1");
        a.clock.advance(Duration.ofDays(8));

        DownloadResult result = downloader.run();

        boolean secondStored = a.storedTexts().stream().anyMatch(t -> t.contains("97%"));
        boolean secondOnServer = !a.onServer().isEmpty();
        assertThat(secondStored || secondOnServer)
                .as("message 'alert 2' is neither stored locally nor on the server; deleted=%s", result.deleted())
                .isTrue();
    }

    /** One message with an over-long UIDL (a broken server) stops every later message from being downloaded. */
    @Test
    void oneOverlongUidlDoesNotBlockTheRestOfTheMailbox() throws IOException {
        account = Account.start(dir);
        Account a = account;
        a.mailbox().deliver("Subject: odd\r\n\r\nodd\r\n".getBytes(StandardCharsets.US_ASCII), "u".repeat(101));
        a.mailbox().deliver("Subject: normal\r\n\r\nnormal\r\n".getBytes(StandardCharsets.US_ASCII), "n1");
        Pop3Downloader downloader = a.downloader().build();

        downloader.run();
        DownloadResult again = downloader.run();

        assertThat(a.store.find(MessageKey.pop3("n1")))
                .as("status of the second run: %s, failures %s", again.status(), again.failed()).hasSize(1);
    }
}
