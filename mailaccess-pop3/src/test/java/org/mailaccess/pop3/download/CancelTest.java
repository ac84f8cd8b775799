package org.mailaccess.pop3.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mailaccess.testkit.Fault;
import org.mailaccess.testkit.RecordedCommand;

/** {@link Pop3Downloader#cancel()} from another thread: prompt, and leaves store, ledger and server consistent. */
@Timeout(30)
class CancelTest {

    @TempDir
    Path dir;

    private final ExecutorService runner = Executors.newSingleThreadExecutor();
    private Account account;

    @AfterEach
    void close() throws IOException {
        runner.shutdownNow();
        if (account != null) {
            account.close();
        }
    }

    private List<String> files(String sub) throws IOException {
        try (Stream<Path> s = Files.list(account.store.directory().resolve(sub))) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    private long count(String verb) {
        return account.server.commands().stream().filter(c -> c.verb().equals(verb)).count();
    }

    @Test
    void cancelDuringAStalledRetrStopsPromptlyAndKeepsWhatWasStored() throws Exception {
        account = Account.start(dir);
        account.deliver("one");
        account.deliver("two");
        account.deliver("three");
        account.server.injectFault(Fault.stall("RETR", Duration.ofSeconds(60)).onOccurrence(2));
        Pop3Downloader downloader = account.downloader().leavePolicy(LeavePolicy.deleteAfterDownload()).build();

        Future<DownloadResult> running = runner.submit(downloader::run);
        awaitCommand("RETR", 2);
        Thread.sleep(100); // let the client block in its read
        long start = System.nanoTime();
        downloader.cancel();
        DownloadResult result = running.get(5, TimeUnit.SECONDS);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(result.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(elapsedMillis).isLessThan(2000);
        assertThat(result.downloadedKeys()).extracting(k -> k.id()).containsExactly("uid-1");
        assertThat(files("new")).hasSize(1);
        assertThat(files("tmp")).isEmpty();
        assertThat(account.ledger.load().isDownloaded("uid-1")).isTrue();
        assertThat(account.ledger.load().downloads()).containsOnlyKeys("uid-1");
        assertThat(account.onServer()).containsExactly("uid-1", "uid-2", "uid-3"); // nothing deleted
        assertThat(count("DELE")).isZero();

        // The fake's stall does not notice the client hanging up, so its session would hold the maildrop lock (RFC
        // 1939 section 4) for the whole stall; a real server notices at its next write or autologout.
        account.server.dropAllConnections();
        DownloadResult again = downloader.run();
        assertThat(again.isClean()).as(again.toString()).isTrue();
        assertThat(again.downloadedKeys()).extracting(k -> k.id()).containsExactly("uid-2", "uid-3");
        assertThat(account.storedTexts()).hasSize(3);
        assertThat(account.onServer()).isEmpty();
    }

    @Test
    void cancelInTheMiddleOfAMessageDiscardsThePartialMessage() throws Exception {
        account = Account.start(dir);
        account.deliver("big", 2_000_000);
        account.deliver("small");
        CountDownLatch midMessage = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        DownloadListener listener = new DownloadListener() {
            @Override
            public void progress(DownloadListener.Progress p) {
                if (p.bytesDone() > 200_000 && midMessage.getCount() > 0) {
                    midMessage.countDown();
                    try {
                        resume.await(5, TimeUnit.SECONDS); // hold the run here while the test cancels
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        Pop3Downloader downloader = account.downloader().leavePolicy(LeavePolicy.deleteAfterDownload())
                .listener(listener).build();

        Future<DownloadResult> running = runner.submit(downloader::run);
        assertThat(midMessage.await(10, TimeUnit.SECONDS)).isTrue();
        downloader.cancel();
        resume.countDown();
        DownloadResult result = running.get(5, TimeUnit.SECONDS);

        assertThat(result.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(result.downloaded()).isEmpty();
        assertThat(files("new")).isEmpty();
        assertThat(files("tmp")).isEmpty();
        assertThat(account.ledger.load().downloads()).isEmpty();
        assertThat(account.onServer()).containsExactly("uid-1", "uid-2");
        assertThat(account.server.commands()).extracting(RecordedCommand::verb).doesNotContain("DELE");
    }

    @Test
    void cancelWithNoRunInProgressDoesNothing() throws IOException {
        account = Account.start(dir);
        account.deliver("one");
        Pop3Downloader downloader = account.downloader().build();

        downloader.cancel();

        assertThat(downloader.run().status()).isEqualTo(RunStatus.COMPLETED);
    }

    private void awaitCommand(String verb, int times) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (count(verb) < times) {
            assertThat(System.nanoTime()).as("waiting for %s #%d", verb, times).isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
