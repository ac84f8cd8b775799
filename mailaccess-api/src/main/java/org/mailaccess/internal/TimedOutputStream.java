package org.mailaccess.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

/**
 * Bounds every blocking write and flush. Java sockets have no write timeout, and neither Commons Net nor our use of
 * Angus adds one, so a peer that stops reading (a half-open connection behind NAT; jakartaee/mail-api#69) would
 * block a write for ~15 minutes or forever. Each write and flush arms an {@link Alarms alarm} that resets the TCP
 * connection when it fires; the blocked write then fails and is reported as a {@link SocketTimeoutException}, and
 * every later write fails the same way at once.
 *
 * <p>The socket to close is always the TCP socket, also when the stream wrapped is a TLS socket's:
 * {@code SSLSocket.close()} sends close_notify and so waits for the record lock the blocked writer holds (without a
 * linger time, for as long as the writer blocks), which would leave the writer and the shared alarm thread stuck
 * together. Closing the plain socket never waits. Linger zero makes that close a reset, so unsent data is dropped
 * instead of being retried towards a peer that does not read.
 */
public final class TimedOutputStream extends FilterOutputStream {

    private final Socket tcp;
    private final Duration timeout;
    private volatile boolean fired;

    /**
     * Wraps a socket's output stream.
     *
     * @param out     the stream to bound: the TCP socket's, or the TLS socket's layered on {@code tcp}
     * @param tcp     the TCP socket under any TLS layer; closed when a write blocks too long
     * @param timeout how long one write or flush may block
     */
    public TimedOutputStream(OutputStream out, Socket tcp, Duration timeout) {
        super(out);
        this.tcp = tcp;
        this.timeout = timeout;
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
            throw timedOut(null);
        }
        return Alarms.schedule(timeout, this::fire);
    }

    /** Runs on the alarm thread: must not block, hence the TCP socket only. */
    private void fire() {
        fired = true;
        try {
            tcp.setSoLinger(true, 0);
        } catch (IOException | RuntimeException e) {
            // Already closed, or the option is not supported: close anyway.
        }
        try {
            tcp.close();
        } catch (IOException | RuntimeException e) {
            // The write stays blocked only if close fails, and then nothing else would help either.
        }
    }

    private IOException translated(IOException e) {
        return fired ? timedOut(e) : e;
    }

    private SocketTimeoutException timedOut(IOException cause) {
        SocketTimeoutException e = new SocketTimeoutException("write timed out after " + timeout.toMillis() + " ms");
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }
}
