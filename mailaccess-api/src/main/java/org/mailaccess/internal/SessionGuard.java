package org.mailaccess.internal;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Confines a session to one thread at a time: a second thread entering fails fast instead of interleaving bytes on
 * the wire (the problem MailKit answers with "currently busy").
 */
public final class SessionGuard {

    private final AtomicReference<Thread> owner = new AtomicReference<>();

    /** A token whose close leaves the guarded region. */
    public interface Entry extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Enters the guarded region; re-entrant for the thread already inside.
     *
     * @return the token to close on exit
     * @throws IllegalStateException when another thread is inside
     */
    public Entry enter() {
        Thread me = Thread.currentThread();
        if (owner.get() == me) {
            return () -> { };
        }
        if (!owner.compareAndSet(null, me)) {
            throw new IllegalStateException("This session is in use by another thread; a session serves one thread at"
                    + " a time");
        }
        return () -> owner.compareAndSet(me, null);
    }
}
