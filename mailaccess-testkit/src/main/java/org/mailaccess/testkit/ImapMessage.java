package org.mailaccess.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * A snapshot of one message in an {@link ImapFolder}, for assertions. Immutable: the bytes are copied out.
 *
 * @param uid          the UID (RFC 3501 section 2.3.1.1), unique within the folder's UIDVALIDITY
 * @param bytes        the RFC 5322 message exactly as delivered or appended
 * @param flags        system flags ({@code \Seen}, {@code \Answered}, {@code \Flagged}, {@code \Deleted},
 *                     {@code \Draft}) and keywords, as stored; {@code \Recent} is per session and not included
 * @param internalDate the INTERNALDATE (RFC 3501 section 2.3.3)
 * @param modseq       the mod-sequence of the last change (RFC 7162)
 */
public record ImapMessage(long uid, byte[] bytes, Set<String> flags, Instant internalDate, long modseq) {

    /**
     * Copies the components.
     *
     * @param uid          the UID
     * @param bytes        the message bytes, copied
     * @param flags        the flags, copied
     * @param internalDate the internal date
     * @param modseq       the mod-sequence
     */
    public ImapMessage {
        bytes = bytes.clone();
        flags = Set.copyOf(flags);
        Objects.requireNonNull(internalDate, "internalDate");
    }

    /**
     * The message bytes.
     *
     * @return a copy
     */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * The message decoded as UTF-8, for assertions.
     *
     * @return the text
     */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * The size in octets, as RFC822.SIZE reports it.
     *
     * @return the number of bytes
     */
    public int size() {
        return bytes.length;
    }

    /**
     * Whether a flag is set, ignoring case (flags and keywords are case-insensitive, RFC 3501 section 2.3.2).
     *
     * @param flag e.g. {@code "\\Seen"} or {@code "$Junk"}
     * @return true if set
     */
    public boolean hasFlag(String flag) {
        return flags.stream().anyMatch(f -> f.equalsIgnoreCase(flag));
    }

    /**
     * Equal when every component is, bytes by content.
     *
     * @param other the other object
     * @return whether both describe the same message state
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof ImapMessage that && uid == that.uid && modseq == that.modseq
                && Arrays.equals(bytes, that.bytes) && flags.equals(that.flags)
                && internalDate.equals(that.internalDate);
    }

    /**
     * Consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(uid, modseq, Arrays.hashCode(bytes), flags, internalDate);
    }

    /**
     * A short description without the content.
     *
     * @return UID, size, flags and modseq
     */
    @Override
    public String toString() {
        return "ImapMessage[uid=" + uid + ", size=" + bytes.length + ", flags=" + flags + ", modseq=" + modseq + "]";
    }
}
