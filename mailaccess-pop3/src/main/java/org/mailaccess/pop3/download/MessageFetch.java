package org.mailaccess.pop3.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.mailaccess.ConnectionException;
import org.mailaccess.Folder;
import org.mailaccess.MessageKey;
import org.mailaccess.MessageSummary;

/**
 * The download of one message: RETR (RFC 1939 section 5) streamed into a store draft, recorded in the ledger, then
 * published, in mbsync's order (PITFALLS 3.1). A crash between any two steps is finished by the next run's recovery;
 * the message is never fetched twice, and never visible without a ledger record that a user's later delete could not
 * undo.
 *
 * <p>POP3 cannot cancel a RETR, so a server that does not end one would hold the run forever; each RETR is therefore
 * bounded in size, at max(2 x the listed size, the listed size + 1 MiB), and in time, at {@link #TIME_FLOOR} plus the
 * listed size at {@link #MIN_BYTES_PER_SECOND}, measured on the downloader's clock. Past either bound the connection
 * is dropped ({@link Endless}). The read timeout bounds each read on its own, but a server dripping a byte now and
 * then never trips it; the time bound does, at most one read timeout late.
 */
final class MessageFetch {

    private static final int CHUNK = 64 * 1024;
    /** Slack above the listed size before a RETR counts as endless. */
    static final long SIZE_SLACK = 1 << 20;
    /**
     * The time every RETR gets whatever its size: enough for a slow or busy server and a mobile link, short enough
     * that a hanging download does not block the mailbox for the user's whole session.
     */
    static final Duration TIME_FLOOR = Duration.ofMinutes(5);
    /** The slowest transfer still taken for progress (64 kbit/s), which sets the time a large message gets. */
    static final long MIN_BYTES_PER_SECOND = 8 * 1024;

    private final Pop3Downloader.Settings s;
    private final RunReport r;
    private final Runnable checkCancelled;
    private final Runnable dropConnection;

    /**
     * A fetcher for one run.
     *
     * @param settings       the downloader's store, ledger and clock
     * @param report         where failures, warnings and progress go
     * @param checkCancelled throws when the run was cancelled
     * @param dropConnection closes the session; with a RETR half-read this drops the connection
     */
    MessageFetch(Pop3Downloader.Settings settings, RunReport report, Runnable checkCancelled,
            Runnable dropConnection) {
        this.s = settings;
        this.r = report;
        this.checkCancelled = checkCancelled;
        this.dropConnection = dropConnection;
    }

    /** A RETR that ran past its size or time bound: the connection was dropped to end it. */
    static final class Endless extends RuntimeException {
        Endless(String message) {
            super(message, null, false, false);
        }
    }

    /** Thrown by the store, as opposed to the connection, while a message is copied. */
    static final class StoreFailure extends RuntimeException {
        StoreFailure(IOException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** The ledger could not record a stored message; already reported on the message. The run must stop. */
    static final class LedgerFailure extends RuntimeException {
        LedgerFailure(IOException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** The time a RETR of this listed size gets before it is abandoned. */
    static Duration timeBound(long listedSize) {
        return TIME_FLOOR.plusSeconds(listedSize / MIN_BYTES_PER_SECOND);
    }

    /**
     * Downloads, records and publishes one message.
     *
     * @return the stored message, or null when it is recorded but could not be made visible yet
     */
    LocalMessage fetch(Folder inbox, MessageSummary m) {
        MessageStore.Draft draft;
        try {
            draft = s.store().begin(m.key());
        } catch (IOException | RuntimeException e) {
            throw new StoreFailure(e instanceof IOException io ? io : new IOException(e.getMessage(), e));
        }
        try (draft) {
            Instant deadline = s.clock().instant().plus(timeBound(m.size()));
            InputStream in = inbox.openMessage(m.key());
            HeadCopy head = new HeadCopy();
            boolean complete = false;
            try {
                copy(in, draft.output(), m, head, deadline);
                complete = true;
            } finally {
                closeMessage(in, complete);
            }
            if (head.total != m.size()) {
                r.warn(DownloadWarning.Kind.SIZE_MISMATCH, m.key(),
                        "Retrieved " + head.total + " octets, the server listed " + m.size());
            }
            String storeId;
            try {
                storeId = draft.prepare();
            } catch (IOException e) {
                throw new StoreFailure(e);
            }
            try {
                s.ledger().commit(List.of(new LedgerChange.Downloaded(m.key().id(), s.clock().instant(), m.size(),
                        Optional.of(storeId), Optional.of(Fingerprint.of(head.bytes, head.kept)))));
            } catch (IOException e) {
                // Not recorded: the prepared draft is discarded by the next run's recovery, and downloaded again.
                r.fail(m.key(), MessageFailure.Stage.LEDGER, e);
                throw new LedgerFailure(e);
            }
            try {
                LocalMessage stored = draft.commit();
                return new LocalMessage(stored.id(), m.key(), stored.size(), stored.storedAt());
            } catch (IOException e) {
                r.fail(m.key(), MessageFailure.Stage.STORE, e);
                return null;
            }
        } catch (IOException e) {
            throw new StoreFailure(e); // the draft could not be discarded
        }
    }

    /** The first bytes of a message, for its {@link Fingerprint}, and how many bytes it had. */
    private static final class HeadCopy {
        final byte[] bytes = new byte[Fingerprint.HEAD_BYTES];
        int kept;
        long total;
    }

    private void copy(InputStream in, OutputStream out, MessageSummary m, HeadCopy head, Instant deadline) {
        MessageKey key = m.key();
        // RFC 1939 LIST sizes count CRLF line ends and may be a little off, never many times off: a RETR far beyond
        // the listed size is a server that does not end it, and reading on would never end.
        long limit = Math.max(2 * m.size(), m.size() + SIZE_SLACK);
        byte[] buf = new byte[CHUNK];
        while (true) {
            int got;
            try {
                got = in.read(buf);
            } catch (IOException e) {
                checkCancelled.run();
                throw new ConnectionException("Reading message " + key.id() + " failed: " + e.getMessage(), e);
            }
            if (got < 0) {
                return;
            }
            checkCancelled.run(); // also mid-message: the draft is discarded, the connection already dropped
            if (head.kept < head.bytes.length) {
                int n = Math.min(got, head.bytes.length - head.kept);
                System.arraycopy(buf, 0, head.bytes, head.kept, n);
                head.kept += n;
            }
            try {
                out.write(buf, 0, got);
            } catch (IOException e) {
                throw new StoreFailure(e);
            }
            head.total += got;
            r.received(key, got);
            if (head.total > limit) {
                dropConnection.run();
                throw new Endless("RETR of message " + key.id() + " exceeded " + limit + " octets (listed size "
                        + m.size() + "); the connection was dropped");
            }
            if (s.clock().instant().isAfter(deadline)) {
                dropConnection.run();
                throw new Endless("RETR of message " + key.id() + " took longer than " + timeBound(m.size())
                        + " (listed size " + m.size() + ", " + head.total + " octets received); the connection was"
                        + " dropped");
            }
        }
    }

    /** Closes a RETR stream; after a store failure the session drains the rest, so it stays in step. */
    private static void closeMessage(InputStream in, boolean complete) {
        try {
            in.close();
        } catch (IOException | RuntimeException e) {
            if (complete) {
                throw new ConnectionException("Closing a message stream failed", e);
            }
            // Otherwise the session is closed now; the next call on it fails and stops the run.
        }
    }
}
