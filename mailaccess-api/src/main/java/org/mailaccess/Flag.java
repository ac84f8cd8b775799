package org.mailaccess;

/**
 * The system flags of RFC 3501 section 2.3.2, shared by every client of an IMAP mailbox.
 */
public enum Flag {
    /** {@code \Seen}: the message has been read. */
    SEEN("\\Seen"),
    /** {@code \Answered}: the message has been answered. */
    ANSWERED("\\Answered"),
    /** {@code \Flagged}: the message is flagged for urgent or special attention. */
    FLAGGED("\\Flagged"),
    /** {@code \Deleted}: the message is marked for removal by a later expunge. */
    DELETED("\\Deleted"),
    /** {@code \Draft}: the message is a draft. */
    DRAFT("\\Draft");

    private final String imapName;

    Flag(String imapName) {
        this.imapName = imapName;
    }

    /**
     * The flag as written in IMAP.
     *
     * @return for example {@code \Seen}
     */
    public String imapName() {
        return imapName;
    }
}
