package org.mailaccess;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One authenticated connection to a mailbox, POP3 or IMAP, opened by {@link MailboxClient#open}.
 *
 * <p>A session is used by one thread at a time: a call that enters while another thread is inside the session fails
 * with {@link IllegalStateException} instead of corrupting the stream. After a {@link ConnectionException} or
 * {@link ProtocolViolationException} the session is closed; after a {@link CommandFailedException} or
 * {@link UnsupportedCapabilityException} it can still be used.
 *
 * <p>What a session can do depends on the protocol and on the server; {@link #capabilities()} says which. An
 * operation whose capability is missing throws {@link UnsupportedCapabilityException} before anything is sent.
 */
public interface MailboxSession extends AutoCloseable {

    /**
     * The protocol of this session.
     *
     * @return POP3 or IMAP
     */
    Protocol protocol();

    /**
     * Where this session is connected.
     *
     * @return the endpoint
     */
    ServerEndpoint endpoint();

    /**
     * What this session can do, as learned after TLS and after login (never from before TLS).
     *
     * @return the capabilities
     */
    Capabilities capabilities();

    /**
     * The inbox; the only folder of a POP3 mailbox.
     *
     * @return the inbox handle
     */
    Folder inbox();

    /**
     * A folder by name. The handle is stateless; nothing is sent until it is used.
     *
     * @param name the full folder name, a plain Java string
     * @return the handle
     * @throws UnsupportedCapabilityException for any folder other than INBOX when {@link Capability#FOLDERS} is missing
     */
    Folder folder(String name);

    /**
     * The folder tree (RFC 3501 LIST). A POP3 session answers with the INBOX alone, without sending anything.
     *
     * @return every folder
     */
    List<FolderInfo> folders();

    /**
     * The quota of the quota root of a folder (RFC 9208 GETQUOTAROOT).
     *
     * @param folder the folder name
     * @return the quotas of its roots, possibly empty
     * @throws UnsupportedCapabilityException when {@link Capability#QUOTA} is missing
     */
    List<Quota> quota(String folder);

    /**
     * The subscribed folders (RFC 3501 LSUB, or LIST with SUBSCRIBED).
     *
     * @return the subscribed folders
     * @throws UnsupportedCapabilityException when {@link Capability#FOLDERS} is missing
     */
    default List<FolderInfo> subscribedFolders() {
        throw new UnsupportedCapabilityException(Capability.FOLDERS);
    }

    /**
     * The folder with a role: from SPECIAL-USE attributes (RFC 6154) or, when the server has none, from well-known
     * names such as "Sent" or "Trash".
     *
     * @param role the role
     * @return the folder, if the server has one
     */
    default Optional<FolderInfo> folderWithRole(FolderRole role) {
        return folders().stream().filter(f -> f.role().filter(role::equals).isPresent()).findFirst();
    }

    /**
     * Creates a folder (RFC 3501 CREATE).
     *
     * @param name the full name
     * @throws UnsupportedCapabilityException when {@link Capability#FOLDERS} is missing
     */
    default void createFolder(String name) {
        throw new UnsupportedCapabilityException(Capability.FOLDERS);
    }

    /**
     * Renames a folder (RFC 3501 RENAME).
     *
     * @param from the current full name
     * @param to   the new full name
     * @throws UnsupportedCapabilityException when {@link Capability#FOLDERS} is missing
     */
    default void renameFolder(String from, String to) {
        throw new UnsupportedCapabilityException(Capability.FOLDERS);
    }

    /**
     * Deletes a folder and the messages in it (RFC 3501 DELETE).
     *
     * @param name the full name
     * @throws UnsupportedCapabilityException when {@link Capability#FOLDERS} is missing
     */
    default void deleteFolder(String name) {
        throw new UnsupportedCapabilityException(Capability.FOLDERS);
    }

    /**
     * Subscribes or unsubscribes a folder (RFC 3501 SUBSCRIBE, UNSUBSCRIBE).
     *
     * @param name       the full name
     * @param subscribed the new state
     * @throws UnsupportedCapabilityException when {@link Capability#FOLDERS} is missing
     */
    default void setSubscribed(String name, boolean subscribed) {
        throw new UnsupportedCapabilityException(Capability.FOLDERS);
    }

    /**
     * Watches a folder on a connection of its own: IDLE when the server offers it (RFC 2177), re-issued before
     * servers drop it; NOOP polling otherwise. After a dropped connection it reconnects and reports what arrived
     * meanwhile. Events arrive on the watch's thread.
     *
     * @param folder   the folder name
     * @param listener receives the events; must not block for long
     * @return the running watch; close it to stop
     * @throws UnsupportedCapabilityException (PUSH) for POP3
     */
    default Watch watch(String folder, Consumer<MailboxEvent> listener) {
        throw new UnsupportedCapabilityException(Capability.PUSH);
    }

    /**
     * Keeps the connection alive and picks up pending server notifications (POP3/IMAP NOOP).
     */
    void noop();

    /**
     * A protocol-specific extension of this session, such as {@code Pop3Access}.
     *
     * @param type the extension interface
     * @param <T>  the extension type
     * @return the extension, when this session has it
     */
    <T> Optional<T> extension(Class<T> type);

    /**
     * Whether the connection is still open.
     *
     * @return false after logout, close or a fatal error
     */
    boolean isOpen();

    /**
     * Ends the session cleanly (POP3 QUIT, IMAP LOGOUT) and says what became of pending deletions.
     *
     * @return the outcome; POP3 deletions take effect only here (RFC 1939 section 6)
     * @throws IllegalStateException when the session is already closed
     */
    LogoutResult logout();

    /**
     * Logs out if still open, ignoring errors, and releases the connection. Never throws; use {@link #logout()} to
     * learn whether POP3 deletions were committed.
     *
     * <p>This is the one method another thread may call while the session is busy: it then drops the connection
     * without QUIT or LOGOUT (so pending POP3 deletions are discarded, RFC 1939 section 6), and the busy call fails
     * promptly with {@link ConnectionException}. Use it to cancel.
     */
    @Override
    void close();
}
