package org.mailaccess.pop3.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.mailaccess.AuthenticationException;
import org.mailaccess.Capability;
import org.mailaccess.CommandFailedException;
import org.mailaccess.ConnectionException;
import org.mailaccess.FetchSpec;
import org.mailaccess.Folder;
import org.mailaccess.FolderStatus;
import org.mailaccess.LogoutResult;
import org.mailaccess.MailAccessException;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageHeaders;
import org.mailaccess.MessageKey;
import org.mailaccess.MessageRange;
import org.mailaccess.MessageSummary;
import org.mailaccess.Protocol;

/**
 * One run or preview of a {@link Pop3Downloader}: the steps, in the order that makes every interruption safe (see the
 * package documentation). Used by one thread, except {@link #cancel()}.
 */
final class DownloadRun {

    private static final int CHUNK = 64 * 1024;
    private static final FetchSpec HEADERS_ONLY = new FetchSpec(EnumSet.of(FetchSpec.Item.HEADERS));

    private final Pop3Downloader.Settings s;
    private final RunReport r;
    private volatile boolean cancelled;
    private volatile MailboxSession session;

    DownloadRun(Pop3Downloader.Settings settings) {
        this.s = settings;
        this.r = new RunReport(settings.listener());
    }

    /** Ends the run with a status; thrown where the run cannot or must not go on. */
    private static final class Stop extends RuntimeException {
        final RunStatus status;

        Stop(RunStatus status, Exception cause) {
            super(cause == null ? status.name() : cause.getMessage(), cause, false, false);
            this.status = status;
        }
    }

    /** Thrown by the store, as opposed to the connection, while a message is copied. */
    private static final class StoreFailure extends RuntimeException {
        StoreFailure(IOException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** The steps of a run or a preview, given the ledger state and the open inbox. */
    private interface Steps {
        void run(LedgerState state, Folder inbox);
    }

    void cancel() {
        cancelled = true;
        MailboxSession current = session;
        if (current != null) {
            // From another thread, close() drops the connection, so a read blocked in RETR fails at once; between
            // two commands it sends QUIT, which commits only deletes of messages already stored and recorded.
            current.close();
        }
    }

    DownloadResult download() {
        return r.downloadResult(execute(this::downloadSteps));
    }

    PreviewResult preview() {
        return r.previewResult(execute(this::previewSteps));
    }

    private RunStatus execute(Steps steps) {
        try {
            LedgerState state;
            try {
                state = s.ledger().load();
            } catch (IOException e) {
                throw new Stop(RunStatus.FAILED, e);
            }
            steps.run(state, connect(state));
            return RunStatus.COMPLETED;
        } catch (Stop stop) {
            if (cancelled) {
                return RunStatus.CANCELLED;
            }
            r.error = stop.getCause() instanceof Exception e ? e : null;
            return stop.status;
        } catch (RuntimeException e) {
            if (cancelled) {
                return RunStatus.CANCELLED; // the session was closed under our feet, on purpose
            }
            r.error = e;
            return RunStatus.FAILED;
        } finally {
            MailboxSession current = session;
            session = null;
            if (current != null) {
                // QUIT if still usable: it commits only deletes of messages already stored and recorded, which the
                // ledger holds as pending until a later run sees them gone.
                current.close();
            }
        }
    }

    private void downloadSteps(LedgerState state, Folder inbox) {
        RunPlan plan = plan(state, inbox);
        r.skipped.addAll(plan.skipped());
        r.kept.addAll(plan.kept());
        fetchPreviews(inbox, plan.preview().stream().map(m -> new RunPlan.Fresh(m, Optional.empty())).toList());
        List<MessageKey> deleteStored = new ArrayList<>(plan.deleteStored());
        downloadAll(inbox, plan.download(), deleteStored);
        deleteAndQuit(inbox, deleteStored, plan.deleteUnstored());
    }

    private void previewSteps(LedgerState state, Folder inbox) {
        RunPlan plan = plan(state, inbox);
        fetchPreviews(inbox, plan.fresh());
        quit(List.of(), List.of());
    }

    /** Honours LOGIN-DELAY, logs in, records the login, reads STAT and the server's policies. */
    private Folder connect(LedgerState state) {
        Instant now = s.clock().instant();
        Optional<Instant> next = state.lastLogin().flatMap(LedgerState.Login::nextLoginAllowed)
                .filter(now::isBefore);
        if (next.isPresent()) {
            r.nextLoginAllowed = next.get();
            throw new Stop(RunStatus.LOGIN_DELAYED, null);
        }
        checkCancelled();
        MailboxSession opened;
        try {
            opened = s.sessions().get();
        } catch (AuthenticationException e) {
            // RFC 2449 section 8.1.2: the server refuses logins that come faster than its LOGIN-DELAY.
            boolean delayed = e.serverText().orElse("").toUpperCase(Locale.ROOT).contains("[LOGIN-DELAY]");
            throw new Stop(delayed ? RunStatus.LOGIN_DELAYED : RunStatus.FAILED, e);
        } catch (RuntimeException e) {
            throw new Stop(RunStatus.FAILED, e);
        }
        session = opened;
        checkCancelled(); // cancel() may have come before the session was visible to it
        if (opened.protocol() != Protocol.POP3) {
            // UIDLs and the QUIT commit are POP3 semantics; IMAP keys need UIDVALIDITY, which this ledger lacks.
            throw new Stop(RunStatus.FAILED, new IllegalStateException("Pop3Downloader got a " + opened.protocol()
                    + " session"));
        }
        try {
            ServerInfo policies = ServerInfo.of(0, 0, opened.capabilities());
            // Recorded before anything else, so that even a run that crashes right now counts as a login.
            record(List.of(new LedgerChange.LoggedIn(s.clock().instant(), policies.loginDelaySeconds())));
            Folder inbox = opened.inbox();
            FolderStatus status = inbox.status();
            r.server = new ServerInfo(status.messages(), status.totalSize().orElse(0), policies.expire(),
                    policies.loginDelaySeconds());
            return inbox;
        } catch (MailAccessException | IllegalStateException e) {
            throw stopOn(e);
        }
    }

    /**
     * UIDL and LIST, then the plan, whose ledger reconciliation is recorded at once. Without UIDL the session throws
     * UnsupportedCapabilityException(PERSISTENT_IDS), with duplicate UIDLs ProtocolViolationException: either stops
     * the run before anything is downloaded or deleted, because neither "downloaded once" nor "delete only what is
     * stored" could be kept (PITFALLS P5, D9).
     */
    private RunPlan plan(LedgerState state, Folder inbox) {
        checkCancelled();
        List<MessageSummary> listing;
        try {
            listing = inbox.summaries(MessageRange.all(), FetchSpec.keysAndSizes());
        } catch (MailAccessException | IllegalStateException e) {
            throw stopOn(e);
        }
        RunPlan plan = RunPlan.of(state, listing, s.leave(), s.size(), s.clock().instant());
        record(plan.reconcile());
        r.warnings.addAll(plan.warnings());
        r.server.expireOverride(s.leave()).ifPresent(
                m -> r.warn(DownloadWarning.Kind.SERVER_EXPIRE_OVERRIDES_POLICY, null, m));
        return plan;
    }

    private void fetchPreviews(Folder inbox, List<RunPlan.Fresh> fresh) {
        if (fresh.isEmpty()) {
            return;
        }
        Map<MessageKey, MessageHeaders> headers = new HashMap<>();
        if (!session.capabilities().has(Capability.HEADERS_PREVIEW)) {
            r.warn(DownloadWarning.Kind.HEADERS_UNAVAILABLE, null,
                    "The server has no TOP (RFC 2449): " + fresh.size() + " previews carry no headers");
        } else {
            checkCancelled();
            List<MessageKey> keys = fresh.stream().map(f -> f.summary().key()).toList();
            try {
                for (MessageSummary m : inbox.summaries(MessageRange.of(keys), HEADERS_ONLY)) {
                    m.headers().ifPresent(h -> headers.put(m.key(), h));
                }
            } catch (CommandFailedException e) {
                r.warn(DownloadWarning.Kind.HEADERS_UNAVAILABLE, null,
                        "The server refused TOP (" + e.serverText() + "): previews carry no headers");
            } catch (MailAccessException | IllegalStateException e) {
                throw stopOn(e);
            }
        }
        for (RunPlan.Fresh f : fresh) {
            MessageKey key = f.summary().key();
            r.previewed.add(new PreviewedMessage(key, f.summary().size(), Optional.ofNullable(headers.get(key)),
                    f.mark()));
        }
    }

    private void downloadAll(Folder inbox, List<MessageSummary> messages, List<MessageKey> deleteStored) {
        r.started(messages.size(), messages.stream().mapToLong(MessageSummary::size).sum());
        for (MessageSummary m : messages) {
            checkCancelled();
            MessageKey key = m.key();
            LocalMessage local;
            try {
                local = fetch(inbox, m);
            } catch (StoreFailure e) {
                // A full disk or a read-only directory fails every message alike: stop downloading, but still
                // delete what earlier runs and this one stored safely.
                r.fail(key, MessageFailure.Stage.STORE, (Exception) e.getCause());
                return;
            } catch (CommandFailedException e) {
                r.fail(key, MessageFailure.Stage.DOWNLOAD, e); // e.g. deleted by another client since the listing
                continue;
            } catch (MailAccessException | IllegalStateException e) {
                checkCancelled();
                r.fail(key, MessageFailure.Stage.DOWNLOAD, e);
                throw stopOn(e);
            } finally {
                r.messageDone(key);
            }
            Instant at = s.clock().instant();
            try {
                s.ledger().commit(List.of(new LedgerChange.Downloaded(key.id(), at, m.size())));
            } catch (IOException e) {
                // Stored but not recorded: the next run downloads it again and the store keeps it once (D3).
                r.fail(key, MessageFailure.Stage.LEDGER, e);
                throw new Stop(RunStatus.FAILED, e);
            }
            r.stored(local);
            if (s.leave().deleteDue(at, false, at)) {
                deleteStored.add(key);
            } else {
                r.kept.add(key);
            }
        }
    }

    /** RETR streamed into a store draft; nothing is visible in the store unless the whole message arrived. */
    private LocalMessage fetch(Folder inbox, MessageSummary m) {
        MessageStore.Draft draft;
        try {
            draft = s.store().begin(m.key());
        } catch (IOException e) {
            throw new StoreFailure(e);
        }
        try (draft) {
            InputStream in = inbox.openMessage(m.key());
            long size;
            boolean complete = false;
            try {
                size = copy(in, draft.output(), m.key());
                complete = true;
            } finally {
                closeMessage(in, complete);
            }
            if (size != m.size()) {
                r.warn(DownloadWarning.Kind.SIZE_MISMATCH, m.key(),
                        "Retrieved " + size + " octets, the server listed " + m.size());
            }
            try {
                return draft.commit();
            } catch (IOException e) {
                throw new StoreFailure(e);
            }
        } catch (IOException e) {
            throw new StoreFailure(e); // the draft could not be discarded
        }
    }

    private long copy(InputStream in, OutputStream out, MessageKey key) {
        byte[] buf = new byte[CHUNK];
        long n = 0;
        while (true) {
            int got;
            try {
                got = in.read(buf);
            } catch (IOException e) {
                checkCancelled();
                throw new ConnectionException("Reading message " + key.id() + " failed: " + e.getMessage(), e);
            }
            if (got < 0) {
                return n;
            }
            checkCancelled(); // also mid-message: the draft is discarded, the connection already dropped
            try {
                out.write(buf, 0, got);
            } catch (IOException e) {
                throw new StoreFailure(e);
            }
            n += got;
            r.received(key, got);
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

    /** Records pending deletes, sends DELE, commits with QUIT. */
    private void deleteAndQuit(Folder inbox, List<MessageKey> stored, List<MessageKey> unstored) {
        List<MessageKey> sent = new ArrayList<>();
        if (!stored.isEmpty() || !unstored.isEmpty()) {
            r.deletePending.addAll(stored);
            r.deletePending.addAll(unstored);
            checkCancelled();
            // The ledger knows of the deletes before the server does (unstored ones are known by their mark).
            record(stored.stream().map(k -> (LedgerChange) new LedgerChange.DeleteRequested(k.id())).toList());
            List<MessageKey> all = new ArrayList<>(stored);
            all.addAll(unstored);
            for (MessageKey key : all) {
                checkCancelled();
                try {
                    inbox.delete(List.of(key)); // one at a time: each DELE's failure is reported on its message
                    sent.add(key);
                } catch (CommandFailedException e) {
                    r.fail(key, MessageFailure.Stage.DELETE, e); // stays pending; the next run tries again
                } catch (MailAccessException | IllegalStateException e) {
                    r.fail(key, MessageFailure.Stage.DELETE, e);
                    throw stopOn(e);
                }
            }
        }
        quit(sent, stored);
    }

    private void quit(List<MessageKey> sent, List<MessageKey> stored) {
        checkCancelled();
        try {
            r.logout = session.logout();
        } catch (MailAccessException | IllegalStateException e) {
            throw stopOn(e);
        }
        if (sent.isEmpty()) {
            return;
        }
        if (r.logout.outcome() != LogoutResult.Outcome.COMMITTED) {
            r.warn(DownloadWarning.Kind.DELETES_NOT_COMMITTED, null, sent.size() + " deletes were not seen committed"
                    + " (QUIT outcome " + r.logout.outcome() + "); the next run deletes what is still on the server");
            return;
        }
        r.deleted.addAll(sent);
        r.deletePending.removeAll(sent);
        Instant now = s.clock().instant();
        List<LedgerChange> changes = new ArrayList<>();
        for (MessageKey key : sent) {
            changes.add(stored.contains(key) ? new LedgerChange.Gone(key.id(), now)
                    : new LedgerChange.Unmarked(key.id()));
        }
        record(changes); // if this fails, the next run sees the messages gone and records the same
    }

    private void record(List<? extends LedgerChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        try {
            s.ledger().commit(changes);
        } catch (IOException e) {
            throw new Stop(RunStatus.FAILED, e);
        }
    }

    private Stop stopOn(RuntimeException e) {
        return new Stop(cancelled ? RunStatus.CANCELLED : RunStatus.FAILED, e);
    }

    private void checkCancelled() {
        if (cancelled) {
            throw new Stop(RunStatus.CANCELLED, null);
        }
    }
}
