package org.mailaccess;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Which messages of a folder a listing covers. Never expressed in sequence numbers.
 */
public sealed interface MessageRange permits MessageRange.All, MessageRange.Newest, MessageRange.Keys, MessageRange.UidRange {

    /**
     * Every message in the folder.
     *
     * @return the range
     */
    static MessageRange all() {
        return new All();
    }

    /**
     * The newest {@code n} messages (the last ones in the server's order).
     *
     * @param n how many, at least 1
     * @return the range
     */
    static MessageRange newest(int n) {
        return new Newest(n);
    }

    /**
     * Exactly these messages, in the collection's iteration order; keys the server no longer has are left out of the
     * result.
     *
     * @param keys the keys
     * @return the range
     */
    static MessageRange of(Collection<MessageKey> keys) {
        return new Keys(List.copyOf(keys));
    }

    /**
     * IMAP UIDs from {@code first} to {@code last} inclusive (RFC 3501 section 9, sequence-set); POP3 refuses it.
     *
     * @param first the lowest UID, at least 1
     * @param last  the highest UID, or {@link Long#MAX_VALUE} for "up to the newest" ({@code *})
     * @return the range
     */
    static MessageRange uids(long first, long last) {
        return new UidRange(first, last);
    }

    /** Every message. */
    record All() implements MessageRange {
    }

    /**
     * The newest messages.
     *
     * @param count how many
     */
    record Newest(int count) implements MessageRange {
        /**
         * Validates the count.
         *
         * @param count how many of the newest messages to cover, at least 1; a folder with fewer yields all of them
         * @throws IllegalArgumentException when {@code count} is less than 1
         */
        public Newest {
            if (count < 1) {
                throw new IllegalArgumentException("count must be at least 1");
            }
        }
    }

    /**
     * Explicit keys.
     *
     * @param keys the keys, copied
     */
    record Keys(List<MessageKey> keys) implements MessageRange {
        /**
         * Copies the list into an immutable one.
         *
         * @param keys the messages to cover; keys the server no longer has are left out of the result
         * @throws NullPointerException when the list or one of its keys is null
         */
        public Keys {
            keys = List.copyOf(Objects.requireNonNull(keys, "keys"));
        }
    }

    /**
     * A UID interval.
     *
     * @param first the lowest UID
     * @param last  the highest UID
     */
    record UidRange(long first, long last) implements MessageRange {
        /**
         * Validates the bounds.
         *
         * @param first the lowest IMAP UID covered, at least 1
         * @param last  the highest IMAP UID covered, at least {@code first}; {@link Long#MAX_VALUE} stands for
         *              {@code *}, the newest message (RFC 3501 section 9, sequence-set)
         * @throws IllegalArgumentException unless {@code 1 <= first <= last}
         */
        public UidRange {
            if (first < 1 || last < first) {
                throw new IllegalArgumentException("need 1 <= first <= last");
            }
        }
    }
}
