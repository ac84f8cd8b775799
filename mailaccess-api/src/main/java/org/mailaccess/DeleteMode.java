package org.mailaccess;

/**
 * How an IMAP deletion is carried out. Neither mode ever sends a mailbox-wide EXPUNGE, which would also remove
 * messages other clients flagged {@code \Deleted} (RFC 4549 section 4.2.4).
 */
public enum DeleteMode {
    /** Move the messages to the folder with the {@code \Trash} role (RFC 6154); fails if there is none. */
    MOVE_TO_TRASH,
    /** Flag the messages {@code \Deleted} and expunge exactly those UIDs ({@code UID EXPUNGE}, RFC 4315). */
    EXPUNGE,
    /** Move to the trash folder when there is one, otherwise expunge exactly those UIDs. The default. */
    TRASH_IF_PRESENT
}
