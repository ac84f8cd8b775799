package org.mailaccess;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mailaccess.search.SearchQuery;

/**
 * A stateless handle on one folder of a {@link MailboxSession}. Every call works through the session's connection;
 * a handle has no open or close.
 *
 * <p>Listings cost one round trip per batch, never one per message. Bodies are streamed, never held whole in memory.
 *
 * <p>The server-side operations below the basic ones have default implementations that throw
 * {@link UnsupportedCapabilityException} for the capability they need, before anything is sent: that is what a
 * protocol without the feature (POP3) answers. Implementations that have the feature override them.
 */
public interface Folder {

    /**
     * The full folder name.
     *
     * @return the name
     */
    String name();

    /**
     * The folder's counters (POP3 STAT, RFC 1939 section 5; IMAP STATUS, RFC 3501 section 6.3.10).
     *
     * @return the status
     */
    FolderStatus status();

    /**
     * Lists messages with the items the spec asks for. POP3 uses pipelined UIDL, LIST and {@code TOP n 0} when the
     * server offers PIPELINING (RFC 2449); IMAP one {@code UID FETCH} per batch (RFC 3501 section 6.4.8).
     *
     * @param range which messages
     * @param spec  which items
     * @return the summaries in the server's order
     * @throws UnsupportedCapabilityException when the spec asks for headers without {@link Capability#HEADERS_PREVIEW}
     *                                        or the range needs a feature the session lacks
     */
    List<MessageSummary> summaries(MessageRange range, FetchSpec spec);

    /**
     * Streams one whole message, byte-exact as the server stores it (POP3 RETR, IMAP {@code BODY.PEEK[]}). The one
     * exception is POP3 content with a bare LF followed by two dots, which RFC 1939 byte-stuffing makes ambiguous on
     * the wire (see the {@code org.mailaccess.pop3} package documentation). The stream reads from the connection:
     * close it before the next call on this session. Closing it before the end keeps the session usable (the rest is
     * skipped, or the connection is dropped when skipping is not possible); a failure while reading surfaces as
     * {@link ConnectionException}.
     *
     * @param key the message
     * @return the RFC 5322 bytes
     * @throws CommandFailedException when the server no longer has the message
     */
    InputStream openMessage(MessageKey key);

    /**
     * Copies one whole message to a sink, byte-exact, without holding it in memory.
     *
     * @param key  the message
     * @param sink where the bytes go; not closed
     * @return the number of bytes written
     * @throws CommandFailedException when the server no longer has the message
     * @throws java.io.UncheckedIOException when writing to the sink fails; check {@link MailboxSession#isOpen()},
     *                                      since the rest of the message may not have been read
     */
    long writeMessage(MessageKey key, OutputStream sink);

    /**
     * Deletes messages. POP3 marks them with DELE; they are removed only when {@link MailboxSession#logout()} commits
     * them (RFC 1939 section 6). IMAP semantics are described by the IMAP module.
     *
     * @param keys the messages
     * @throws CommandFailedException when the server refused a deletion; the others were still requested
     */
    void delete(Collection<MessageKey> keys);

    /**
     * Deletes messages the given way (IMAP). Never sends a mailbox-wide EXPUNGE.
     *
     * @param keys the messages
     * @param mode move to Trash, or flag and expunge exactly these UIDs
     * @throws UnsupportedCapabilityException (FOLDERS) for POP3, whose only deletion is {@link #delete(Collection)}
     */
    default void delete(Collection<MessageKey> keys, DeleteMode mode) {
        throw new UnsupportedCapabilityException(Capability.FOLDERS);
    }

    /**
     * Searches on the server (IMAP {@code UID SEARCH}, RFC 3501 section 6.4.4). There is no client-side fallback.
     *
     * @param query the criteria
     * @return the matching messages, in ascending UID order
     * @throws UnsupportedCapabilityException when {@link Capability#SERVER_SEARCH} is missing
     */
    default List<MessageKey> search(SearchQuery query) {
        throw new UnsupportedCapabilityException(Capability.SERVER_SEARCH);
    }

    /**
     * Changes flags of many messages in one command (IMAP {@code UID STORE}, RFC 3501 section 6.4.6).
     *
     * @param keys      the messages
     * @param operation add, remove or replace
     * @param flags     the flags
     * @throws UnsupportedCapabilityException when {@link Capability#FLAGS} is missing
     */
    default void updateFlags(Collection<MessageKey> keys, FlagOperation operation, Flags flags) {
        throw new UnsupportedCapabilityException(Capability.FLAGS);
    }

    /**
     * Copies messages to another folder (IMAP {@code UID COPY}).
     *
     * @param keys   the messages
     * @param target the destination folder name
     * @return the new keys by old key, when the server reports them (COPYUID, RFC 4315); otherwise empty
     * @throws UnsupportedCapabilityException when {@link Capability#FOLDERS} is missing
     */
    default Map<MessageKey, MessageKey> copyTo(Collection<MessageKey> keys, String target) {
        throw new UnsupportedCapabilityException(Capability.FOLDERS);
    }

    /**
     * Moves messages to another folder: {@code UID MOVE} (RFC 6851) when offered; otherwise {@code UID COPY}, then
     * {@code UID STORE +FLAGS (\Deleted)} and {@code UID EXPUNGE} of exactly those UIDs (RFC 4315). Nothing is
     * touched in the source if the copy failed.
     *
     * @param keys   the messages
     * @param target the destination folder name
     * @return the new keys by old key, when the server reports them; otherwise empty
     * @throws UnsupportedCapabilityException (MOVE) when the server has neither MOVE nor UIDPLUS
     */
    default Map<MessageKey, MessageKey> moveTo(Collection<MessageKey> keys, String target) {
        throw new UnsupportedCapabilityException(Capability.MOVE);
    }

    /**
     * Permanently removes exactly these messages ({@code UID EXPUNGE}, RFC 4315) after flagging them {@code \Deleted}.
     *
     * @param keys the messages
     * @throws UnsupportedCapabilityException when {@link Capability#UIDPLUS} is missing
     */
    default void expunge(Collection<MessageKey> keys) {
        throw new UnsupportedCapabilityException(Capability.UIDPLUS);
    }

    /**
     * Permanently removes every message flagged {@code \Deleted} in this folder, including messages other clients
     * flagged (IMAP EXPUNGE, RFC 3501 section 6.4.3). Only when the caller really means the whole folder.
     *
     * @throws UnsupportedCapabilityException when {@link Capability#FLAGS} is missing
     */
    default void expungeAll() {
        throw new UnsupportedCapabilityException(Capability.FLAGS);
    }

    /**
     * Stores a message in this folder, for example a sent message in Sent (IMAP APPEND, RFC 3501 section 6.3.11).
     *
     * @param rfc822       the message bytes; read to the end, not closed
     * @param flags        the initial flags
     * @param internalDate the internal date, or null for "now"
     * @return the new key when the server reports it (APPENDUID, RFC 4315)
     * @throws UnsupportedCapabilityException when {@link Capability#APPEND} is missing
     * @throws java.io.UncheckedIOException   when reading the message from {@code rfc822} fails
     */
    default Optional<MessageKey> append(InputStream rfc822, Flags flags, Instant internalDate) {
        throw new UnsupportedCapabilityException(Capability.APPEND);
    }

    /**
     * The leaf parts of a message (IMAP BODYSTRUCTURE), to choose an attachment.
     *
     * @param key the message
     * @return the parts in order
     * @throws UnsupportedCapabilityException when {@link Capability#PARTIAL_FETCH} is missing
     */
    default List<MessagePart> parts(MessageKey key) {
        throw new UnsupportedCapabilityException(Capability.PARTIAL_FETCH);
    }

    /**
     * Streams one MIME part, transfer-decoded, without downloading the rest of the message (IMAP
     * {@code BODY.PEEK[section]}). Close the stream before the next call on this session.
     *
     * @param key    the message
     * @param partId the section, from {@link MessagePart#partId()}
     * @return the decoded content
     * @throws UnsupportedCapabilityException when {@link Capability#PARTIAL_FETCH} is missing
     */
    default InputStream openPart(MessageKey key, String partId) {
        throw new UnsupportedCapabilityException(Capability.PARTIAL_FETCH);
    }

    /**
     * What this client knows of the folder now, to save and later pass to {@link #changesSince}.
     *
     * @return the snapshot
     * @throws UnsupportedCapabilityException when {@link Capability#FLAGS} is missing
     */
    default FolderSnapshot snapshot() {
        throw new UnsupportedCapabilityException(Capability.FLAGS);
    }

    /**
     * What other clients changed since a snapshot: with CONDSTORE/QRESYNC (RFC 7162) when offered, otherwise by
     * comparing UIDs and flags. A changed UIDVALIDITY is reported as such.
     *
     * @param since the saved snapshot of this folder
     * @return the changes and the snapshot to save next
     * @throws UnsupportedCapabilityException when {@link Capability#FLAGS} is missing
     */
    default FolderChanges changesSince(FolderSnapshot since) {
        throw new UnsupportedCapabilityException(Capability.FLAGS);
    }
}
