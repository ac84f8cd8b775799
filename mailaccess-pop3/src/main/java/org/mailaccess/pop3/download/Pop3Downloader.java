package org.mailaccess.pop3.download;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.mailaccess.Credentials;
import org.mailaccess.MailboxClient;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageKey;
import org.mailaccess.Protocol;
import org.mailaccess.ServerEndpoint;

/**
 * Downloads a POP3 mailbox the way a mail client does: each new message once (by UIDL, RFC 1939 section 7) into a
 * local {@link MessageStore}, with a {@link DownloadLedger} that remembers what was downloaded and when, and a
 * {@link LeavePolicy} that decides what is deleted on the server.
 *
 * <p>What is guaranteed, wherever a run is interrupted (a crash, a dropped connection, {@link #cancel()}), given a
 * store and a ledger that keep their contracts (durable when their calls return):
 * <ul>
 *   <li><b>nothing is deleted on the server that is not durably stored and recorded</b>; and a message downloaded
 *       by an earlier session is deleted only after its header, fetched with {@code TOP n 0} (RFC 1939 section 7),
 *       still matches the fingerprint recorded at download, so a server that reuses a UIDL for a message of the same
 *       size does not get the new message deleted unread. Without TOP, or with a header that cannot be compared,
 *       such messages stay on the server ({@link DownloadWarning.Kind#IDENTITY_UNVERIFIED}); with header-digest keys
 *       ({@code allowHeaderDigestIds}) nothing is deleted at all ({@link DownloadWarning.Kind#DELETES_DISABLED});</li>
 *   <li><b>a UIDL the ledger recorded is never retrieved again</b>: the message is written to the store, recorded,
 *       then made visible (mbsync's order), and the next run finishes a publication a crash interrupted; so a message
 *       the user deletes locally does not come back. A message is downloaded again only if it was never recorded
 *       (interrupted before the ledger write), or when the server reused its UIDL;</li>
 *   <li><b>bounded work per message</b>: a RETR that runs past max(2 x the listed size, the listed size + 1 MiB), or
 *       past five minutes plus one second per 8 KiB of its listed size on the downloader's clock, is abandoned (a
 *       {@link MessageFailure} and a {@link RunStatus#FAILED} run, since the connection is dropped; nothing is
 *       deleted in that session, and the next run downloads the message again).</li>
 * </ul>
 * Ledgers written by version 0.1 hold no fingerprints: the first due delete of such a message trusts the header the
 * server shows then and records it.

 * <p>A run:
 * <ol>
 *   <li>refuses to connect when the server's LOGIN-DELAY (RFC 2449 section 6.8) has not passed since the last login
 *       the ledger recorded, and reports {@link RunStatus#LOGIN_DELAYED};</li>
 *   <li>logs in, records the login, reads the mailbox size (STAT) and the listing (UIDL and LIST);</li>
 *   <li>records what is no longer on the server; previews (TOP) and skips new messages as the {@link SizePolicy} and
 *       the application's {@link Mark}s say;</li>
 *   <li>downloads every other new message (RETR), streaming it into the store, then records it in the ledger;</li>
 *   <li>records the deletes due as pending, sends them (DELE) and commits them with QUIT (RFC 1939 section 6); a
 *       delete not seen committed is sent again by the next run if the message is still there.</li>
 * </ol>
 *
 * <p>A downloader is thread-safe but runs one {@link #run()} or {@link #preview()} at a time; {@link #cancel()},
 * {@link #mark} and {@link #reportRemovedFromTrash} may be called from any thread at any time.
 */
public final class Pop3Downloader {

    private final Settings settings;
    private final AtomicReference<DownloadRun> current = new AtomicReference<>();

    private Pop3Downloader(Settings settings) {
        this.settings = settings;
    }

    /** The immutable configuration a {@link DownloadRun} works with. */
    record Settings(Supplier<MailboxSession> sessions, MessageStore store, DownloadLedger ledger, LeavePolicy leave,
            SizePolicy size, Clock clock, DownloadListener listener) {
    }

    /**
     * A builder that opens each session with {@link MailboxClient#open}.
     *
     * @param client      the client (timeouts, TLS, POP3 options)
     * @param endpoint    the POP3 server
     * @param credentials who logs in
     * @return the builder
     * @throws IllegalArgumentException when the endpoint is not POP3
     */
    public static Builder builder(MailboxClient client, ServerEndpoint endpoint, Credentials credentials) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(credentials, "credentials");
        if (endpoint.protocol() != Protocol.POP3) {
            throw new IllegalArgumentException("Pop3Downloader needs a POP3 endpoint, not " + endpoint.protocol());
        }
        return new Builder(() -> client.open(endpoint, credentials));
    }

    /**
     * A builder that takes each session from a supplier, for example to open it with extra care. Every call must
     * return a new, authenticated POP3 session; the downloader closes it.
     *
     * @param sessions opens a session
     * @return the builder
     */
    public static Builder builder(Supplier<MailboxSession> sessions) {
        return new Builder(Objects.requireNonNull(sessions, "sessions"));
    }

    /**
     * Downloads new mail and cleans the server as the policies and marks say.
     *
     * @return what was done; this method does not throw for server, network, store or ledger failures, which the
     *         result reports
     * @throws IllegalStateException when a run or preview of this downloader is already in progress
     */
    public DownloadResult run() {
        DownloadRun run = start();
        try {
            return run.download();
        } finally {
            current.compareAndSet(run, null);
        }
    }

    /**
     * Fetches the headers of every message not downloaded yet (TOP, RFC 1939 section 7), without downloading or deleting
     * anything, so that the application can {@link #mark} them for the next {@link #run()}.
     *
     * @return the headers and current marks
     * @throws IllegalStateException when a run or preview of this downloader is already in progress
     */
    public PreviewResult preview() {
        DownloadRun run = start();
        try {
            return run.preview();
        } finally {
            current.compareAndSet(run, null);
        }
    }

    /**
     * Records the application's decision about a message for the next run.
     *
     * @param key  the message, as listed by {@link #preview()} or a result
     * @param mark the decision
     * @throws UncheckedIOException when the ledger cannot record it (nothing is recorded then)
     */
    public void mark(MessageKey key, Mark mark) {
        Objects.requireNonNull(key, "key");
        commit(new LedgerChange.Marked(key.id(), Objects.requireNonNull(mark, "mark")));
    }

    /**
     * Withdraws a mark.
     *
     * @param key the message
     * @throws UncheckedIOException when the ledger cannot record it
     */
    public void clearMark(MessageKey key) {
        commit(new LedgerChange.Unmarked(key.id()));
    }

    /**
     * Reports that the user removed a downloaded message from the local trash, for
     * {@link LeavePolicy#deleteWhenRemovedFromTrash()}. Reporting it again, or for a message never downloaded, does
     * nothing.
     *
     * @param key the message
     * @throws UncheckedIOException when the ledger cannot record it
     */
    public void reportRemovedFromTrash(MessageKey key) {
        commit(new LedgerChange.RemovedFromTrash(key.id(), settings.clock().instant()));
    }

    // Like run(), which reports ledger failures in its result, these calls keep to unchecked exceptions.
    private void commit(LedgerChange change) {
        try {
            settings.ledger().commit(List.of(change));
        } catch (IOException e) {
            throw new UncheckedIOException("The ledger could not record " + change.getClass().getSimpleName(), e);
        }
    }

    /**
     * Stops the run or preview in progress, if any, promptly, from any thread: a blocked read or a message being
     * received is abandoned at once by dropping the connection, the partly written message is discarded from the
     * store, and no further command is sent. The run returns {@link RunStatus#CANCELLED} with what it completed.
     * Deletes already sent in this session are committed if the session was between two commands (QUIT) and discarded
     * otherwise (RFC 1939 section 6); either way they only concern stored, recorded messages, and the ledger keeps
     * them pending until the next run sees the outcome.
     *
     * <p>While the session is being opened, there is nothing to close yet: the session supplier (for
     * {@link #builder(MailboxClient, ServerEndpoint, Credentials)}, {@link MailboxClient#open}) cannot be interrupted.
     * The run then stops as soon as it returns, sending nothing but QUIT. That wait is bounded: connect, greeting, STLS
     * and the TLS handshake together within the client's connect timeout plus its read timeout, then each login round
     * trip within the read timeout.
     */
    public void cancel() {
        DownloadRun run = current.get();
        if (run != null) {
            run.cancel();
        }
    }

    private DownloadRun start() {
        DownloadRun run = new DownloadRun(settings);
        if (!current.compareAndSet(null, run)) {
            throw new IllegalStateException("A run of this downloader is already in progress");
        }
        return run;
    }

    /** Collects the settings of a {@link Pop3Downloader}. A store and a ledger are required. */
    public static final class Builder {
        private final Supplier<MailboxSession> sessions;
        private MessageStore store;
        private DownloadLedger ledger;
        private LeavePolicy leave = LeavePolicy.keep();
        private SizePolicy size = SizePolicy.unlimited();
        private Clock clock = Clock.systemUTC();
        private DownloadListener listener = DownloadListener.NONE;

        private Builder(Supplier<MailboxSession> sessions) {
            this.sessions = sessions;
        }

        /**
         * Where downloaded messages go (required), e.g. {@link MaildirStore#open}.
         *
         * @param store the store
         * @return this builder
         */
        public Builder store(MessageStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * The account's ledger (required), e.g. {@link FileLedger#open}.
         *
         * @param ledger the ledger
         * @return this builder
         */
        public Builder ledger(DownloadLedger ledger) {
            this.ledger = Objects.requireNonNull(ledger, "ledger");
            return this;
        }

        /**
         * What is deleted on the server (default {@link LeavePolicy#keep()}).
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder leavePolicy(LeavePolicy policy) {
            this.leave = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * What happens to large messages (default {@link SizePolicy#unlimited()}).
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder sizePolicy(SizePolicy policy) {
            this.size = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * The clock for download times, leave-policy ages and LOGIN-DELAY (default: the system clock, UTC).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Who follows the progress (default: nobody).
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(DownloadListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Builds the downloader.
         *
         * @return the downloader
         * @throws IllegalStateException when no store or no ledger was set
         */
        public Pop3Downloader build() {
            if (store == null || ledger == null) {
                throw new IllegalStateException("A Pop3Downloader needs a store and a ledger");
            }
            return new Pop3Downloader(new Settings(sessions, store, ledger, leave, size, clock, listener));
        }
    }
}
