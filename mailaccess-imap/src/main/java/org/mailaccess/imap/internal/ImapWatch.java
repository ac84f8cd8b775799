package org.mailaccess.imap.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.iap.ResponseHandler;
import org.eclipse.angus.mail.imap.protocol.FLAGS;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.mailaccess.ConnectionException;
import org.mailaccess.Credentials;
import org.mailaccess.Flags;
import org.mailaccess.MailAccessException;
import org.mailaccess.MailboxClient;
import org.mailaccess.MailboxEvent;
import org.mailaccess.MessageKey;
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
 * The loop uses Angus's IDLE primitives: {@code idleStart}, {@code readIdleResponse} and {@code idleAbort}, the last
 * of which may be called from another thread to send DONE.
 */
final class ImapWatch implements Watch {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mailaccess-imap-idle-timer");
        t.setDaemon(true);
        return t;
    });
    private static final long MAX_VANISHED = 10_000_000;

    private final ServerEndpoint endpoint;
    private final Credentials credentials;
    private final MailboxClient client;
    private final ImapOptions options;
    private final String folder;
    private final Consumer<MailboxEvent> listener;
    private final Thread thread;
    private final Object sleeper = new Object();
    private volatile boolean running = true;
    private volatile ImapConnection current;
    private volatile IdleCycle cycle;

    // State of the watched folder, touched by the watch thread only.
    private long uidValidity = -1;
    private long uidNext = 1;
    private final List<Long> bySequence = new ArrayList<>();
    private final Map<Long, Flags> flags = new HashMap<>();
    private int exists;
    private boolean pendingNew;

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
            w.resync(first, sel, true);
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
                    resync(c, c.select(folder), false);
                    backoff = Duration.ofSeconds(1);
                }
                boolean push = c.has("IDLE");
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
        ResponseHandler handler = this::untagged;
        p.addResponseHandler(handler);
        Duration idleReadTimeout = options.idleRenewInterval().plus(client.readTimeout());
        try {
            while (running) {
                IdleCycle idle = new IdleCycle(p);
                c.probe().readTimeout(idleReadTimeout);
                c.call("IDLE", proto -> {
                    proto.idleStart();
                    return null;
                });
                cycle = idle;
                ScheduledFuture<?> renew = TIMER.schedule(idle::done, options.idleRenewInterval().toMillis(),
                        TimeUnit.MILLISECONDS);
                try {
                    if (!running || pendingNew) {
                        idle.done();
                    }
                    readUntilDone(c, p);
                } finally {
                    renew.cancel(false);
                    idle.finished();
                    cycle = null;
                }
                c.probe().readTimeout(client.readTimeout());
                flushPending(c);
            }
        } finally {
            p.removeResponseHandler(handler);
        }
    }

    private void readUntilDone(ImapConnection c, IMAPProtocol p) {
        while (true) {
            Response r = p.readIdleResponse();
            if (r == null) {
                return;
            }
            if (r.isBYE()) {
                throw ImapErrors.dropped("IDLE", r, c.probe());
            }
            if (r.isUnTagged()) {
                // Untagged NO/BAD during IDLE are warnings, not failures: handle the data ourselves.
                untagged(r);
                continue;
            }
            boolean more = c.call("IDLE", proto -> proto.processIdleResponse(r));
            if (!more) {
                return;
            }
        }
    }

    private void pollLoop(ImapConnection c) {
        while (running) {
            sleep(options.pollInterval());
            if (!running) {
                return;
            }
            for (Response r : c.command("NOOP", "NOOP", null)) {
                untagged(r);
            }
            flushPending(c);
        }
    }

    /** Tracks EXISTS, EXPUNGE, VANISHED and FETCH FLAGS (RFC 3501 section 7.3, 7.4; RFC 7162 section 3.2.10). */
    private void untagged(Response r) {
        if (!(r instanceof IMAPResponse ir) || !r.isUnTagged()) {
            return;
        }
        if (ir.keyEquals("EXISTS")) {
            exists = ir.getNumber();
            if (exists > bySequence.size()) {
                pendingNew = true;
                IdleCycle c = cycle;
                if (c != null) {
                    // Leave IDLE to fetch the new UIDs; the next IDLE follows right after.
                    c.done();
                }
            }
        } else if (ir.keyEquals("EXPUNGE")) {
            int n = ir.getNumber();
            exists = Math.max(0, exists - 1);
            if (n >= 1 && n <= bySequence.size()) {
                long uid = bySequence.remove(n - 1);
                flags.remove(uid);
                emit(new MailboxEvent.Expunged(Set.of(key(uid))));
            }
        } else if (ir.keyEquals("VANISHED")) {
            ir.skipSpaces();
            if (ir.peekByte() == '(') {
                return; // VANISHED (EARLIER) only answers our own resync commands.
            }
            String set = ir.readAtom();
            Set<MessageKey> gone = new HashSet<>();
            for (long uid : UidSets.expand(set == null ? "" : set, MAX_VANISHED)) {
                if (bySequence.remove(uid)) {
                    flags.remove(uid);
                    gone.add(key(uid));
                }
            }
            exists = bySequence.size();
            if (!gone.isEmpty()) {
                emit(new MailboxEvent.Expunged(gone));
            }
        } else if (r instanceof FetchResponse f) {
            FLAGS fl = f.getItem(FLAGS.class);
            if (fl == null) {
                return;
            }
            UID u = f.getItem(UID.class);
            long uid = u != null ? u.uid
                    : (f.getNumber() >= 1 && f.getNumber() <= bySequence.size() ? bySequence.get(f.getNumber() - 1)
                    : -1);
            if (uid < 0 || !flags.containsKey(uid)) {
                return;
            }
            Flags now = FlagCodec.fromJakarta(fl);
            if (!now.equals(flags.put(uid, now))) {
                emit(new MailboxEvent.FlagsChanged(key(uid), now));
            }
        }
    }

    /** Fetches the UIDs of messages announced by EXISTS, then checks that the count adds up. */
    private void flushPending(ImapConnection c) {
        if (!pendingNew) {
            return;
        }
        pendingNew = false;
        List<MessageKey> added = new ArrayList<>();
        List<ImapFetch.Fetched> got = new ArrayList<>(ImapFetch.fetch(c, "UID FETCH", "UID FETCH " + uidNext
                + ":* (UID FLAGS)"));
        got.sort(java.util.Comparator.comparingLong(ImapFetch.Fetched::uid));
        for (ImapFetch.Fetched f : got) {
            if (f.uid() >= uidNext && !flags.containsKey(f.uid())) {
                bySequence.add(f.uid());
                flags.put(f.uid(), f.flags());
                added.add(key(f.uid()));
                uidNext = f.uid() + 1;
            }
        }
        if (!added.isEmpty()) {
            emit(new MailboxEvent.NewMessages(added));
        }
        if (bySequence.size() != exists) {
            // We lost track (an expunge we did not see): compare everything rather than guess.
            resync(c, c.selected() == null ? c.select(folder) : c.selected(), false);
        }
    }

    /**
     * Loads the folder's UIDs and flags; unless this is the first load, reports the difference from what was known:
     * what arrived, disappeared or changed while the watch was not listening.
     */
    private void resync(ImapConnection c, SelectedFolder sel, boolean first) {
        boolean renumberedNow = !first && sel.uidValidity() != uidValidity;
        List<ImapFetch.Fetched> all = new ArrayList<>(ImapFetch.fetch(c, "UID FETCH", "UID FETCH 1:* (UID FLAGS)"));
        all.sort(java.util.Comparator.comparingLong(ImapFetch.Fetched::uid));
        Map<Long, Flags> now = new HashMap<>();
        for (ImapFetch.Fetched f : all) {
            now.put(f.uid(), f.flags());
        }
        if (!first) {
            boolean renumbered = sel.uidValidity() != uidValidity;
            Set<MessageKey> gone = new HashSet<>();
            for (Long uid : flags.keySet()) {
                if (renumbered || !now.containsKey(uid)) {
                    gone.add(key(uid));
                }
            }
            if (!gone.isEmpty()) {
                emit(new MailboxEvent.Expunged(gone));
            }
            long oldValidity = uidValidity;
            uidValidity = sel.uidValidity();
            List<MessageKey> added = new ArrayList<>();
            for (ImapFetch.Fetched f : all) {
                Flags old = renumbered || oldValidity < 0 ? null : flags.get(f.uid());
                if (old == null && (renumbered || f.uid() >= uidNext || !flags.containsKey(f.uid()))) {
                    added.add(key(f.uid()));
                } else if (old != null && !old.equals(f.flags())) {
                    emit(new MailboxEvent.FlagsChanged(key(f.uid()), f.flags()));
                }
            }
            if (!added.isEmpty()) {
                emit(new MailboxEvent.NewMessages(added));
            }
        }
        uidValidity = sel.uidValidity();
        bySequence.clear();
        flags.clear();
        for (ImapFetch.Fetched f : all) {
            bySequence.add(f.uid());
            flags.put(f.uid(), f.flags());
        }
        exists = bySequence.size();
        long max = bySequence.isEmpty() ? 0 : bySequence.get(bySequence.size() - 1);
        uidNext = Math.max(Math.max(renumberedNow ? 1 : uidNext, sel.uidNext()), max + 1);
        pendingNew = false;
    }

    private MessageKey key(long uid) {
        return MessageKey.imap(folder, uidValidity, uid);
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
