package org.mailaccess.imap.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.mailaccess.ConnectionException;
import org.mailaccess.Credentials;
import org.mailaccess.MailAccessException;
import org.mailaccess.MailboxClient;
import org.mailaccess.MailboxEvent;
import org.mailaccess.ServerEndpoint;
import org.mailaccess.Watch;
import org.mailaccess.imap.ImapOptions;

/**
 * Push for one folder on a connection and thread of its own: IDLE (RFC 2177) when offered, re-issued every
 * {@link ImapOptions#idleRenewInterval()} because servers drop idle clients long before RFC 2177's 29 minutes
 * (PITFALLS P1); NOOP polling otherwise. After a dropped connection it reconnects with a doubling backoff, compares
 * UIDs and flags with what it knew and reports the difference, so nothing that arrived meanwhile is missed.
 *
 * <p>This is deliberately not Angus's {@code IdleManager} (which needs {@code IMAPFolder}s and socket channels and
 * has no renewal) nor {@code IMAPFolder.idle()} (which ignores a read timeout and keeps listening; angus-mail#176).
 * IDLE is sent and read by {@link WatchIdle} (Angus's {@code idleStart} cannot see a refusal); DONE is Angus's
 * {@code idleAbort}, which may be called from another thread. The folder state and the events it yields live in
 * {@link WatchedFolder}; a server that refuses IDLE although it advertises it is polled with NOOP instead.
 */
final class ImapWatch implements Watch {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mailaccess-imap-idle-timer");
        t.setDaemon(true);
        return t;
    });

    private final ServerEndpoint endpoint;
    private final Credentials credentials;
    private final MailboxClient client;
    private final ImapOptions options;
    private final String folder;
    private final Consumer<MailboxEvent> listener;
    private final Thread thread;
    private final Object sleeper = new Object();
    private final WatchedFolder state;
    private volatile boolean running = true;
    private volatile ImapConnection current;
    private volatile IdleCycle cycle;
    // Set once the server refused IDLE although it advertised it: from then on the watch polls.
    private boolean idleRefused;

    /** One IDLE command: DONE is sent at most once, and only while it runs. */
    private static final class IdleCycle {
        private final IMAPProtocol protocol;
        private boolean active = true;
        private boolean doneSent;

        IdleCycle(IMAPProtocol protocol) {
            this.protocol = protocol;
        }

        synchronized void done() {
            if (active && !doneSent) {
                doneSent = true;
                protocol.idleAbort();
            }
        }

        synchronized void finished() {
            active = false;
        }
    }

    private ImapWatch(ServerEndpoint endpoint, Credentials credentials, MailboxClient client, ImapOptions options,
            String folder, Consumer<MailboxEvent> listener) {
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.client = client;
        this.options = options;
        this.folder = folder;
        this.listener = listener;
        this.state = new WatchedFolder(folder, this::emit, () -> {
            IdleCycle c = cycle;
            if (c != null) {
                // Leave IDLE to fetch the new UIDs; the next IDLE follows right after.
                c.done();
            }
        });
        this.thread = new Thread(this::run, "mailaccess-imap-watch");
        thread.setDaemon(true);
    }

    /**
     * Opens the first connection on the caller's thread, so that bad credentials or a missing folder fail here, then
     * starts the watch thread.
     */
    static ImapWatch start(ServerEndpoint endpoint, Credentials credentials, MailboxClient client, ImapOptions options,
            String folder, Consumer<MailboxEvent> listener) {
        ImapWatch w = new ImapWatch(endpoint, credentials, client, options, folder, listener);
        ImapConnection first = ImapConnector.open(endpoint, credentials, client, options);
        try {
            SelectedFolder sel = first.select(folder);
            w.state.resync(first, sel, true);
        } catch (RuntimeException e) {
            first.logout();
            throw e;
        }
        w.current = first;
        w.thread.start();
        return w;
    }

    @Override
    public boolean isRunning() {
        return running && thread.isAlive();
    }

    @Override
    public void close() {
        running = false;
        IdleCycle c = cycle;
        if (c != null) {
            c.done();
        }
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join(2000);
            if (thread.isAlive()) {
                // The server did not answer DONE in time: cut the connection.
                ImapConnection conn = current;
                if (conn != null) {
                    conn.probe().abort();
                }
                thread.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Cuts the watch's connection as a network failure would; for tests of the reconnection. */
    void dropConnection() {
        ImapConnection c = current;
        if (c != null) {
            c.probe().abort();
        }
    }

    private void run() {
        Duration backoff = Duration.ofSeconds(1);
        ImapConnection c = current;
        while (running) {
            try {
                if (c == null) {
                    c = ImapConnector.open(endpoint, credentials, client, options);
                    current = c;
                    if (!running) {
                        break;
                    }
                    state.resync(c, c.select(folder), false);
                    backoff = Duration.ofSeconds(1);
                }
                boolean push = c.has("IDLE") && !idleRefused;
                emit(new MailboxEvent.Listening(push));
                if (push) {
                    idleLoop(c);
                } else {
                    pollLoop(c);
                }
            } catch (MailAccessException e) {
                if (!running) {
                    break;
                }
                emit(new MailboxEvent.Disconnected(e));
                if (c != null) {
                    c.abort();
                }
                c = null;
                current = null;
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(options.reconnectBackoffMax()) > 0
                        ? options.reconnectBackoffMax() : backoff.multipliedBy(2);
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                emit(new MailboxEvent.Disconnected(new ConnectionException("watch failed: " + e, e)));
                if (c != null) {
                    c.abort();
                }
                c = null;
                current = null;
                sleep(backoff);
            }
        }
        if (c != null) {
            c.logout();
        }
        current = null;
    }

    private void idleLoop(ImapConnection c) {
        IMAPProtocol p = c.protocol();
        Duration idleReadTimeout = options.idleRenewInterval().plus(client.readTimeout());
        while (running) {
            IdleCycle idle = new IdleCycle(p);
            // Until the server's "+", an answer is due as for any command: the normal read timeout applies.
            String tag = WatchIdle.start(c, state);
            if (tag == null) {
                // RFC 2177 lets a server refuse IDLE with NO (or BAD); polling is all that is left.
                idleRefused = true;
                return;
            }
            c.probe().readTimeout(idleReadTimeout);
            cycle = idle;
            ScheduledFuture<?> renew = TIMER.schedule(idle::done, options.idleRenewInterval().toMillis(),
                    TimeUnit.MILLISECONDS);
            try {
                if (!running || state.hasPendingNew()) {
                    idle.done();
                }
                WatchIdle.readUntilDone(c, state, tag);
            } finally {
                renew.cancel(false);
                idle.finished();
                cycle = null;
            }
            c.probe().readTimeout(client.readTimeout());
            state.flushPending(c);
        }
    }

    private void pollLoop(ImapConnection c) {
        while (running) {
            sleep(options.pollInterval());
            if (!running) {
                return;
            }
            for (Response r : c.command("NOOP", "NOOP", null)) {
                state.untagged(r);
            }
            state.flushPending(c);
        }
    }

    private void emit(MailboxEvent event) {
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            // A failing listener must not stop the watch.
        }
    }

    private void sleep(Duration d) {
        long until = System.nanoTime() + d.toNanos();
        synchronized (sleeper) {
            while (running) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(sleeper, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                    return;
                }
            }
        }
    }
}
