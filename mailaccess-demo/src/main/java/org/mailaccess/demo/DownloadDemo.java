package org.mailaccess.demo;

import static org.mailaccess.demo.Demo.say;
import static org.mailaccess.demo.Demo.section;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.mailaccess.Credentials;
import org.mailaccess.MailboxClient;
import org.mailaccess.pop3.download.DownloadListener;
import org.mailaccess.pop3.download.DownloadResult;
import org.mailaccess.pop3.download.FileLedger;
import org.mailaccess.pop3.download.LeavePolicy;
import org.mailaccess.pop3.download.LocalMessage;
import org.mailaccess.pop3.download.MaildirStore;
import org.mailaccess.pop3.download.Mark;
import org.mailaccess.pop3.download.Pop3Downloader;
import org.mailaccess.pop3.download.PreviewResult;
import org.mailaccess.pop3.download.PreviewedMessage;
import org.mailaccess.pop3.download.SizePolicy;
import org.mailaccess.testkit.FakePop3Server;
import org.mailaccess.testkit.MessageBuilder;

/**
 * The seed's POP3 mail client: download new mail into a local Maildir, preview big messages and choose, and leave
 * mail on the server for N days after download.
 */
final class DownloadDemo {

    private DownloadDemo() {
    }

    static void run() throws Exception {
        section("POP3 download manager: Maildir store, ledger, preview, delete 14 days after download");
        Path dir = Files.createTempDirectory("mailaccess-demo");
        try (FakePop3Server server = FakePop3Server.builder().implicitTls().start()) {
            server.addUser("ann", "demo-password");
            for (int i = 1; i <= 3; i++) {
                server.mailbox("ann").deliver(MessageBuilder.message().from("friend" + i + "@example.test")
                        .subject("Message " + i).body("Hello number " + i + "\r\n"));
            }
            server.mailbox("ann").deliver(MessageBuilder.message().from("photos@example.test")
                    .subject("Holiday pictures").bodyOfSize(3_000_000));

            MailboxClient client = MailboxClient.builder().sslContext(server.clientSslContext()).build();
            MutableClock clock = new MutableClock(Instant.parse("2026-11-01T08:00:00Z"));
            try (FileLedger ledger = FileLedger.open(dir.resolve("ann.ledger"))) {
                MaildirStore store = MaildirStore.open(dir.resolve("Maildir"));
                Pop3Downloader downloader = Pop3Downloader.builder(client, server.endpoint(),
                                Credentials.password("ann", "demo-password"))
                        .store(store).ledger(ledger)
                        .leavePolicy(LeavePolicy.deleteDaysAfterDownload(14))
                        .sizePolicy(SizePolicy.previewAbove(1_000_000))
                        .clock(clock)
                        .listener(new DownloadListener() {
                            @Override
                            public void downloaded(LocalMessage message) {
                                say("  stored %s (%d bytes)", message.key().id(), message.size());
                            }
                        })
                        .build();

                say("run 1, %s: new mail, big messages only previewed", clock.instant());
                DownloadResult first = downloader.run();
                for (PreviewedMessage p : first.previewed()) {
                    say("  previewed %s, %d bytes: \"%s\"", p.key().id(), p.size(),
                            p.headers().flatMap(h -> h.subject()).orElse("?"));
                }
                say("  %s", first);

                PreviewedMessage big = first.previewed().get(0);
                downloader.mark(big.key(), Mark.DOWNLOAD);
                say("user chose to download %s", big.key().id());
                DownloadResult second = downloader.run();
                say("run 2: downloaded %s; nothing downloaded twice; server still has %d messages",
                        second.downloadedKeys().stream().map(k -> k.id()).toList(),
                        server.mailbox("ann").messages().size());

                clock.advance(Duration.ofDays(15));
                DownloadResult third = downloader.run();
                say("run 3, %s: deleted on server %s (logout %s)", clock.instant(),
                        third.deleted().stream().map(k -> k.id()).toList(),
                        third.logout().map(l -> l.outcome()).orElse(null));
                say("server now has %d messages; the local Maildir still has %d, readable offline",
                        server.mailbox("ann").messages().size(), store.list().size());

                PreviewResult preview = downloader.preview();
                say("preview of new mail now: %d messages", preview.messages().size());
                say("Maildir: %s", store.directory());
            }
        }
    }

    /** A clock the demo moves forward to show "N days after download". */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
