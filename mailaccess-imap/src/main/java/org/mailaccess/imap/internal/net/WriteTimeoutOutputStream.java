package org.mailaccess.imap.internal.net;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes the socket when one write blocks longer than the write timeout, because a blocking socket write has no
 * timeout of its own (a full send buffer towards a dead peer blocks for ~15 minutes; jakartaee/mail-api#69). This is
 * what Angus's {@code WriteTimeoutSocket} does; we do it ourselves so that our socket stays the one Angus holds, which
 * STARTTLS needs (see {@link GuardedSslSocketFactory}).
 *
 * <p>The owner is always the TCP socket, also under TLS (see {@link GuardedSslSocket}): closing a plain socket never
 * waits for the blocked writer, so the one alarm thread shared by all connections is never held up by one of them.
 * The linger time of zero makes the close immediate (a reset) instead of leaving unsent data to a peer that does not
 * read.
 */
final class WriteTimeoutOutputStream extends FilterOutputStream {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mailaccess-imap-write-timeout");
        t.setDaemon(true);
        return t;
    });

    private final Socket owner;
    private final long timeoutMillis;

    WriteTimeoutOutputStream(OutputStream out, Socket owner, Duration timeout) {
        super(out);
        this.owner = owner;
        this.timeoutMillis = timeout.toMillis();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ScheduledFuture<?> alarm = TIMER.schedule(this::closeOwner, timeoutMillis, TimeUnit.MILLISECONDS);
        try {
            out.write(b, off, len);
        } finally {
            alarm.cancel(false);
        }
    }

    @Override
    public void flush() throws IOException {
        ScheduledFuture<?> alarm = TIMER.schedule(this::closeOwner, timeoutMillis, TimeUnit.MILLISECONDS);
        try {
            out.flush();
        } finally {
            alarm.cancel(false);
        }
    }

    private void closeOwner() {
        try {
            owner.setSoLinger(true, 0);
        } catch (IOException e) {
            // Already closed, or the option is not supported: close anyway.
        }
        try {
            owner.close();
        } catch (IOException e) {
            // Nothing more to do: the blocked writer now fails.
        }
    }
}
