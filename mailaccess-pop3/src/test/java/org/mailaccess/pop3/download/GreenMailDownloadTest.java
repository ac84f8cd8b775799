package org.mailaccess.pop3.download;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mailaccess.Credentials;
import org.mailaccess.MessageHeaders;
import org.mailaccess.Protocol;
import org.mailaccess.ServerEndpoint;
import org.mailaccess.TlsMode;

/**
 * The main policies against a POP3 server we did not write: GreenMail's, over loopback. Its port is dynamic so that
 * builds running side by side on one machine do not fight over 3110.
 */
class GreenMailDownloadTest {

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(ServerSetupTest.POP3.dynamicPort());

    @TempDir
    Path dir;

    private GreenMailUser user;
    private FileLedger ledger;
    private MaildirStore store;

    @BeforeEach
    void setUp() throws IOException {
        user = GREENMAIL.setUser("ann@example.org", "ann", "secret");
        ledger = FileLedger.open(dir.resolve("ann.ledger"));
        store = MaildirStore.open(dir.resolve("Maildir"));
    }

    @AfterEach
    void tearDown() throws IOException {
        ledger.close();
    }

    private void deliver(String subject) {
        user.deliver(GreenMailUtil.newMimeMessage("From: bob@example.org\r\nTo: ann@example.org\r\nSubject: "
                + subject + "\r\nMessage-ID: <" + subject.replace(' ', '-') + "@example.org>\r\n\r\nHello from "
                + subject + "\r\n"));
    }

    private Pop3Downloader.Builder downloader() {
        ServerEndpoint endpoint = new ServerEndpoint(Protocol.POP3, "localhost", GREENMAIL.getPop3().getPort(),
                TlsMode.INSECURE_PLAINTEXT);
        return Pop3Downloader.builder(Account.CLIENT, endpoint, Credentials.password("ann", "secret")).store(store)
                .ledger(ledger);
    }

    @Test
    void keepDownloadsEachMessageOnceAndLeavesThemOnTheServer() throws IOException {
        deliver("one");
        deliver("two");
        Pop3Downloader downloader = downloader().build();

        DownloadResult first = downloader.run();
        DownloadResult second = downloader.run();

        assertThat(first.status()).as(first.toString()).isEqualTo(RunStatus.COMPLETED);
        assertThat(first.downloaded()).hasSize(2);
        assertThat(second.downloaded()).isEmpty();
        assertThat(second.kept()).hasSize(2);
        assertThat(store.list()).hasSize(2);
        assertThat(GREENMAIL.getReceivedMessages()).hasSize(2);
    }

    @Test
    void deleteAfterDownloadEmptiesTheMailboxOnceEverythingIsStored() throws IOException {
        deliver("one");
        deliver("two");

        DownloadResult result = downloader().leavePolicy(LeavePolicy.deleteAfterDownload()).build().run();

        assertThat(result.isClean()).as(result.toString()).isTrue();
        assertThat(result.deleted()).hasSize(2);
        assertThat(store.list()).hasSize(2);
        assertThat(GREENMAIL.getReceivedMessages()).isEmpty();
        assertThat(downloader().leavePolicy(LeavePolicy.deleteAfterDownload()).build().run().downloaded()).isEmpty();
    }

    @Test
    void previewShowsTheHeadersAndAMarkedMessageIsDownloadedNext() throws IOException {
        deliver("one");
        deliver("two");
        Pop3Downloader downloader = downloader().sizePolicy(SizePolicy.previewAll()).build();

        PreviewResult preview = downloader.preview();

        assertThat(preview.status()).as(preview.toString()).isEqualTo(RunStatus.COMPLETED);
        assertThat(preview.messages()).extracting(p -> p.headers().flatMap(MessageHeaders::subject).orElse(null))
                .containsExactlyInAnyOrder("one", "two");
        PreviewedMessage two = preview.messages().stream()
                .filter(p -> p.headers().flatMap(MessageHeaders::subject).orElse("").equals("two")).findFirst()
                .orElseThrow();
        downloader.mark(two.key(), Mark.DOWNLOAD);

        DownloadResult run = downloader.run();

        assertThat(run.downloadedKeys()).containsExactly(two.key());
        assertThat(run.previewed()).hasSize(1);
        assertThat(store.list()).singleElement().extracting(LocalMessage::key).isEqualTo(two.key());
    }
}
