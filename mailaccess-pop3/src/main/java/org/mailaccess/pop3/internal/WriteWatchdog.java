package org.mailaccess.pop3.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Bounds every blocking write to the socket. Java sockets have no write timeout and Commons Net adds none, so a peer
 * that stops reading (a half-open connection behind NAT, PITFALLS P2) would block a write forever. Each write and
 * flush arms a timer that closes the TCP socket when it fires; the blocked write then fails and is reported as a
 * {@link SocketTimeoutException}.
 */
final class WriteWatchdog extends FilterOutputStream {

    /** Shared with {@link Deadline}: one daemon thread for every alarm of this module. */
    static final ScheduledThreadPoolExecutor TIMER = timer();

    private final Socket socket;
    private final long timeoutNanos;
    private volatile boolean fired;

    WriteWatchdog(OutputStream out, Socket socket, Duration timeout) {
        super(out);
        this.socket = socket;
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ScheduledFuture<?> alarm = arm();
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw translated(e);
        } finally {
            alarm.cancel(false);
        }
    }

    @Override
    public void flush() throws IOException {
        ScheduledFuture<?> alarm = arm();
        try {
            out.flush();
        } catch (IOException e) {
            throw translated(e);
        } finally {
            alarm.cancel(false);
        }
    }

    private ScheduledFuture<?> arm() throws IOException {
        if (fired) {
            throw timeout(null);
        }
        return TIMER.schedule(this::fire, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void fire() {
        fired = true;
        try {
            socket.close();
        } catch (IOException | RuntimeException ignored) {
            // The write stays blocked only if close fails, and then nothing else would help either.
        }
    }

    private IOException translated(IOException e) {
        return fired ? timeout(e) : e;
    }

    private SocketTimeoutException timeout(IOException cause) {
        SocketTimeoutException e = new SocketTimeoutException(
                "write timed out after " + Duration.ofNanos(timeoutNanos).toMillis() + " ms");
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "mailaccess-pop3-write-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        // Almost every alarm is cancelled; without this the queue would hold them until they expire.
        t.setRemoveOnCancelPolicy(true);
        return t;
    }
}
