package org.mailaccess;

import java.util.Objects;

/**
 * The stable address of a message: never a sequence number, which shifts whenever another message is removed.
 *
 * <p>For POP3 the id is the server's unique-id listing (UIDL, RFC 1939 section 7) of a message in the only folder,
 * {@code INBOX}, and {@code uidValidity} is 0. For IMAP the id is the decimal UID, valid only together with the
 * folder's UIDVALIDITY (RFC 3501 section 2.3.1.1).
 *
 * @param folder      the folder name, {@code "INBOX"} for POP3
 * @param uidValidity the IMAP UIDVALIDITY of the folder, 0 for POP3
 * @param id          the POP3 UIDL or the IMAP UID in decimal
 */
public record MessageKey(String folder, long uidValidity, String id) {

    /** Name of the only POP3 folder, and of the IMAP inbox (RFC 3501 section 5.1). */
    public static final String INBOX = "INBOX";

    /**
     * Validates the components.
     *
     * @param folder      the full name of the folder holding the message; {@link #INBOX} for POP3
     * @param uidValidity the folder's IMAP UIDVALIDITY (RFC 3501 section 2.3.1.1) when the key was made, at least 0;
     *                    0 for POP3
     * @param id          the POP3 unique-id listing as the server sent it (UIDL, RFC 1939 section 7) or the IMAP UID
     *                    in decimal; not empty
     * @throws NullPointerException     when {@code folder} or {@code id} is null
     * @throws IllegalArgumentException when {@code id} is empty or {@code uidValidity} is negative
     */
    public MessageKey {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(id, "id");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("id must not be empty");
        }
        if (uidValidity < 0) {
            throw new IllegalArgumentException("uidValidity must not be negative");
        }
    }

    /**
     * The key of a POP3 message.
     *
     * @param uidl the server's unique id (RFC 1939 UIDL)
     * @return the key
     */
    public static MessageKey pop3(String uidl) {
        return new MessageKey(INBOX, 0, uidl);
    }

    /**
     * The key of an IMAP message.
     *
     * @param folder      the folder name
     * @param uidValidity the folder's UIDVALIDITY
     * @param uid         the message UID
     * @return the key
     */
    public static MessageKey imap(String folder, long uidValidity, long uid) {
        return new MessageKey(folder, uidValidity, Long.toString(uid));
    }

    /**
     * The IMAP UID as a number.
     *
     * @return the UID
     * @throws NumberFormatException for a POP3 key whose UIDL is not numeric
     */
    public long uid() {
        return Long.parseLong(id);
    }
}
