package org.mailaccess.pop3.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.mailaccess.Credentials;
import org.mailaccess.MailboxClient;
import org.mailaccess.TlsMode;
import org.mailaccess.testkit.FakePop3Server;
import org.mailaccess.testkit.Mailbox;
import org.mailaccess.testkit.MessageBuilder;
import org.mailaccess.testkit.Pop3Profile;
import org.mailaccess.testkit.StoredMessage;

/**
 * One test account: a fake POP3 server with a user, a Maildir and a file ledger in a temporary directory, and a
 * clock the test moves. {@link #restart()} closes and reopens ledger and store, as a new process would.
 */
final class Account implements AutoCloseable {

    static final String USER = "ann";
    static final String PASSWORD = "secret";
    static final MailboxClient CLIENT = MailboxClient.builder().connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(10)).writeTimeout(Duration.ofSeconds(10)).build();

    final FakePop3Server server;
    final Path dir;
    final MutableClock clock = MutableClock.at("2025-03-01T10:00:00Z");
    FileLedger ledger;
    MaildirStore store;

    private Account(FakePop3Server server, Path dir) throws IOException {
        this.server = server;
        this.dir = dir;
        server.addUser(USER, PASSWORD);
        open();
    }

    static Account start(Path dir) throws IOException {
        return new Account(FakePop3Server.start(), dir);
    }

    static Account start(Path dir, Pop3Profile profile) throws IOException {
        return new Account(FakePop3Server.builder().profile(profile).start(), dir);
    }

    private void open() throws IOException {
        ledger = FileLedger.open(dir.resolve("ann.ledger"));
        store = MaildirStore.open(dir.resolve("Maildir"));
    }

    /** Closes and reopens ledger and store from disk, as a restarted application would. */
    void restart() throws IOException {
        ledger.close();
        open();
    }

    Mailbox mailbox() {
        return server.mailbox(USER);
    }

    StoredMessage deliver(String subject) {
        return mailbox().deliver(MessageBuilder.message().from("bob@example.org").to("ann@example.org")
                .subject(subject).body("Hello, this is " + subject + ".\r\n.leading dot\r\n"));
    }

    StoredMessage deliver(String subject, int bodySize) {
        return mailbox().deliver(MessageBuilder.message().from("bob@example.org").to("ann@example.org")
                .subject(subject).bodyOfSize(bodySize));
    }

    /** A downloader on plaintext loopback (the TLS paths are the session's tests, not ours). */
    Pop3Downloader.Builder downloader() {
        return Pop3Downloader.builder(CLIENT, server.endpoint(TlsMode.INSECURE_PLAINTEXT),
                Credentials.password(USER, PASSWORD)).store(store).ledger(ledger).clock(clock);
    }

    /** The UIDLs still on the server. */
    List<String> onServer() {
        return mailbox().messages().stream().map(StoredMessage::uidl).toList();
    }

    /** The contents of every stored message, as text. */
    List<String> storedTexts() {
        List<String> out = new ArrayList<>();
        try {
            for (LocalMessage m : store.list()) {
                try (InputStream in = store.open(m)) {
                    out.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        try {
            ledger.close();
        } finally {
            server.close();
        }
    }
}
