package org.mailaccess;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a listing returns about one message: its key, its size and, when the {@link FetchSpec} asked for them, its
 * flags, internal (arrival) date and parsed header.
 *
 * @param key          the stable key
 * @param size         the size in octets as the server reports it (POP3 LIST, IMAP RFC822.SIZE)
 * @param flags        the flags; {@link Flags#NONE} for POP3 or when not fetched
 * @param internalDate when the server received the message (IMAP INTERNALDATE); empty for POP3 or when not fetched
 * @param headers      the parsed header, when fetched
 */
public record MessageSummary(MessageKey key, long size, Flags flags, Optional<Instant> internalDate,
        Optional<MessageHeaders> headers) {

    /**
     * Validates the components.
     *
     * @param key          the stable key of the message
     * @param size         the size of the whole message in octets as the server reports it (POP3 LIST, RFC 1939
     *                     section 5; IMAP RFC822.SIZE), at least 0; for POP3 it may differ slightly from the bytes
     *                     actually retrieved
     * @param flags        the message's flags; {@link Flags#NONE} for POP3 or when the {@link FetchSpec} did not ask
     *                     for them
     * @param internalDate when the server received the message (IMAP INTERNALDATE, RFC 3501 section 2.3.3); empty for
     *                     POP3 or when not fetched
     * @param headers      the parsed header section; empty when not fetched
     * @throws NullPointerException     when a component is null
     * @throws IllegalArgumentException when {@code size} is negative
     */
    public MessageSummary {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(internalDate, "internalDate");
        Objects.requireNonNull(headers, "headers");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
    }
}
