package org.mailaccess.pop3.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * A {@link DownloadLedger} in one file per account: an append-only journal in the style of mbsync's state journal
 * (PITFALLS 3.1).
 *
 * <p>Every {@link #commit} appends one transaction (a header line with a record count and a CRC-32, then one line per
 * change; see {@code LedgerCodec}) with a single write, then fsyncs the file. A crash can therefore only leave a torn
 * last transaction, which {@link #open} recognises by its count or checksum and cuts off: the state is then exactly what
 * the last completed commit left. Damage anywhere else is reported as an {@link IOException}, never silently skipped.
 * When the journal has grown to more than twice what the state needs, it is compacted: the state is written to
 * {@code <file>.tmp}, fsynced, renamed over the journal, and the directory is fsynced, so that either the old or the new
 * journal survives a crash.
 *
 * <p>A compaction that fails after a commit's transaction is durable does not fail the commit: the journal is still
 * the intact old file, the next commit retries, and {@link #compactionFailure()} reports it meanwhile.
 *
 * <p>The file is plain UTF-8 text, one record per line, readable with {@code less}. A second {@code FileLedger} on the
 * same file, in this or another process, is refused while the first is open ({@code <file>.lock} holds an OS lock), so
 * two runs of one account cannot interleave. Thread-safe.
 */
public final class FileLedger implements DownloadLedger, AutoCloseable {

    /** Compaction is not worth it below this many journal records. */
    private static final int MIN_RECORDS_BEFORE_COMPACTION = 1000;

    private final Path file;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private FileChannel journal;
    private LedgerState state;
    private long journalRecords;
    private boolean closed;
    private IOException broken;
    private IOException compactionFailure;

    private FileLedger(Path file, FileChannel lockChannel, FileLock lock) {
        this.file = file;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens the ledger, creating it when missing, and repairs a torn last transaction.
     *
     * @param file the journal file, e.g. {@code ~/.myapp/ann@pop.example.org.ledger}; its directory is created
     * @return the open ledger; close it when done
     * @throws IOException when the file is damaged, is not a ledger, or is open elsewhere
     */
    public static FileLedger open(Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        Durable.createDirectories(abs.getParent());
        FileChannel lockChannel = FileChannel.open(sibling(abs, ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IOException("The ledger " + abs + " is in use by another run");
        }
        FileLedger ledger = new FileLedger(abs, lockChannel, lock);
        try {
            ledger.load0();
            return ledger;
        } catch (IOException | RuntimeException e) {
            ledger.close();
            throw e;
        }
    }

    private void load0() throws IOException {
        Files.deleteIfExists(sibling(file, ".tmp"));
        if (!Files.exists(file)) {
            writeAtomically(List.of());
        }
        byte[] bytes = Files.readAllBytes(file);
        Parsed parsed = parse(bytes);
        state = parsed.state;
        journalRecords = parsed.records;
        journal = FileChannel.open(file, StandardOpenOption.WRITE);
        if (parsed.goodLength < bytes.length) {
            // A crash tore the last transaction: it was never acknowledged, so it is dropped.
            journal.truncate(parsed.goodLength);
            journal.force(true);
        }
        journal.position(parsed.goodLength);
        if (parsed.version1) {
            // Rewritten at once, so that version 2 records are never appended under a version 1 header.
            compact();
        } else {
            compactIfWorthIt();
        }
    }

    @Override
    public synchronized LedgerState load() {
        ensureOpen();
        return state;
    }

    @Override
    public synchronized void commit(List<? extends LedgerChange> changes) throws IOException {
        ensureOpen();
        Objects.requireNonNull(changes, "changes");
        if (broken != null) {
            throw new IOException("An earlier write to the ledger " + file + " failed; reopen it to continue from what"
                    + " is on disk", broken);
        }
        if (changes.isEmpty()) {
            return;
        }
        LedgerState next = state.with(changes);
        ByteBuffer buf = ByteBuffer.wrap(LedgerCodec.transaction(changes));
        long start = journal.position();
        try {
            while (buf.hasRemaining()) {
                journal.write(buf);
            }
            journal.force(false);
        } catch (IOException e) {
            // After a failed write or fsync the file's content is unknown (the "fsyncgate" lesson): cut the half
            // transaction if possible, and refuse further commits on this handle; reopening re-reads and checks it.
            broken = e;
            try {
                journal.truncate(start);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        state = next;
        journalRecords += changes.size();
        try {
            compactIfWorthIt();
        } catch (IOException e) {
            // The changes are durable in the journal already; a failed compaction only leaves it longer. Reporting it
            // as a failed commit would make the caller believe the changes were not applied. The journal is still
            // the intact old file (compaction renames atomically), so the next commit appends to it and retries.
            compactionFailure = e;
        }
    }

    /**
     * The last compaction failure, if the most recent attempt failed: the journal is intact but keeps growing until a
     * later commit compacts it.
     *
     * @return the failure, or empty when the last compaction attempt succeeded or none was needed
     */
    public synchronized java.util.Optional<IOException> compactionFailure() {
        return java.util.Optional.ofNullable(compactionFailure);
    }

    /**
     * Releases the file and its lock. Further calls fail with {@link IllegalStateException}.
     *
     * @throws IOException when the file could not be closed
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (journal != null) {
                journal.close();
            }
        } finally {
            try {
                lock.release();
            } finally {
                lockChannel.close();
            }
        }
    }

    /**
     * The journal file.
     *
     * @return the path
     */
    public Path file() {
        return file;
    }

    private void compactIfWorthIt() throws IOException {
        long live = liveRecords(state);
        if (journalRecords < MIN_RECORDS_BEFORE_COMPACTION || journalRecords <= 2 * live) {
            return;
        }
        compact();
    }

    private void compact() throws IOException {
        List<LedgerChange> snapshot = LedgerCodec.snapshot(state);
        journal.close();
        try {
            writeAtomically(snapshot);
        } finally {
            journal = FileChannel.open(file, StandardOpenOption.WRITE);
            journal.position(journal.size());
        }
        journalRecords = snapshot.size();
        compactionFailure = null;
    }

    /** An upper bound of the records a snapshot needs: a download and about one flag each, marks, the login. */
    private static long liveRecords(LedgerState s) {
        return 2L * s.downloads().size() + s.marks().size() + 1;
    }

    /** Replaces the journal with a header and one transaction: temp file, fsync, rename, fsync directory. */
    private void writeAtomically(List<LedgerChange> records) throws IOException {
        Path tmp = sibling(file, ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer head = ByteBuffer.wrap(LedgerCodec.HEADER.getBytes(StandardCharsets.US_ASCII));
            while (head.hasRemaining()) {
                ch.write(head);
            }
            if (!records.isEmpty()) {
                ByteBuffer body = ByteBuffer.wrap(LedgerCodec.transaction(records));
                while (body.hasRemaining()) {
                    ch.write(body);
                }
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Durable.fsyncDirectory(file.getParent());
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("The ledger " + file + " is closed");
        }
    }

    private static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    private record Parsed(LedgerState state, long records, int goodLength, boolean version1) {
    }

    /** Reads every complete transaction; stops at a torn tail, throws on damage before it. */
    private Parsed parse(byte[] bytes) throws IOException {
        byte[] header = LedgerCodec.HEADER.getBytes(StandardCharsets.US_ASCII);
        byte[] v1 = LedgerCodec.HEADER_V1.getBytes(StandardCharsets.US_ASCII);
        boolean version1 = startsWith(bytes, v1);
        if (!version1 && !startsWith(bytes, header)) {
            throw new IOException(file + " is not a mailaccess ledger (version 1 or 2)");
        }
        LedgerState s = LedgerState.EMPTY;
        long records = 0;
        int pos = header.length;
        while (pos < bytes.length) {
            Tx tx = transactionAt(bytes, pos);
            if (tx == null) {
                if (anyValidTransactionAfter(bytes, pos)) {
                    throw new IOException("The ledger " + file + " is damaged at byte " + pos
                            + "; it was left untouched for inspection");
                }
                return new Parsed(s, records, pos, version1);
            }
            s = s.with(tx.changes());
            records += tx.changes().size();
            pos = tx.end();
        }
        return new Parsed(s, records, pos, version1);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && java.util.Arrays.equals(bytes, 0, prefix.length, prefix, 0,
                prefix.length);
    }

    private record Tx(List<LedgerChange> changes, int end) {
    }

    /** The transaction starting at {@code pos}, or null when it is incomplete or fails its checksum. */
    private static Tx transactionAt(byte[] bytes, int pos) throws IOException {
        int eol = indexOf(bytes, pos);
        if (eol < 0) {
            return null;
        }
        String[] head = new String(bytes, pos, eol - pos, StandardCharsets.UTF_8).split(" ");
        int count;
        long crcExpected;
        try {
            if (head.length != 3 || !head[0].equals("T")) {
                return null;
            }
            count = Integer.parseInt(head[1]);
            crcExpected = Long.parseLong(head[2], 16);
        } catch (NumberFormatException e) {
            return null;
        }
        int start = eol + 1;
        int p = start;
        List<String> lines = new ArrayList<>(Math.max(0, Math.min(count, 1 << 16)));
        for (int i = 0; i < count; i++) {
            int e = indexOf(bytes, p);
            if (e < 0) {
                return null;
            }
            lines.add(new String(bytes, p, e - p, StandardCharsets.UTF_8));
            p = e + 1;
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, start, p - start);
        if (crc.getValue() != crcExpected) {
            return null;
        }
        List<LedgerChange> changes = new ArrayList<>(lines.size());
        for (String line : lines) {
            changes.add(LedgerCodec.decode(line)); // checksum was fine: a bad record is damage, not a torn write
        }
        return new Tx(changes, p);
    }

    private static boolean anyValidTransactionAfter(byte[] bytes, int pos) throws IOException {
        for (int p = indexOf(bytes, pos); p >= 0 && p + 1 < bytes.length; p = indexOf(bytes, p + 1)) {
            if (bytes[p + 1] == 'T' && transactionAt(bytes, p + 1) != null) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
