package org.mailaccess;

/**
 * The role of a folder, from the SPECIAL-USE attributes of RFC 6154 or, when the server has none, from well-known
 * names.
 */
public enum FolderRole {
    /** The inbox. */
    INBOX,
    /** {@code \Sent}: where sent messages are kept. */
    SENT,
    /** {@code \Trash}: where deleted messages go. */
    TRASH,
    /** {@code \Drafts}: drafts. */
    DRAFTS,
    /** {@code \Junk}: spam. */
    JUNK,
    /** {@code \Archive}: archived messages. */
    ARCHIVE,
    /** {@code \All}: a virtual folder with every message. */
    ALL,
    /** {@code \Flagged}: a virtual folder with flagged messages. */
    FLAGGED
}
