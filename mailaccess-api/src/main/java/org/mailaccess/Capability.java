package org.mailaccess;

/**
 * A neutral feature a session may or may not offer, derived from the protocol and from what <em>this server</em>
 * advertised (POP3 CAPA, RFC 2449; IMAP CAPABILITY, RFC 3501/9051).
 *
 * <p>An operation that needs a feature the session lacks throws {@link UnsupportedCapabilityException} before
 * anything is sent; nothing is emulated on the client behind the caller's back.
 */
public enum Capability {
    /** More than one folder (IMAP LIST). POP3 only has the INBOX. */
    FOLDERS,
    /** Flags stored on the server and shared by every client (IMAP \Seen, \Flagged, keywords). */
    FLAGS,
    /** Storage and message-count limits of the account (IMAP QUOTA, RFC 9208). */
    QUOTA,
    /** Searching on the server (IMAP SEARCH) without downloading the messages. */
    SERVER_SEARCH,
    /** Being told about new mail without polling (IMAP IDLE, RFC 2177). */
    PUSH,
    /** Atomic move between folders (IMAP MOVE, RFC 6851). */
    MOVE,
    /** Storing a message on the server, for example a sent message into the Sent folder (IMAP APPEND). */
    APPEND,
    /** Fetching the header of a message without its body (POP3 TOP, IMAP BODY.PEEK[HEADER]). */
    HEADERS_PREVIEW,
    /** Message ids that stay the same across sessions (POP3 UIDL, IMAP UID with UIDVALIDITY). */
    PERSISTENT_IDS,
    /** Several commands sent before their replies are read (POP3 PIPELINING, RFC 2449; always possible in IMAP). */
    PIPELINING,
    /** Fetching one MIME part or a byte range of a message (IMAP BODY[section]&lt;partial&gt;). */
    PARTIAL_FETCH,
    /** Folder roles such as Sent, Trash, Drafts announced by the server (IMAP SPECIAL-USE, RFC 6154). */
    SPECIAL_USE,
    /** Efficient "what changed since" with mod-sequences (IMAP CONDSTORE/QRESYNC, RFC 7162). */
    CHANGE_TRACKING,
    /** The server returns the id of a copied, moved or appended message (IMAP UIDPLUS, RFC 4315). */
    UIDPLUS
}
