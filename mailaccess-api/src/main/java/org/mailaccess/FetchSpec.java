package org.mailaccess;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which items a listing fetches for every message. The key and size are always fetched. A listing costs one command
 * per batch whatever the spec (IMAP {@code UID FETCH set (...)}, RFC 3501 section 6.4.5; pipelined POP3 {@code TOP},
 * RFC 2449).
 *
 * @param items the optional items
 */
public record FetchSpec(Set<Item> items) {

    /** An optional item of a listing. */
    public enum Item {
        /** The flags (IMAP only; POP3 has none and returns {@link Flags#NONE}). */
        FLAGS,
        /** The internal date (IMAP only). */
        INTERNAL_DATE,
        /** The parsed header (POP3 {@code TOP n 0}, IMAP {@code BODY.PEEK[HEADER]}). */
        HEADERS
    }

    /**
     * Copies the set into an immutable one.
     *
     * @param items the optional items to fetch on top of the key and size, which are always fetched; an empty set
     *              asks for keys and sizes only
     * @throws NullPointerException when {@code items} is null
     */
    public FetchSpec {
        Objects.requireNonNull(items, "items");
        items = items.isEmpty() ? Collections.unmodifiableSet(EnumSet.noneOf(Item.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(items));
    }

    /**
     * Keys and sizes only: the cheapest listing.
     *
     * @return the spec
     */
    public static FetchSpec keysAndSizes() {
        return new FetchSpec(Set.of());
    }

    /**
     * Everything a message list shows: flags, internal date and the parsed header, without any body. For POP3, which
     * has neither flags nor dates, this is the same as {@link #headersOnly()}.
     *
     * @return the spec
     */
    public static FetchSpec headers() {
        return new FetchSpec(EnumSet.allOf(Item.class));
    }

    /**
     * The parsed header alone, without flags or internal date: the cheapest preview (POP3 {@code TOP n 0}, RFC 1939
     * section 7; IMAP {@code BODY.PEEK[HEADER]}).
     *
     * @return the spec
     */
    public static FetchSpec headersOnly() {
        return new FetchSpec(EnumSet.of(Item.HEADERS));
    }

    /**
     * Flags and internal date without the header (for sync).
     *
     * @return the spec
     */
    public static FetchSpec flags() {
        return new FetchSpec(EnumSet.of(Item.FLAGS, Item.INTERNAL_DATE));
    }

    /**
     * Whether an item is requested.
     *
     * @param item the item
     * @return true when requested
     */
    public boolean has(Item item) {
        return items.contains(item);
    }
}
