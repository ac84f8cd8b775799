package org.mailaccess.pop3.internal;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import org.mailaccess.Capabilities;
import org.mailaccess.Capability;
import org.mailaccess.ConnectionException;
import org.mailaccess.Folder;
import org.mailaccess.FolderInfo;
import org.mailaccess.FolderRole;
import org.mailaccess.LogoutResult;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageKey;
import org.mailaccess.Protocol;
import org.mailaccess.ProtocolViolationException;
import org.mailaccess.Quota;
import org.mailaccess.ServerEndpoint;
import org.mailaccess.UnsupportedCapabilityException;
import org.mailaccess.internal.SessionGuard;
import org.mailaccess.pop3.Pop3Access;
import org.mailaccess.pop3.Pop3Options;

/**
 * An authenticated POP3 session in the TRANSACTION state (RFC 1939 section 5). Owns the lifecycle: thread confinement,
 * the rule that any I/O failure closes the session, and QUIT with its report on pending deletions (section 6).
 *
 * <p>{@link #isOpen()}, {@link #protocol()}, {@link #endpoint()} and {@link #toString()} read immutable or volatile
 * state and skip the {@link SessionGuard}, so that a monitoring thread may call them; {@link #close()} from another
 * thread aborts the connection, which makes the working thread's call fail with a {@link ConnectionException}.
 */
final class Pop3Session implements MailboxSession, Pop3Access {

    /** Does the work of one call on the session's connection. */
    @FunctionalInterface
    interface IoCall<T> {
        T call() throws IOException;
    }

    private final ServerEndpoint endpoint;
    private final String user;
    private final Pop3Socket socket;
    private final Pop3Wire wire;
    private final Events events;
    private final Features features;
    private final Capabilities capabilities;
    private final SessionGuard guard = new SessionGuard();
    private final Listing listing;
    private final Pop3Inbox inbox;
    private volatile boolean open = true;
    private MessageStream stream;

    Pop3Session(ServerEndpoint endpoint, String user, Pop3Socket socket, Pop3Wire wire, Events events,
            Features features, Pop3Options options, List<String> probedUidl) {
        this.endpoint = endpoint;
        this.user = user;
        this.socket = socket;
        this.wire = wire;
        this.events = events;
        this.features = features;
        this.capabilities = features.capabilities();
        this.listing = new Listing(wire, features, options, probedUidl);
        this.inbox = new Pop3Inbox(this, wire, listing, features);
    }

    @Override
    public Protocol protocol() {
        return Protocol.POP3;
    }

    @Override
    public ServerEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public Capabilities capabilities() {
        return guarded(() -> capabilities);
    }

    @Override
    public Folder inbox() {
        return guarded(() -> inbox);
    }

    /** Only the INBOX exists (RFC 1939 knows one maildrop); nothing is sent. */
    @Override
    public Folder folder(String name) {
        Objects.requireNonNull(name, "name");
        return guarded(() -> {
            if (!MessageKey.INBOX.equalsIgnoreCase(name)) {
                throw new UnsupportedCapabilityException(Capability.FOLDERS);
            }
            return inbox;
        });
    }

    @Override
    public List<FolderInfo> folders() {
        return guarded(() -> List.of(new FolderInfo(MessageKey.INBOX, Optional.empty(), Set.of(),
                Optional.of(FolderRole.INBOX), true)));
    }

    @Override
    public List<Quota> quota(String folder) {
        return guarded(() -> {
            throw new UnsupportedCapabilityException(Capability.QUOTA);
        });
    }

    @Override
    public void noop() {
        call("NOOP", () -> wire.command("NOOP").expectOk("NOOP"));
    }

    @Override
    public <T> Optional<T> extension(Class<T> type) {
        return guarded(() -> type == Pop3Access.class ? Optional.of(type.cast(this)) : Optional.empty());
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /**
     * QUIT (RFC 1939 section 6). The server removes the messages marked with DELE only when it answers {@code +OK}.
     * {@code -ERR} means "some deleted messages not removed" (RFC 1939 section 6), and a connection lost after QUIT
     * went out leaves open whether the server entered the UPDATE state: both are UNKNOWN, to be checked by UIDL next
     * time. Only a QUIT that could not be sent at all is DISCARDED.
     */
    @Override
    public LogoutResult logout() {
        return guarded(() -> {
            if (!open) {
                throw new IllegalStateException("The session is already closed");
            }
            requireNoStream();
            return quit();
        });
    }

    /**
     * Logs out like {@link #logout()}, so pending deletions are committed; but if a message stream is still half-read
     * or another thread is inside the session, the connection is dropped instead, and the server discards them.
     */
    @Override
    public void close() {
        if (!open) {
            return;
        }
        SessionGuard.Entry entry;
        try {
            entry = guard.enter();
        } catch (IllegalStateException busy) {
            abort();
            return;
        }
        try (entry) {
            if (!open) {
                return;
            }
            if (stream != null) {
                abort();
                return;
            }
            quit();
        } catch (RuntimeException e) {
            abort();
        }
    }

    @Override
    public void reset() {
        call("RSET", () -> {
            wire.command("RSET").expectOk("RSET");
            MessageIndex index = listing.indexIfLoaded();
            if (index != null) {
                index.undeleteAll();
            }
            return null;
        });
    }

    @Override
    public Set<MessageKey> pendingDeletes() {
        return guarded(this::pending);
    }

    @Override
    public Optional<String> expirePolicy() {
        return guarded(() -> features.capa().expire());
    }

    @Override
    public OptionalInt loginDelaySeconds() {
        return guarded(() -> features.capa().loginDelay());
    }

    @Override
    public long mailboxSize() {
        return call("STAT", () -> parseStat(wire.command("STAT").expectOk("STAT"))[1]);
    }

    @Override
    public String toString() {
        return "Pop3Session[" + endpoint.host() + ":" + endpoint.port() + ", user=" + user + ", "
                + (open ? "open" : "closed") + "]";
    }

    /**
     * Runs one call under the guard. An I/O failure or a protocol violation closes the session: the stream can no
     * longer be trusted to be in step, and the server discards pending deletions when the connection goes.
     */
    <T> T call(String verb, IoCall<T> body) {
        return guarded(() -> {
            if (!open) {
                throw new IllegalStateException("The session is closed");
            }
            requireNoStream();
            try {
                return body.call();
            } catch (IOException e) {
                throw fail(verb, e);
            } catch (ProtocolViolationException | ConnectionException e) {
                abort();
                throw e;
            }
        });
    }

    /** Runs code inside the {@link SessionGuard}: one thread at a time. */
    <T> T guarded(Supplier<T> body) {
        SessionGuard.Entry entry = guard.enter();
        try {
            return body.get();
        } finally {
            entry.close();
        }
    }

    void streamOpened(MessageStream s) {
        stream = s;
    }

    void streamFinished(MessageStream s) {
        if (stream == s) {
            stream = null;
        }
    }

    /** Closes the session after an I/O failure and describes it. */
    ConnectionException fail(String verb, IOException e) {
        abort();
        String where = SessionOpener.where(endpoint);
        if (e instanceof SocketTimeoutException) {
            return new ConnectionException("The POP3 server " + where + " did not complete " + verb + " in time ("
                    + e.getMessage() + "); the session is closed and pending deletions are discarded", e, true);
        }
        String how = e instanceof EOFException ? "was closed by the server" : "failed (" + e.getMessage() + ")";
        return new ConnectionException("The connection to the POP3 server " + where + " " + how + " during " + verb
                + "; the session is closed and pending deletions are discarded (RFC 1939 section 6)", e);
    }

    /** Parses {@code +OK count octets} (RFC 1939 section 5). */
    static long[] parseStat(Reply reply) {
        String[] parts = reply.text().split("\\s+");
        if (parts.length < 2 || !parts[0].matches("[0-9]{1,9}") || !parts[1].matches("[0-9]{1,18}")) {
            throw new ProtocolViolationException("The server sent a malformed STAT reply: " + Printable.of(reply.line()));
        }
        return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
    }

    private LogoutResult quit() {
        Set<MessageKey> pending = pending();
        LogoutResult.Outcome outcome;
        try {
            wire.send("QUIT");
            wire.flush();
        } catch (IOException e) {
            abort();
            return result(pending, LogoutResult.Outcome.DISCARDED);
        }
        try {
            outcome = wire.readReply().ok() ? LogoutResult.Outcome.COMMITTED : LogoutResult.Outcome.UNKNOWN;
        } catch (IOException | ProtocolViolationException e) {
            outcome = LogoutResult.Outcome.UNKNOWN;
        } finally {
            abort();
        }
        return result(pending, outcome);
    }

    private static LogoutResult result(Set<MessageKey> pending, LogoutResult.Outcome outcome) {
        return pending.isEmpty() ? new LogoutResult(LogoutResult.Outcome.NOTHING_PENDING, Set.of())
                : new LogoutResult(outcome, pending);
    }

    private Set<MessageKey> pending() {
        MessageIndex index = listing.indexIfLoaded();
        return open && index != null ? Collections.unmodifiableSet(new LinkedHashSet<>(index.deletedKeys())) : Set.of();
    }

    private void requireNoStream() {
        if (stream != null) {
            throw new IllegalStateException("A message stream from openMessage is still open; read it to the end or"
                    + " close it before the next call on this session");
        }
    }

    private void abort() {
        open = false;
        socket.abort();
        events.closed();
    }
}
