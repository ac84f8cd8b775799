package org.mailaccess.imap.internal;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.mailaccess.Flag;
import org.mailaccess.Flags;

/** Converts between our {@link Flags} and Jakarta Mail's, and writes IMAP flag lists (RFC 3501 section 2.3.2). */
final class FlagCodec {

    private FlagCodec() {
    }

    /**
     * Our flags from Angus's parsed FLAGS item. {@code \Recent} is session-specific and dropped; keywords that are
     * not valid atoms (a hostile server's) are dropped too rather than failing the listing.
     *
     * @param f the parsed flags
     * @return our flags
     */
    static Flags fromJakarta(jakarta.mail.Flags f) {
        if (f == null) {
            return Flags.NONE;
        }
        Set<Flag> system = EnumSet.noneOf(Flag.class);
        if (f.contains(jakarta.mail.Flags.Flag.SEEN)) {
            system.add(Flag.SEEN);
        }
        if (f.contains(jakarta.mail.Flags.Flag.ANSWERED)) {
            system.add(Flag.ANSWERED);
        }
        if (f.contains(jakarta.mail.Flags.Flag.FLAGGED)) {
            system.add(Flag.FLAGGED);
        }
        if (f.contains(jakarta.mail.Flags.Flag.DELETED)) {
            system.add(Flag.DELETED);
        }
        if (f.contains(jakarta.mail.Flags.Flag.DRAFT)) {
            system.add(Flag.DRAFT);
        }
        Set<String> keywords = new LinkedHashSet<>();
        for (String k : f.getUserFlags()) {
            if (isAtom(k)) {
                keywords.add(k);
            }
        }
        return new Flags(system, keywords);
    }

    /**
     * Jakarta Mail flags, for Angus's APPEND.
     *
     * @param flags our flags
     * @return the Jakarta flags
     */
    static jakarta.mail.Flags toJakarta(Flags flags) {
        jakarta.mail.Flags f = new jakarta.mail.Flags();
        for (Flag flag : flags.system()) {
            f.add(switch (flag) {
                case SEEN -> jakarta.mail.Flags.Flag.SEEN;
                case ANSWERED -> jakarta.mail.Flags.Flag.ANSWERED;
                case FLAGGED -> jakarta.mail.Flags.Flag.FLAGGED;
                case DELETED -> jakarta.mail.Flags.Flag.DELETED;
                case DRAFT -> jakarta.mail.Flags.Flag.DRAFT;
            });
        }
        for (String k : flags.keywords()) {
            f.add(k);
        }
        return f;
    }

    /**
     * An IMAP flag list such as {@code (\Seen $Forwarded)}; keywords are atoms, checked by {@link Flags}.
     *
     * @param flags the flags
     * @return the list
     */
    static String list(Flags flags) {
        StringBuilder b = new StringBuilder("(");
        for (Flag f : flags.system()) {
            if (b.length() > 1) {
                b.append(' ');
            }
            b.append(f.imapName());
        }
        for (String k : flags.keywords()) {
            if (!isAtom(k)) {
                throw new IllegalArgumentException("not a valid IMAP keyword");
            }
            if (b.length() > 1) {
                b.append(' ');
            }
            b.append(k);
        }
        return b.append(')').toString();
    }

    /**
     * Whether a string is an IMAP atom usable as a keyword (RFC 3501 section 9, {@code flag-keyword}).
     *
     * @param s the string
     * @return true when safe to send unquoted
     */
    static boolean isAtom(String s) {
        if (s == null || s.isEmpty() || s.length() > 255) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f || "(){%*\"\\]".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
