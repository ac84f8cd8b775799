package org.mailaccess.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A message held by a fake server's {@link Mailbox}. Immutable: the bytes are copied in and out.
 *
 * <p>The bytes are what POP3 RETR transmits (after dot-stuffing, RFC 1939 section 3) and what LIST and STAT count. They
 * should end with CRLF; if they do not, the server adds one before the terminating {@code .} line.
 *
 * @param uidl        the unique-id listing token (RFC 1939 UIDL), normally {@code uid-N}
 * @param bytes       the RFC 5322 message exactly as delivered
 * @param deliveredAt when the message was delivered to the mailbox
 */
public record StoredMessage(String uidl, byte[] bytes, Instant deliveredAt) {

    /**
     * Copies the bytes and checks the components.
     *
     * @param uidl        the unique-id token
     * @param bytes       the message bytes, copied
     * @param deliveredAt the delivery time
     */
    public StoredMessage {
        Objects.requireNonNull(uidl, "uidl");
        Objects.requireNonNull(deliveredAt, "deliveredAt");
        bytes = bytes.clone();
    }

    /**
     * The message bytes.
     *
     * @return a copy of the bytes
     */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * The size in octets, as LIST and STAT report it.
     *
     * @return the number of stored bytes
     */
    public int size() {
        return bytes.length;
    }

    /**
     * The message decoded as UTF-8, for assertions.
     *
     * @return the text
     */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The bytes without a defensive copy, for serving large messages. */
    byte[] rawBytes() {
        return bytes;
    }

    /**
     * Equal when the UIDL, delivery time and bytes are equal.
     *
     * @param other the other object
     * @return whether both describe the same message
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof StoredMessage that && uidl.equals(that.uidl)
                && deliveredAt.equals(that.deliveredAt) && Arrays.equals(bytes, that.bytes);
    }

    /**
     * Consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(uidl, deliveredAt, Arrays.hashCode(bytes));
    }

    /**
     * A short description without the content.
     *
     * @return the UIDL, size and delivery time
     */
    @Override
    public String toString() {
        return "StoredMessage[uidl=" + uidl + ", size=" + bytes.length + ", deliveredAt=" + deliveredAt + "]";
    }
}
