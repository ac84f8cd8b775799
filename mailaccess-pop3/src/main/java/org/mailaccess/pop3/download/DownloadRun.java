package org.mailaccess.pop3.download;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.mailaccess.AuthenticationException;
import org.mailaccess.Capability;
import org.mailaccess.CommandFailedException;
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
import org.mailaccess.pop3.Pop3Access;

/**
 * One run or preview of a {@link Pop3Downloader}: the steps, in the order that makes every interruption safe (see the
 * package documentation). Used by one thread, except {@link #cancel()}.
 */
final class DownloadRun {

    /** Keys per preview summaries() call, so that N previews never hold N x maxHeaderBytes at once. */
    private static final int PREVIEW_CHUNK = 100;
    /** DELEs sent per pipelined batch; cancel is checked between batches. */
    private static final int DELETE_BATCH = 100;
    /** Consecutive store failures after which the store, not the message, is taken to be the problem. */
    private static final int STORE_FAILURES_TO_STOP = 3;

    private final Pop3Downloader.Settings s;
    private final RunReport r;
    private final MessageFetch fetch;
    private volatile boolean cancelled;
    private volatile MailboxSession session;
    /** Set when the run gave up on part of its work without throwing (the store keeps failing): not COMPLETED. */
    private Exception stoppedEarly;

    DownloadRun(Pop3Downloader.Settings settings) {
        this.s = settings;
        this.r = new RunReport(settings.listener());
        // POP3 cannot cancel a RETR: closing the session with one half-read drops the connection.
        this.fetch = new MessageFetch(settings, r, this::checkCancelled, () -> session.close());
    }

    /** Ends the run with a status; thrown where the run cannot or must not go on. */
    private static final class Stop extends RuntimeException {
        final RunStatus status;

        Stop(RunStatus status, Exception cause) {
            super(cause == null ? status.name() : cause.getMessage(), cause, false, false);
            this.status = status;
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
                recover(state);
            } catch (IOException e) {
                throw new Stop(RunStatus.FAILED, e);
            }
            steps.run(state, connect(state));
            if (stoppedEarly != null) {
                r.error = stoppedEarly;
                return RunStatus.FAILED;
            }
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

    /**
     * Finishes what a crash interrupted (mbsync's journal order, PITFALLS 3.1): a message prepared in the store and
     * recorded in the ledger is published; one the ledger never recorded is discarded, and downloaded again.
     */
    private void recover(LedgerState state) throws IOException {
        Set<String> recorded = new HashSet<>();
        state.downloads().values().forEach(d -> d.storeId().ifPresent(recorded::add));
        s.store().recover(recorded::contains);
    }

    private void downloadSteps(LedgerState state, Folder inbox) {
        List<MessageSummary> listing = listing(inbox);
        RunPlan plan = plan(state, listing);
        boolean digestIds = !session.capabilities().has(Capability.PERSISTENT_IDS);
        Set<MessageKey> unverified = Set.of();
        if (!digestIds) {
            IdentityCheck.Result check = checkIdentities(inbox, plan);
            unverified = check.unverified();
            if (!check.reused().isEmpty()) {
                // Another message under a known UIDL: forget the old record and plan again, so that the new message
                // goes through marks and the size policy like any new one (and is never deleted unread).
                List<LedgerChange> forget = new ArrayList<>();
                for (MessageKey key : check.reused()) {
                    forget.add(new LedgerChange.Forgotten(key.id()));
                    r.warn(DownloadWarning.Kind.UIDL_REUSED, key, "UIDL " + key.id() + " lists the size it had when"
                            + " downloaded, but its header is another message's; treated as a new message");
                }
                record(forget);
                plan = plan(load(), listing);
            }
        }
        r.skipped.addAll(plan.skipped());
        r.kept.addAll(plan.kept());
        List<MessageKey> deleteStored = new ArrayList<>();
        for (MessageKey key : plan.deleteStored()) {
            (unverified.contains(key) || digestIds ? r.kept : deleteStored).add(key);
        }
        fetchPreviews(inbox, plan.preview().stream().map(m -> new RunPlan.Fresh(m, Optional.empty())).toList());
        downloadAll(inbox, plan.download(), deleteStored, digestIds);
        List<MessageKey> deleteUnstored = plan.deleteUnstored();
        if (digestIds && (!deleteStored.isEmpty() || !deleteUnstored.isEmpty() || !plan.deleteStored().isEmpty())) {
            r.warn(DownloadWarning.Kind.DELETES_DISABLED, null, "The server has no UIDL and keys are header digests"
                    + " (allowHeaderDigestIds): two messages with the same header would share a key, so nothing is"
                    + " deleted on the server in this mode");
            r.kept.addAll(deleteUnstored);
            deleteStored.clear();
            deleteUnstored = List.of();
        }
        deleteAndQuit(inbox, deleteStored, deleteUnstored);
    }

    private IdentityCheck.Result checkIdentities(Folder inbox, RunPlan plan) {
        checkCancelled();
        IdentityCheck.Result check;
        try {
            check = IdentityCheck.check(inbox, session.capabilities().has(Capability.HEADERS_PREVIEW), load(),
                    plan.deleteStored());
        } catch (MailAccessException | IllegalStateException e) {
            throw stopOn(e);
        }
        record(check.learned());
        check.note().ifPresent(n -> r.warn(DownloadWarning.Kind.IDENTITY_UNVERIFIED, null, n));
        return check;
    }

    private LedgerState load() {
        try {
            return s.ledger().load();
        } catch (IOException e) {
            throw new Stop(RunStatus.FAILED, e);
        }
    }

    private void previewSteps(LedgerState state, Folder inbox) {
        RunPlan plan = plan(state, listing(inbox));
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
            // The session's own reading of CAPA (RFC 2449 section 6) when it offers one, so both agree.
            ServerInfo policies = opened.extension(Pop3Access.class)
                    .map(p -> new ServerInfo(0, 0, p.expirePolicy(), p.loginDelaySeconds()))
                    .orElseGet(() -> ServerInfo.of(0, 0, opened.capabilities()));
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
    private List<MessageSummary> listing(Folder inbox) {
        checkCancelled();
        try {
            return inbox.summaries(MessageRange.all(), FetchSpec.keysAndSizes());
        } catch (MailAccessException | IllegalStateException e) {
            throw stopOn(e);
        }
    }

    private RunPlan plan(LedgerState state, List<MessageSummary> listing) {
        RunPlan plan = RunPlan.of(state, listing, s.leave(), s.size(), s.clock().instant());
        record(plan.reconcile());
        r.warnings.addAll(plan.warnings());
        if (r.warnings.stream().noneMatch(w -> w.kind() == DownloadWarning.Kind.SERVER_EXPIRE_OVERRIDES_POLICY)) {
            r.server.expireOverride(s.leave()).ifPresent(
                    m -> r.warn(DownloadWarning.Kind.SERVER_EXPIRE_OVERRIDES_POLICY, null, m));
        }
        return plan;
    }

    private void fetchPreviews(Folder inbox, List<RunPlan.Fresh> fresh) {
        if (fresh.isEmpty()) {
            return;
        }
        Map<MessageKey, MessageHeaders> headers = new HashMap<>();
        if (!session.capabilities().has(Capability.HEADERS_PREVIEW)) {
            r.warn(DownloadWarning.Kind.HEADERS_UNAVAILABLE, null,
                    "The server has no TOP (RFC 1939 section 7): " + fresh.size() + " previews carry no headers");
        } else {
            List<MessageKey> keys = fresh.stream().map(f -> f.summary().key()).toList();
            try {
                for (int i = 0; i < keys.size(); i += PREVIEW_CHUNK) {
                    checkCancelled();
                    List<MessageKey> chunk = keys.subList(i, Math.min(keys.size(), i + PREVIEW_CHUNK));
                    for (MessageSummary m : inbox.summaries(MessageRange.of(chunk), FetchSpec.headersOnly())) {
                        m.headers().ifPresent(h -> headers.put(m.key(), h));
                    }
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

    private void downloadAll(Folder inbox, List<MessageSummary> messages, List<MessageKey> deleteStored,
            boolean digestIds) {
        r.started(messages.size(), messages.stream().mapToLong(MessageSummary::size).sum());
        int storeFailures = 0;
        for (MessageSummary m : messages) {
            checkCancelled();
            MessageKey key = m.key();
            LocalMessage local;
            try {
                local = fetch.fetch(inbox, m);
                storeFailures = 0;
            } catch (MessageFetch.StoreFailure e) {
                // Usually about this message (a name the store cannot take): the others still go on. Several in a
                // row mean the store itself (a full disk, a read-only directory): stop downloading, but still delete
                // what earlier runs and this one stored safely, and do not report the run COMPLETED.
                r.fail(key, MessageFailure.Stage.STORE, (Exception) e.getCause());
                if (++storeFailures >= STORE_FAILURES_TO_STOP) {
                    stoppedEarly = (Exception) e.getCause();
                    return;
                }
                continue;
            } catch (CommandFailedException e) {
                r.fail(key, MessageFailure.Stage.DOWNLOAD, e); // e.g. deleted by another client since the listing
                continue;
            } catch (MessageFetch.LedgerFailure e) {
                throw new Stop(RunStatus.FAILED, (Exception) e.getCause()); // reported on the message already
            } catch (MessageFetch.Endless e) {
                r.fail(key, MessageFailure.Stage.DOWNLOAD, e);
                throw new Stop(RunStatus.FAILED, e); // the connection was dropped to end it
            } catch (MailAccessException | IllegalStateException e) {
                checkCancelled();
                r.fail(key, MessageFailure.Stage.DOWNLOAD, e);
                throw stopOn(e);
            } finally {
                r.messageDone(key);
            }
            if (local == null) {
                continue; // recorded, not yet visible: the next run's recovery publishes it
            }
            r.stored(local);
            if (!digestIds && s.leave().deleteDue(s.clock().instant(), false, s.clock().instant())) {
                deleteStored.add(key);
            } else {
                r.kept.add(key);
            }
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
            Optional<Pop3Access> pop3 = session.extension(Pop3Access.class);
            for (int from = 0; from < all.size(); from += DELETE_BATCH) {
                checkCancelled();
                List<MessageKey> batch = all.subList(from, Math.min(all.size(), from + DELETE_BATCH));
                if (pop3.isPresent()) {
                    deleteBatch(inbox, pop3.get(), batch, sent);
                } else {
                    for (MessageKey key : batch) {
                        deleteBatch(inbox, null, List.of(key), sent);
                    }
                }
            }
        }
        quit(sent, stored);
    }

    /**
     * One pipelined batch of DELE (RFC 2449 PIPELINING when offered). The session reads every reply before it
     * reports a refusal, and its pending-delete set then says exactly which keys the server marked, so a refused DELE
     * is reported on its own message without giving up the pipelining.
     */
    private void deleteBatch(Folder inbox, Pop3Access pop3, List<MessageKey> batch, List<MessageKey> sent) {
        try {
            inbox.delete(batch);
            sent.addAll(batch);
        } catch (CommandFailedException e) {
            Set<MessageKey> marked = pop3 == null ? Set.of() : pop3.pendingDeletes();
            for (MessageKey key : batch) {
                if (marked.contains(key)) {
                    sent.add(key);
                } else {
                    r.fail(key, MessageFailure.Stage.DELETE, e); // stays pending; the next run tries again
                }
            }
        } catch (MailAccessException | IllegalStateException e) {
            for (MessageKey key : batch) {
                r.fail(key, MessageFailure.Stage.DELETE, e);
            }
            throw stopOn(e);
        }
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
