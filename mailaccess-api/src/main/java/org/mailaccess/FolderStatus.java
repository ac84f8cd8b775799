package org.mailaccess;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Counters of one folder (POP3 STAT, RFC 1939 section 5; IMAP STATUS, RFC 3501 section 6.3.10, RFC 7162). An empty
 * value means the protocol or server does not report it.
 *
 * @param folder        the folder name
 * @param messages      the number of messages
 * @param unseen        the number of messages without {@code \Seen} (IMAP)
 * @param totalSize     the size of all messages in octets (POP3 STAT, IMAP STATUS SIZE of RFC 8438)
 * @param uidValidity   the UIDVALIDITY (IMAP)
 * @param uidNext       the next UID to be assigned (IMAP)
 * @param highestModSeq the HIGHESTMODSEQ (IMAP CONDSTORE, RFC 7162)
 */
public record FolderStatus(String folder, int messages, OptionalInt unseen, OptionalLong totalSize,
        OptionalLong uidValidity, OptionalLong uidNext, OptionalLong highestModSeq) {

    /**
     * Validates the components.
     *
     * @param folder        the full folder name; {@code "INBOX"} for POP3
     * @param messages      the number of messages in the folder (POP3 STAT, IMAP STATUS MESSAGES), at least 0
     * @param unseen        the number of messages without the {@code \Seen} flag (IMAP STATUS UNSEEN); empty for POP3
     * @param totalSize     the total size of all messages in octets (POP3 STAT, IMAP STATUS SIZE of RFC 8438); empty
     *                      when the server does not report it
     * @param uidValidity   the folder's UIDVALIDITY (IMAP, RFC 3501 section 2.3.1.1); empty for POP3
     * @param uidNext       the predicted UID of the next message to arrive (IMAP UIDNEXT): every message added later
     *                      gets a UID at or above it; empty for POP3
     * @param highestModSeq the highest modification sequence in the folder (IMAP CONDSTORE, RFC 7162); empty for POP3
     *                      and when the server lacks CONDSTORE
     * @throws NullPointerException     when a component is null
     * @throws IllegalArgumentException when {@code messages} is negative
     */
    public FolderStatus {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(unseen, "unseen");
        Objects.requireNonNull(totalSize, "totalSize");
        Objects.requireNonNull(uidValidity, "uidValidity");
        Objects.requireNonNull(uidNext, "uidNext");
        Objects.requireNonNull(highestModSeq, "highestModSeq");
        if (messages < 0) {
            throw new IllegalArgumentException("messages must not be negative");
        }
    }
}
