package org.mailaccess.testkit;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.mailaccess.testkit.internal.MimeNode;

/**
 * The mutable server-side state of one IMAP message. Guarded by the owning {@link ImapAccount}'s lock, except the
 * immutable bytes and the lazily parsed MIME tree. Sessions hold references to it in their views, so a message
 * expunged by another connection can still be fetched until its EXPUNGE has been reported (RFC 3501 section 7.4.1).
 */
final class MessageState {

    /** The system flags that may be stored, in their canonical spelling (RFC 3501 section 2.3.2). */
    static final Set<String> SYSTEM_FLAGS = Set.of("\\Seen", "\\Answered", "\\Flagged", "\\Deleted", "\\Draft");

    final byte[] bytes;
    final Instant internalDate;
    final Set<String> flags = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    long uid;
    long modseq;
    boolean expunged;
    boolean recentClaimed;
    private volatile MimeNode mime;

    MessageState(long uid, byte[] bytes, Set<String> flags, Instant internalDate, long modseq) {
        this.uid = uid;
        this.bytes = bytes;
        this.internalDate = internalDate;
        this.modseq = modseq;
        flags.forEach(f -> this.flags.add(canonical(f)));
    }

    /** Parsed on first use: most tests never ask for BODYSTRUCTURE. */
    MimeNode mime() {
        MimeNode node = mime;
        if (node == null) {
            node = MimeNode.parse(bytes);
            mime = node;
        }
        return node;
    }

    ImapMessage snapshot() {
        return new ImapMessage(uid, bytes, flags, internalDate, modseq);
    }

    boolean hasFlag(String flag) {
        return flags.contains(flag);
    }

    /**
     * The canonical spelling of a system flag, or the keyword unchanged.
     *
     * @throws IllegalArgumentException for {@code \Recent}, unknown backslash flags and non-atoms
     */
    static String canonical(String flag) {
        if (flag.startsWith("\\")) {
            for (String system : SYSTEM_FLAGS) {
                if (system.equalsIgnoreCase(flag)) {
                    return system;
                }
            }
            throw new IllegalArgumentException("not a storable system flag: " + flag);
        }
        if (flag.isEmpty() || flag.chars().anyMatch(c -> c <= ' ' || c >= 0x7f || "(){%*\"\\]".indexOf(c) >= 0)) {
            throw new IllegalArgumentException("a keyword must be an atom");
        }
        return flag;
    }
}
