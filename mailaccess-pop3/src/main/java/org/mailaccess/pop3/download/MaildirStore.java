package org.mailaccess.pop3.download;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.mailaccess.MessageKey;

/**
 * A {@link MessageStore} in a Maildir directory ({@code tmp/}, {@code new/}, {@code cur/}), readable by other Maildir
 * tools such as mutt, Dovecot or mbsync.
 *
 * <p>A message is written to {@code tmp/} and fsynced; {@link Draft#prepare()} renames it within {@code tmp/} to its
 * final name (fsyncing {@code tmp/}); {@link Draft#commit()} renames it into {@code new/} and fsyncs {@code new/}:
 * the Maildir delivery protocol plus the fsyncs that make it survive a power loss, split where the downloader writes
 * its ledger. {@link #recover} finds prepared files by their name in {@code tmp/}. Other Maildir programs delete
 * files left in {@code tmp/} for 36 hours; a prepared file is normally recovered by the next run long before. File names carry a hash of
 * account and UIDL, a hash of the content, the size and the UIDL itself (format in {@code MaildirName}); that is how
 * the store recognises a message it already holds, even after a reader moved it to {@code cur/} and added flags
 * ({@code :2,S}), and how {@link #list()} knows the key of every message. Files other programs put in the Maildir are
 * ignored. Several accounts may share one Maildir when each store is opened with its own account id. Thread-safe.
 */
public final class MaildirStore implements MessageStore {

    /** Maildir readers delete files left in tmp/ for this long; so do we (the Maildir convention). */
    private static final Duration STALE_TMP = Duration.ofHours(36);
    private static final AtomicLong COUNTER = new AtomicLong();

    private final Path root;
    private final Path tmp;
    private final Path newDir;
    private final Path cur;
    private final String account;
    private final String host;
    private final Clock clock;
    /** Our files in new/ and cur/; guarded by this store's lock. */
    private final MaildirIndex index;

    private MaildirStore(Path root, String account, Clock clock) {
        this.root = root;
        this.tmp = root.resolve("tmp");
        this.newDir = root.resolve("new");
        this.cur = root.resolve("cur");
        this.account = account;
        this.host = MaildirName.host(localHostName());
        this.clock = clock;
        this.index = new MaildirIndex(newDir, cur, this::ours);
    }

    /**
     * Opens a Maildir for one account, creating its directories when missing, and removes temporary files older than
     * 36 hours (writes interrupted by a crash).
     *
     * @param directory the Maildir
     * @return the store
     * @throws IOException when the directories cannot be created
     */
    public static MaildirStore open(Path directory) throws IOException {
        return open(directory, "");
    }

    /**
     * Opens a Maildir shared by several accounts; each store sees only its own account's messages.
     *
     * @param directory the Maildir
     * @param accountId a stable id of the account, e.g. {@code "ann@pop.example.org"}
     * @return the store
     * @throws IOException when the directories cannot be created
     */
    public static MaildirStore open(Path directory, String accountId) throws IOException {
        return open(directory, accountId, Clock.systemUTC());
    }

    static MaildirStore open(Path directory, String accountId, Clock clock) throws IOException {
        Objects.requireNonNull(accountId, "accountId");
        MaildirStore store = new MaildirStore(directory.toAbsolutePath(), accountId, clock);
        for (Path d : List.of(store.root, store.tmp, store.newDir, store.cur)) {
            Durable.createDirectories(d); // fsyncs the parents: a new Maildir survives a power loss with its mail
        }
        store.removeStaleTemporaryFiles();
        return store;
    }

    /**
     * The Maildir directory.
     *
     * @return the path
     */
    public Path directory() {
        return root;
    }

    @Override
    public Draft begin(MessageKey key) throws IOException {
        Objects.requireNonNull(key, "key");
        Path file = tmp.resolve(clock.millis() + ".P" + ProcessHandle.current().pid() + "Q"
                + COUNTER.incrementAndGet() + "R" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "."
                + host);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new MaildirDraft(this, key, file, channel);
    }

    @Override
    public synchronized List<LocalMessage> list() throws IOException {
        index.invalidate(); // directory times can be coarse (1 or 2 s): what the application sees is always fresh
        index.refresh();
        List<LocalMessage> out = new ArrayList<>();
        for (MaildirName.Parsed p : index.all()) {
            out.add(local(p));
        }
        out.sort(Comparator.comparing(LocalMessage::storedAt).thenComparing(LocalMessage::id));
        return out;
    }

    @Override
    public synchronized List<LocalMessage> find(MessageKey key) throws IOException {
        index.invalidate();
        index.refresh();
        List<LocalMessage> out = new ArrayList<>();
        String uidl = MaildirName.nameUidl(key.id());
        for (MaildirName.Parsed p : index.withKeyHash(MaildirName.keyHash(account, uidl))) {
            if (p.uidl().equals(uidl)) {
                out.add(new LocalMessage(p.base(), key, p.size(), Instant.ofEpochSecond(p.seconds())));
            }
        }
        out.sort(Comparator.comparing(LocalMessage::storedAt).thenComparing(LocalMessage::id));
        return out;
    }

    @Override
    public InputStream open(LocalMessage message) throws IOException {
        Path file = index.locate(message.id()).orElseThrow(() -> new NoSuchFileException(message.id()));
        return Files.newInputStream(file);
    }

    @Override
    public synchronized boolean delete(LocalMessage message) throws IOException {
        Optional<Path> file = index.locate(message.id());
        if (file.isEmpty() || !Files.deleteIfExists(file.get())) {
            return false;
        }
        Durable.fsyncDirectory(file.get().getParent());
        index.invalidate(); // rebuild on next use
        return true;
    }

    @Override
    public String toString() {
        return "MaildirStore[" + root + (account.isEmpty() ? "" : ", account=" + account) + "]";
    }

    private LocalMessage local(MaildirName.Parsed p) {
        return new LocalMessage(p.base(), MessageKey.pop3(p.uidl()), p.size(), Instant.ofEpochSecond(p.seconds()));
    }

    @Override
    public synchronized List<LocalMessage> recover(Predicate<String> recorded) throws IOException {
        List<LocalMessage> published = new ArrayList<>();
        boolean discarded = false;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(tmp)) {
            for (Path p : ds) {
                Optional<MaildirName.Parsed> parsed = MaildirName.parse(p.getFileName().toString());
                if (parsed.isEmpty() || !ours(parsed.get())) {
                    continue; // a draft still being written, or another account's or program's file
                }
                if (recorded.test(parsed.get().base())) {
                    published.add(publish(parsed.get()));
                } else {
                    discarded |= Files.deleteIfExists(p); // prepared, but the ledger never recorded it
                }
            }
        }
        if (discarded) {
            Durable.fsyncDirectory(tmp);
        }
        return published;
    }

    private boolean ours(MaildirName.Parsed p) {
        // The key hash covers the account: a file of another account sharing this Maildir does not match.
        return p.keyHash().equals(MaildirName.keyHash(account, p.uidl()));
    }

    /** Renames a written, fsynced draft to its final name inside tmp/: durable, not visible. */
    synchronized MaildirName.Parsed prepare(MessageKey key, Path file, byte[] sha256, long size)
            throws IOException {
        String uidl = MaildirName.nameUidl(key.id());
        String keyHash = MaildirName.keyHash(account, uidl);
        String contentHash = MaildirName.contentHash(sha256);
        long seconds = clock.instant().getEpochSecond();
        String name = MaildirName.format(seconds, keyHash, contentHash, host, size, uidl);
        for (int n = 2; Files.exists(tmp.resolve(name)) || index.locate(name).isPresent(); n++) {
            name = MaildirName.format(seconds, keyHash, contentHash, host, size, uidl) + ",N=" + n;
        }
        Files.move(file, tmp.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        Durable.fsyncDirectory(tmp);
        return MaildirName.parse(name).orElseThrow();
    }

    /**
     * Moves a prepared file from tmp/ into new/, unless the same message is already there (a copy stored by a version
     * that published before the ledger write); idempotent.
     */
    synchronized LocalMessage publish(MaildirName.Parsed prepared) throws IOException {
        Path file = tmp.resolve(prepared.base());
        if (!Files.exists(file)) {
            Optional<Path> done = index.locate(prepared.base());
            if (done.isPresent()) {
                return local(prepared);
            }
            throw new NoSuchFileException(file.toString(), null, "prepared message vanished from tmp/");
        }
        index.refresh();
        for (MaildirName.Parsed p : index.withKeyHash(prepared.keyHash())) {
            if (p.contentHash().equals(prepared.contentHash()) && p.uidl().equals(prepared.uidl())
                    && p.size() == prepared.size() && index.locate(p.base()).isPresent()) {
                Files.delete(file);
                Durable.fsyncDirectory(tmp);
                return local(p);
            }
        }
        Files.move(file, newDir.resolve(prepared.base()), StandardCopyOption.ATOMIC_MOVE);
        Durable.fsyncDirectory(newDir);
        index.published(prepared);
        return local(prepared);
    }

    private void removeStaleTemporaryFiles() throws IOException {
        Instant limit = clock.instant().minus(STALE_TMP);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(tmp)) {
            for (Path p : ds) {
                if (MaildirName.parse(p.getFileName().toString()).isPresent()) {
                    continue; // prepared: recover() decides, by the ledger
                }
                try {
                    if (Files.getLastModifiedTime(p).toInstant().isBefore(limit)) {
                        Files.deleteIfExists(p);
                    }
                } catch (NoSuchFileException e) {
                    // removed meanwhile by another reader cleaning tmp/
                }
            }
        }
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
