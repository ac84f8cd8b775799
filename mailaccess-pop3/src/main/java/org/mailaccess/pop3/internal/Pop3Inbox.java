package org.mailaccess.pop3.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.mailaccess.CommandFailedException;
import org.mailaccess.FetchSpec;
import org.mailaccess.Folder;
import org.mailaccess.FolderStatus;
import org.mailaccess.MessageKey;
import org.mailaccess.MessageRange;
import org.mailaccess.MessageSummary;

/**
 * The only folder of a POP3 maildrop. Every call goes through {@link Pop3Session#call}, which confines it to one
 * thread and closes the session on I/O failure.
 */
final class Pop3Inbox implements Folder {

    private final Pop3Session session;
    private final Pop3Wire wire;
    private final Listing listing;
    private final Features features;

    Pop3Inbox(Pop3Session session, Pop3Wire wire, Listing listing, Features features) {
        this.session = session;
        this.wire = wire;
        this.listing = listing;
        this.features = features;
    }

    @Override
    public String name() {
        return MessageKey.INBOX;
    }

    /** STAT (RFC 1939 section 5): messages not marked for deletion and their size; POP3 has no unseen or UIDs. */
    @Override
    public FolderStatus status() {
        return session.call("STAT", () -> {
            long[] stat = Pop3Session.parseStat(wire.command("STAT").expectOk("STAT"));
            return new FolderStatus(MessageKey.INBOX, (int) stat[0], OptionalInt.empty(), OptionalLong.of(stat[1]),
                    OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());
        });
    }

    /**
     * Keys from UIDL, sizes from LIST and, when asked for, headers from {@code TOP n 0} (RFC 1939 section 7), pipelined
     * when the server advertises PIPELINING (RFC 2449). Flags and internal dates do not exist in POP3 and are left
     * empty. {@link MessageRange#uids(long, long)} is refused with {@link IllegalArgumentException}.
     */
    @Override
    public List<MessageSummary> summaries(MessageRange range, FetchSpec spec) {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(spec, "spec");
        return session.call("LIST", () -> listing.summaries(range, spec));
    }

    /**
     * RETR (RFC 1939 section 5), streamed byte-exact wherever the wire is unambiguous; the one exception (bare LF
     * followed by dots, from a server that stuffs after CRLF only) is described in {@link DotStuffedInputStream}.
     */
    @Override
    public InputStream openMessage(MessageKey key) {
        return session.call("RETR", () -> {
            MessageStream stream = new MessageStream(session, retr(key));
            session.streamOpened(stream);
            return stream;
        });
    }

    /**
     * RETR copied to the sink. When the sink fails, the rest of the message is still read (POP3 cannot cancel a RETR)
     * so that the session stays usable, and the sink's failure is rethrown, wrapped in an
     * {@link UncheckedIOException} when it was an {@link IOException}.
     */
    @Override
    public long writeMessage(MessageKey key, OutputStream sink) {
        Objects.requireNonNull(sink, "sink");
        return session.call("RETR", () -> {
            DotStuffedInputStream body = retr(key);
            byte[] chunk = new byte[16 * 1024];
            long written = 0;
            Exception sinkFailure = null;
            int n;
            while ((n = body.read(chunk, 0, chunk.length)) >= 0) {
                if (sinkFailure == null) {
                    try {
                        sink.write(chunk, 0, n);
                        written += n;
                    } catch (IOException | RuntimeException e) {
                        sinkFailure = e;
                    }
                }
            }
            if (sinkFailure instanceof IOException io) {
                throw new UncheckedIOException("The sink failed after " + written + " bytes; the rest of the message"
                        + " was read and dropped, and the session is still usable", io);
            }
            if (sinkFailure != null) {
                throw (RuntimeException) sinkFailure;
            }
            return written;
        });
    }

    /**
     * DELE (RFC 1939 section 5), pipelined when allowed. Messages are only marked: the server removes them when
     * {@link org.mailaccess.MailboxSession#logout()} sends QUIT. Keys the maildrop does not hold, or already marked,
     * are skipped, so deleting is idempotent. When the server refuses some, the others stay marked and a
     * {@link CommandFailedException} is thrown after every reply was read.
     */
    @Override
    public void delete(Collection<MessageKey> keys) {
        List<MessageKey> wanted = Keys.requirePop3(keys);
        if (wanted.isEmpty()) {
            return;
        }
        session.call("DELE", () -> {
            listing.requireKeys();
            MessageIndex index = listing.index();
            List<MessageIndex.Entry> targets = new ArrayList<>();
            for (MessageKey key : new LinkedHashSet<>(wanted)) {
                MessageIndex.Entry e = index.find(key);
                if (e != null && !e.deleted) {
                    targets.add(e);
                }
            }
            List<String> commands = new ArrayList<>(targets.size());
            targets.forEach(e -> commands.add("DELE " + e.number));
            wire.pipeline(commands, features.batchSize(), (i, reply) -> {
                reply.expectOk("DELE");
                targets.get(i).deleted = true;
            });
            return null;
        });
    }

    @Override
    public String toString() {
        return "Pop3Inbox[" + session + "]";
    }

    private DotStuffedInputStream retr(MessageKey key) throws IOException {
        Keys.requirePop3(key);
        listing.requireKeys();
        MessageIndex.Entry e = listing.index().find(key);
        if (e == null) {
            throw new CommandFailedException("RETR", "no message with unique id " + key.id() + " in this maildrop",
                    null);
        }
        if (e.deleted) {
            throw new CommandFailedException("RETR", "the message is marked for deletion in this session", null);
        }
        wire.command("RETR " + e.number).expectOk("RETR");
        return wire.body();
    }
}
