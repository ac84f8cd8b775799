package org.mailaccess.pop3.download;

import java.nio.file.Path;
import java.time.Duration;
import org.mailaccess.Credentials;
import org.mailaccess.MailboxClient;
import org.mailaccess.Protocol;
import org.mailaccess.ServerEndpoint;
import org.mailaccess.TlsMode;

/**
 * The downloading side of {@link LargeMessageTest}, run in a child JVM with a small heap:
 * {@code LargeDownloadMain <port> <maildir> <ledger>}. Prints one line {@code status downloads committedHeap maxHeap}
 * and exits 0 when the run completed.
 */
public final class LargeDownloadMain {

    private LargeDownloadMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        MailboxClient client = MailboxClient.builder().readTimeout(Duration.ofSeconds(30)).build();
        DownloadResult result;
        try (FileLedger ledger = FileLedger.open(Path.of(args[2]))) {
            result = Pop3Downloader.builder(client, new ServerEndpoint(Protocol.POP3, "localhost", port,
                    TlsMode.INSECURE_PLAINTEXT), Credentials.password(Account.USER, Account.PASSWORD))
                    .store(MaildirStore.open(Path.of(args[1]))).ledger(ledger).build().run();
        }
        // java.management is not readable from this module's tests; the committed heap is the honest upper bound.
        long committed = Runtime.getRuntime().totalMemory();
        System.out.println(result.status() + " " + result.downloaded().size() + " " + committed + " "
                + Runtime.getRuntime().maxMemory());
        if (result.status() != RunStatus.COMPLETED) {
            System.out.println(result);
            result.error().ifPresent(e -> e.printStackTrace(System.out));
        }
        System.exit(result.status() == RunStatus.COMPLETED ? 0 : 1);
    }
}
