package org.mailaccess.pop3.download;

import java.time.Instant;
import java.util.Objects;
import org.mailaccess.MessageKey;

/**
 * A message held by a {@link MessageStore}, readable without a connection through {@link MessageStore#open}.
 *
 * @param id       the store's own id; for {@link MaildirStore} the Maildir base name (the file name without the
 *                 {@code :2,flags} part that readers add), which stays valid when a reader moves the file to
 *                 {@code cur/}
 * @param key      the POP3 key (UIDL) the message was downloaded under
 * @param size     the size in octets, exactly as stored
 * @param storedAt when the store committed it
 */
public record LocalMessage(String id, MessageKey key, long size, Instant storedAt) {

    /**
     * Checks the components.
     *
     * @param id       the store's own id; for {@link MaildirStore} the Maildir base name, without the
     *                 {@code :2,flags} part that readers add
     * @param key      the POP3 key (UIDL) the message was downloaded under
     * @param size     the size in octets, exactly as stored
     * @param storedAt when the store committed it
     * @throws NullPointerException     if {@code id}, {@code key} or {@code storedAt} is null
     * @throws IllegalArgumentException if {@code size} is negative
     */
    public LocalMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(storedAt, "storedAt");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
    }
}
