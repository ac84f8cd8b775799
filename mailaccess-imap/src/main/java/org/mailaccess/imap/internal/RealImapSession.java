package org.mailaccess.imap.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.mailaccess.Capabilities;
import org.mailaccess.Credentials;
import org.mailaccess.Folder;
import org.mailaccess.FolderInfo;
import org.mailaccess.FolderRole;
import org.mailaccess.LogoutResult;
import org.mailaccess.MailboxClient;
import org.mailaccess.MailboxEvent;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageKey;
import org.mailaccess.Protocol;
import org.mailaccess.Quota;
import org.mailaccess.ServerEndpoint;
import org.mailaccess.Watch;
import org.mailaccess.internal.SessionGuard;

/**
 * An IMAP {@link MailboxSession}: one authenticated connection (RFC 3501), confined to one thread at a time by a
 * {@link SessionGuard}. Folder handles are stateless; the session selects folders as operations need them.
 */
@SuppressWarnings("try") // the guard entry is held for its scope, never read
final class RealImapSession implements MailboxSession {

    private final ImapConnection connection;
    private final Credentials credentials;
    private final MailboxClient client;
    private final SessionGuard guard = new SessionGuard();
    private List<FolderInfo> folderCache;
    private boolean closed;

    RealImapSession(ImapConnection connection, Credentials credentials, MailboxClient client) {
        this.connection = connection;
        this.credentials = credentials;
        this.client = client;
    }

    ImapConnection connection() {
        return connection;
    }

    SessionGuard.Entry enter() {
        SessionGuard.Entry e = guard.enter();
        if (closed || !connection.isOpen()) {
            e.close();
            throw new IllegalStateException("this IMAP session is closed");
        }
        return e;
    }

    @Override
    public Protocol protocol() {
        return Protocol.IMAP;
    }

    @Override
    public ServerEndpoint endpoint() {
        return connection.endpoint();
    }

    @Override
    public Capabilities capabilities() {
        return connection.capabilities();
    }

    @Override
    public Folder inbox() {
        return folder(MessageKey.INBOX);
    }

    @Override
    public Folder folder(String name) {
        ImapFolders.checkName(name);
        return new RealImapFolder(this, name);
    }

    @Override
    public List<FolderInfo> folders() {
        try (SessionGuard.Entry e = enter()) {
            folderCache = ImapFolders.list(connection);
            return folderCache;
        }
    }

    @Override
    public List<FolderInfo> subscribedFolders() {
        try (SessionGuard.Entry e = enter()) {
            return ImapFolders.subscribed(connection);
        }
    }

    @Override
    public Optional<FolderInfo> folderWithRole(FolderRole role) {
        try (SessionGuard.Entry e = enter()) {
            return roleFromCache(role);
        }
    }

    /** The folder with a role, from the last LIST of this session (listing once when there was none). */
    Optional<FolderInfo> roleFromCache(FolderRole role) {
        if (folderCache == null) {
            folderCache = ImapFolders.list(connection);
        }
        return folderCache.stream().filter(f -> f.role().filter(role::equals).isPresent()).findFirst();
    }

    @Override
    public void createFolder(String name) {
        try (SessionGuard.Entry e = enter()) {
            folderCache = null;
            ImapFolders.create(connection, name);
        }
    }

    @Override
    public void renameFolder(String from, String to) {
        try (SessionGuard.Entry e = enter()) {
            folderCache = null;
            ImapFolders.rename(connection, from, to);
        }
    }

    @Override
    public void deleteFolder(String name) {
        try (SessionGuard.Entry e = enter()) {
            folderCache = null;
            ImapFolders.delete(connection, name);
        }
    }

    @Override
    public void setSubscribed(String name, boolean subscribed) {
        try (SessionGuard.Entry e = enter()) {
            folderCache = null;
            ImapFolders.subscribe(connection, name, subscribed);
        }
    }

    @Override
    public List<Quota> quota(String folder) {
        try (SessionGuard.Entry e = enter()) {
            ImapFolders.checkName(folder);
            return ImapQuota.quota(connection, folder);
        }
    }

    @Override
    public Watch watch(String folder, Consumer<MailboxEvent> listener) {
        ImapFolders.checkName(folder);
        java.util.Objects.requireNonNull(listener, "listener");
        try (SessionGuard.Entry e = enter()) {
            return ImapWatch.start(connection.endpoint(), credentials, client, connection.options(), folder,
                    listener);
        }
    }

    @Override
    public void noop() {
        try (SessionGuard.Entry e = enter()) {
            connection.command("NOOP", "NOOP", null);
        }
    }

    @Override
    public <T> Optional<T> extension(Class<T> type) {
        return Optional.empty();
    }

    @Override
    public boolean isOpen() {
        return !closed && connection.isOpen();
    }

    /**
     * Logs out (RFC 3501 section 6.1.3). IMAP deletions take effect when they are made, so nothing is pending.
     *
     * @return {@link LogoutResult.Outcome#NOTHING_PENDING}
     */
    @Override
    public LogoutResult logout() {
        try (SessionGuard.Entry e = guard.enter()) {
            if (closed) {
                throw new IllegalStateException("this IMAP session is already closed");
            }
            closed = true;
            connection.logout();
            client.listener().closed(connection.endpoint());
            return new LogoutResult(LogoutResult.Outcome.NOTHING_PENDING, Set.of());
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        try (SessionGuard.Entry e = guard.enter()) {
            closed = true;
            connection.logout();
        } catch (RuntimeException e) {
            // Another thread is inside: close the socket under it rather than wait.
            closed = true;
            connection.abort();
        }
        try {
            client.listener().closed(connection.endpoint());
        } catch (RuntimeException e) {
            // close() never throws.
        }
    }

    @Override
    public String toString() {
        return "ImapSession[" + connection.endpoint().host() + ":" + connection.endpoint().port() + ", user="
                + credentials.user() + (isOpen() ? "" : ", closed") + "]";
    }
}
