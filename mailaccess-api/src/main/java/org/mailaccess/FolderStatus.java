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

    /** Validates the components. */
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
