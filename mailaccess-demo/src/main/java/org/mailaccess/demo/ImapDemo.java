package org.mailaccess.demo;

import static org.mailaccess.demo.Demo.say;
import static org.mailaccess.demo.Demo.section;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.mailaccess.Capability;
import org.mailaccess.Credentials;
import org.mailaccess.FetchSpec;
import org.mailaccess.Flag;
import org.mailaccess.FlagOperation;
import org.mailaccess.Flags;
import org.mailaccess.Folder;
import org.mailaccess.FolderChanges;
import org.mailaccess.FolderInfo;
import org.mailaccess.FolderRole;
import org.mailaccess.FolderSnapshot;
import org.mailaccess.MailboxClient;
import org.mailaccess.MailboxEvent;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageKey;
import org.mailaccess.MessageRange;
import org.mailaccess.MessageSummary;
import org.mailaccess.Watch;
import org.mailaccess.search.SearchQuery;
import org.mailaccess.testkit.FakeImapServer;
import org.mailaccess.testkit.MessageBuilder;

/**
 * The seed's IMAP client: the server's folder tree mirrored, flags shared by every device, moving on the server,
 * quota, server search, push of new mail, saving sent mail, and picking up what another device changed.
 */
final class ImapDemo {

    private ImapDemo() {
    }

    static void run() throws InterruptedException {
        section("IMAP: folders, search, shared flags, move, quota, sent mail, sync and push (fake server, TLS)");
        try (FakeImapServer server = FakeImapServer.builder().implicitTls().start()) {
            server.addUser("ann", "demo-password");
            server.setQuota("ann", 10_240, 1_000);
            server.deliver("ann", "INBOX", MessageBuilder.message().from("bob@example.test").subject("Invoice 42"));
            server.deliver("ann", "INBOX", MessageBuilder.message().from("carol@example.test").subject("Photos"));
            server.deliver("ann", "INBOX", MessageBuilder.message().from("bob@example.test").subject("Re: Invoice 42"));

            MailboxClient client = MailboxClient.builder().sslContext(server.clientSslContext()).build();
            Credentials ann = Credentials.password("ann", "demo-password");
            try (MailboxSession laptop = client.open(server.endpoint(), ann);
                    MailboxSession phone = client.open(server.endpoint(), ann)) {
                say("capabilities: %s", laptop.capabilities().features());
                for (FolderInfo f : laptop.folders()) {
                    say("  folder %-10s role %s", f.name(), f.role().map(Enum::name).orElse("-"));
                }

                Folder inbox = laptop.inbox();
                FolderSnapshot phoneState = phone.inbox().snapshot();
                List<MessageKey> fromBob = inbox.search(SearchQuery.from("bob@example.test"));
                say("server search FROM bob: %d messages, UIDs %s", fromBob.size(),
                        fromBob.stream().map(MessageKey::id).toList());

                inbox.updateFlags(fromBob, FlagOperation.ADD, Flags.of(Flag.SEEN, Flag.FLAGGED));
                say("laptop marked them read and flagged (one UID STORE)");
                String archive = laptop.folderWithRole(FolderRole.ARCHIVE).orElseThrow().name();
                inbox.moveTo(List.of(fromBob.get(1)), archive);
                say("laptop moved UID %s to %s", fromBob.get(1).id(), archive);

                FolderChanges changes = phone.inbox().changesSince(phoneState);
                say("phone picks up: flag changes %s, expunged %s",
                        changes.flagChanges().entrySet().stream()
                                .map(e -> e.getKey().id() + "=" + e.getValue().system()).toList(),
                        changes.expunged().stream().map(MessageKey::id).toList());

                laptop.quota("INBOX").forEach(q -> q.resources().forEach(r -> say("quota %s: %d of %d used, %d left",
                        r.name(), r.usage(), r.limit(), r.remaining())));

                String sent = laptop.folderWithRole(FolderRole.SENT).orElseThrow().name();
                byte[] reply = MessageBuilder.message().from("ann@example.test").to("bob@example.test")
                        .subject("Re: Invoice 42").body("Paid.\r\n").build();
                laptop.folder(sent).append(new ByteArrayInputStream(reply), Flags.of(Flag.SEEN), null)
                        .ifPresent(k -> say("sent mail saved in %s as UID %s, visible to every device", sent, k.id()));

                if (laptop.capabilities().has(Capability.PUSH)) {
                    BlockingQueue<MailboxEvent> events = new LinkedBlockingQueue<>();
                    try (Watch watch = phone.watch("INBOX", events::add)) {
                        waitFor(events, MailboxEvent.Listening.class);
                        server.deliver("ann", "INBOX", MessageBuilder.message().from("dave@example.test")
                                .subject("Just arrived"));
                        MailboxEvent.NewMessages news = waitFor(events, MailboxEvent.NewMessages.class);
                        say("push (IDLE) told the phone at once: new %s",
                                news.keys().stream().map(MessageKey::id).toList());
                    }
                }

                List<MessageSummary> now = inbox.summaries(MessageRange.all(), FetchSpec.headers());
                for (MessageSummary m : now) {
                    say("  inbox UID %-3s %-8s %s", m.key().id(), m.flags().system(),
                            m.headers().flatMap(h -> h.subject()).orElse(""));
                }
            }
        }
    }

    private static <T extends MailboxEvent> T waitFor(BlockingQueue<MailboxEvent> events, Class<T> type)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            MailboxEvent e = events.poll(100, TimeUnit.MILLISECONDS);
            if (type.isInstance(e)) {
                return type.cast(e);
            }
        }
        throw new IllegalStateException("no " + type.getSimpleName() + " event within 10 s");
    }
}
