package org.mailaccess.imap.internal;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.mailaccess.DeleteMode;
import org.mailaccess.FetchSpec;
import org.mailaccess.FlagOperation;
import org.mailaccess.Flags;
import org.mailaccess.Folder;
import org.mailaccess.FolderChanges;
import org.mailaccess.FolderRole;
import org.mailaccess.FolderSnapshot;
import org.mailaccess.FolderStatus;
import org.mailaccess.MessageKey;
import org.mailaccess.MessagePart;
import org.mailaccess.MessageRange;
import org.mailaccess.MessageSummary;
import org.mailaccess.internal.SessionGuard;
import org.mailaccess.search.SearchQuery;

/**
 * A stateless handle on one IMAP folder. Every call enters the session's guard, selects the folder if another one is
 * selected (RFC 3501 section 6.3.1) and works by UID (RFC 3501 section 6.4.8).
 */
@SuppressWarnings("try") // the guard entry is held for its scope, never read
final class RealImapFolder implements Folder {

    private final RealImapSession session;
    private final String name;

    RealImapFolder(RealImapSession session, String name) {
        this.session = session;
        this.name = name;
    }

    private ImapConnection c() {
        return session.connection();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public FolderStatus status() {
        try (SessionGuard.Entry e = session.enter()) {
            return ImapFolders.status(c(), name);
        }
    }

    @Override
    public List<MessageSummary> summaries(MessageRange range, FetchSpec spec) {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(spec, "spec");
        try (SessionGuard.Entry e = session.enter()) {
            return ImapFetch.summaries(c(), name, range, spec);
        }
    }

    @Override
    public InputStream openMessage(MessageKey key) {
        own(key);
        try (SessionGuard.Entry e = session.enter()) {
            return ImapBodies.openMessage(c(), session::enter, key);
        }
    }

    @Override
    public long writeMessage(MessageKey key, OutputStream sink) {
        own(key);
        Objects.requireNonNull(sink, "sink");
        try (SessionGuard.Entry e = session.enter()) {
            return ImapBodies.writeMessage(c(), session::enter, key, sink);
        }
    }

    /**
     * Deletes with the options' default mode ({@link DeleteMode#TRASH_IF_PRESENT} unless configured).
     *
     * @param keys the messages
     */
    @Override
    public void delete(Collection<MessageKey> keys) {
        delete(keys, c().options().defaultDeleteMode());
    }

    @Override
    public void delete(Collection<MessageKey> keys, DeleteMode mode) {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(mode, "mode");
        try (SessionGuard.Entry e = session.enter()) {
            ImapMove.delete(c(), name, keys, mode,
                    mode == DeleteMode.EXPUNGE ? Optional.empty() : session.roleFromCache(FolderRole.TRASH));
        }
    }

    @Override
    public List<MessageKey> search(SearchQuery query) {
        Objects.requireNonNull(query, "query");
        try (SessionGuard.Entry e = session.enter()) {
            return ImapSearch.search(c(), name, query);
        }
    }

    @Override
    public void updateFlags(Collection<MessageKey> keys, FlagOperation operation, Flags flags) {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(flags, "flags");
        try (SessionGuard.Entry e = session.enter()) {
            ImapFlagStore.update(c(), name, keys, operation, flags);
        }
    }

    @Override
    public Map<MessageKey, MessageKey> copyTo(Collection<MessageKey> keys, String target) {
        Objects.requireNonNull(keys, "keys");
        ImapFolders.checkName(target);
        try (SessionGuard.Entry e = session.enter()) {
            return ImapMove.copy(c(), name, keys, target);
        }
    }

    @Override
    public Map<MessageKey, MessageKey> moveTo(Collection<MessageKey> keys, String target) {
        Objects.requireNonNull(keys, "keys");
        ImapFolders.checkName(target);
        try (SessionGuard.Entry e = session.enter()) {
            return ImapMove.move(c(), name, keys, target);
        }
    }

    @Override
    public void expunge(Collection<MessageKey> keys) {
        Objects.requireNonNull(keys, "keys");
        try (SessionGuard.Entry e = session.enter()) {
            ImapMove.expunge(c(), name, keys);
        }
    }

    @Override
    public void expungeAll() {
        try (SessionGuard.Entry e = session.enter()) {
            ImapMove.expungeAll(c(), name);
        }
    }

    @Override
    public Optional<MessageKey> append(InputStream rfc822, Flags flags, Instant internalDate) {
        Objects.requireNonNull(rfc822, "rfc822");
        Objects.requireNonNull(flags, "flags");
        try (SessionGuard.Entry e = session.enter()) {
            return ImapAppend.append(c(), name, rfc822, flags, internalDate);
        }
    }

    @Override
    public List<MessagePart> parts(MessageKey key) {
        own(key);
        try (SessionGuard.Entry e = session.enter()) {
            return ImapBodies.parts(c(), key);
        }
    }

    @Override
    public InputStream openPart(MessageKey key, String partId) {
        own(key);
        Objects.requireNonNull(partId, "partId");
        try (SessionGuard.Entry e = session.enter()) {
            return ImapBodies.openPart(c(), session::enter, key, partId);
        }
    }

    @Override
    public FolderSnapshot snapshot() {
        try (SessionGuard.Entry e = session.enter()) {
            return ImapSync.snapshot(c(), name);
        }
    }

    @Override
    public FolderChanges changesSince(FolderSnapshot since) {
        Objects.requireNonNull(since, "since");
        try (SessionGuard.Entry e = session.enter()) {
            return ImapSync.changesSince(c(), name, since);
        }
    }

    private void own(MessageKey key) {
        Objects.requireNonNull(key, "key");
        if (!key.folder().equals(name)) {
            throw new IllegalArgumentException("key of folder '" + key.folder() + "' used with folder '" + name + "'");
        }
    }

    @Override
    public String toString() {
        return "ImapFolder[" + name + "]";
    }
}
