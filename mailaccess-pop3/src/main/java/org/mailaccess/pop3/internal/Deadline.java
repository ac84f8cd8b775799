package org.mailaccess.pop3.internal;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import org.mailaccess.internal.Alarms;

/**
 * An overall time limit for one operation whose reads each stay inside SO_TIMEOUT but which may never end: a greeting
 * dribbled a byte a second, a TOP reply that keeps sending header lines. SO_TIMEOUT bounds the gap between two reads
 * only, so a peer that keeps the gaps short holds a reader forever. When the deadline fires it runs the abort action
 * (closing the TCP socket, as {@link org.mailaccess.internal.TimedOutputStream} does for writes); the blocked read
 * then fails, and {@link #translate} turns that failure into a {@link SocketTimeoutException} that names the
 * operation. The alarm runs on the library's one {@link Alarms} thread, so the abort action must not block.
 */
final class Deadline implements AutoCloseable {

    private final String what;
    private final Duration limit;
    private final ScheduledFuture<?> alarm;
    private volatile boolean fired;

    private Deadline(String what, Duration limit, Runnable abort) {
        this.what = what;
        this.limit = limit;
        this.alarm = Alarms.schedule(limit, () -> {
            fired = true;
            abort.run();
        });
    }

    /**
     * Starts the clock.
     *
     * @param what  the operation, for the message
     * @param limit how long it may take in total
     * @param abort what ends it; must be safe from any thread and never throw
     */
    static Deadline arm(String what, Duration limit, Runnable abort) {
        return new Deadline(what, limit, abort);
    }

    boolean fired() {
        return fired;
    }

    /** The exception to report for a failure of the guarded operation: a timeout when the deadline caused it. */
    IOException translate(IOException e) {
        if (!fired) {
            return e;
        }
        SocketTimeoutException t = new SocketTimeoutException(what + " did not complete within " + limit.toMillis()
                + " ms");
        t.initCause(e);
        return t;
    }

    /** Stops the clock; the operation finished (or failed) on its own. */
    @Override
    public void close() {
        alarm.cancel(false);
    }
}
