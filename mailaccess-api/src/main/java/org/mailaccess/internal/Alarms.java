package org.mailaccess.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one daemon thread that runs every connection alarm of this library: write timeouts ({@link TimedOutputStream})
 * and overall deadlines. Blocking socket I/O has no timeout of its own for writes or for a whole operation, so the
 * alarm ends it from outside by closing the TCP socket.
 *
 * <p>Because one thread serves every connection, an action must never block: close a plain TCP socket (which never
 * waits for the thread blocked in it), never an {@code SSLSocket} (whose close waits for the record lock the blocked
 * writer holds), and never send anything.
 */
public final class Alarms {

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private Alarms() {
    }

    /**
     * Runs {@code action} once after {@code delay}, unless cancelled first.
     *
     * @param delay  how long to wait; at least one nanosecond is used
     * @param action what to run; must not block and must not throw
     * @return the alarm; cancel it when the guarded operation ends on its own
     */
    public static ScheduledFuture<?> schedule(Duration delay, Runnable action) {
        return TIMER.schedule(action, Math.max(1, delay.toNanos()), TimeUnit.NANOSECONDS);
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "mailaccess-alarm");
            thread.setDaemon(true);
            return thread;
        });
        // Almost every alarm is cancelled; without this the queue would hold them until they expire.
        t.setRemoveOnCancelPolicy(true);
        return t;
    }
}
