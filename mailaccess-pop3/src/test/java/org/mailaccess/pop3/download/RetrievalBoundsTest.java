package org.mailaccess.pop3.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailaccess.MessageKey;
import org.mailaccess.testkit.Fault;
import org.mailaccess.testkit.RecordedCommand;

/**
 * A RETR (RFC 1939 section 5) that does not end in reasonable size or time is abandoned: that message fails, the
 * connection is dropped (POP3 cannot cancel a RETR), nothing is deleted on the server in that session, and the next
 * run finishes the job consistently.
 */
class RetrievalBoundsTest {

    @TempDir
    Path dir;

    private Account account;

    @AfterEach
    void close() throws IOException {
        if (account != null) {
            account.close();
        }
    }

    private static List<String> uidls(List<MessageKey> keys) {
        return keys.stream().map(MessageKey::id).toList();
    }

    private List<String> verbs() {
        return account.server.commands().stream().map(RecordedCommand::verb).toList();
    }

    /** A RETR reply far longer than any small message's listed size (over the 1 MiB slack), without a terminator. */
    private static String endlessRetrReply() {
        return "+OK here it comes\r\n" + ("x".repeat(998) + "\r\n").repeat(1_200);
    }

    @Test
    void aRetrFarBeyondItsListedSizeFailsThatMessageDropsTheConnectionAndDeletesNothing() throws IOException {
        account = Account.start(dir);
        account.deliver("one");
        account.deliver("two");
        account.deliver("three");
        account.server.injectFault(Fault.rawReply("RETR", endlessRetrReply()).onOccurrence(2));
        Pop3Downloader downloader = account.downloader().leavePolicy(LeavePolicy.deleteAfterDownload()).build();

        DownloadResult first = downloader.run();

        assertThat(first.status()).isEqualTo(RunStatus.FAILED);
        assertThat(first.failed()).singleElement().satisfies(f -> {
            assertThat(f.key().id()).isEqualTo("uid-2");
            assertThat(f.stage()).isEqualTo(MessageFailure.Stage.DOWNLOAD);
            assertThat(f.error()).hasMessageContaining("exceeded").hasMessageContaining("connection was dropped");
        });
        assertThat(uidls(first.downloadedKeys())).containsExactly("uid-1");
        assertThat(first.deleted()).isEmpty();
        assertThat(verbs()).doesNotContain("DELE", "QUIT");
        assertThat(account.onServer()).containsExactly("uid-1", "uid-2", "uid-3");
        assertThat(account.storedTexts()).singleElement().asString().contains("this is one.");

        DownloadResult second = downloader.run();

        assertThat(second.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(second.failed()).isEmpty();
        assertThat(uidls(second.downloadedKeys())).containsExactly("uid-2", "uid-3");
        assertThat(uidls(second.deleted())).containsExactlyInAnyOrder("uid-1", "uid-2", "uid-3");
        assertThat(account.onServer()).isEmpty();
        assertThat(account.storedTexts()).hasSize(3)
                .anySatisfy(t -> assertThat(t).contains("this is one."))
                .anySatisfy(t -> assertThat(t).contains("this is two."))
                .anySatisfy(t -> assertThat(t).contains("this is three."));
    }

    @Test
    void aRetrStillRunningPastItsTimeBoundIsAbandonedAndTheNextRunDownloadsItAgain() throws IOException {
        account = Account.start(dir);
        account.deliver("slow", 300_000);
        // The clock jumps past the bound while the message streams: as if the server dripped it over an hour.
        Duration beyond = MessageFetch.timeBound(310_000).plusMinutes(1);
        boolean[] jumped = {false};
        DownloadListener slowLink = new DownloadListener() {
            @Override
            public void progress(DownloadListener.Progress p) {
                if (!jumped[0] && p.bytesDone() > 0) {
                    jumped[0] = true;
                    account.clock.advance(beyond);
                }
            }
        };

        DownloadResult first = account.downloader().leavePolicy(LeavePolicy.deleteAfterDownload()).listener(slowLink)
                .build().run();

        assertThat(first.status()).isEqualTo(RunStatus.FAILED);
        assertThat(first.failed()).singleElement().satisfies(f -> {
            assertThat(f.key().id()).isEqualTo("uid-1");
            assertThat(f.stage()).isEqualTo(MessageFailure.Stage.DOWNLOAD);
            assertThat(f.error()).hasMessageContaining("took longer than");
        });
        assertThat(first.downloaded()).isEmpty();
        assertThat(verbs()).doesNotContain("DELE", "QUIT");
        assertThat(account.onServer()).containsExactly("uid-1");
        assertThat(account.storedTexts()).isEmpty();

        DownloadResult second = account.downloader().leavePolicy(LeavePolicy.deleteAfterDownload()).build().run();

        assertThat(second.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(uidls(second.downloadedKeys())).containsExactly("uid-1");
        assertThat(account.onServer()).isEmpty();
        assertThat(account.storedTexts()).hasSize(1);
    }

    @Test
    void theTimeBoundHasAFloorAndGrowsWithTheListedSize() {
        assertThat(MessageFetch.timeBound(0)).isEqualTo(MessageFetch.TIME_FLOOR);
        assertThat(MessageFetch.timeBound(80 * 1024 * 1024))
                .isEqualTo(MessageFetch.TIME_FLOOR.plusSeconds(80 * 1024 / 8));
    }
}
