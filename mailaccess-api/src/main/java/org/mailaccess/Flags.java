package org.mailaccess;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The flags of a message: system flags and keywords (RFC 3501 section 2.3.2). POP3 has none.
 *
 * @param system   the system flags
 * @param keywords the keywords such as {@code $Forwarded} or {@code $Junk}, as the server spells them
 */
public record Flags(Set<Flag> system, Set<String> keywords) {

    /** No flags at all. */
    public static final Flags NONE = new Flags(Set.of(), Set.of());

    /**
     * Copies both sets and checks that keywords are IMAP atoms (no spaces, brackets or control characters).
     *
     * @param system   the system flags ({@code \Seen}, {@code \Answered}, ...; RFC 3501 section 2.3.2)
     * @param keywords the keywords such as {@code $Forwarded} or {@code $Junk}, as the server spells them: each a
     *                 non-empty IMAP atom of at most 255 printable US-ASCII characters
     * @throws NullPointerException     when either set is null
     * @throws IllegalArgumentException when a keyword is not a valid IMAP atom
     */
    public Flags {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(keywords, "keywords");
        system = system.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.noneOf(Flag.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(system));
        for (String k : keywords) {
            if (!isAtom(k)) {
                throw new IllegalArgumentException("not a valid IMAP keyword: " + printable(k));
            }
        }
        keywords = Collections.unmodifiableSet(new LinkedHashSet<>(keywords));
    }

    /**
     * Flags from system flags only.
     *
     * @param flags the system flags
     * @return the flags
     */
    public static Flags of(Flag... flags) {
        Set<Flag> set = EnumSet.noneOf(Flag.class);
        Collections.addAll(set, flags);
        return new Flags(set, Set.of());
    }

    /**
     * Keywords only.
     *
     * @param keywords the keywords
     * @return the flags
     */
    public static Flags keywords(String... keywords) {
        return new Flags(Set.of(), new LinkedHashSet<>(java.util.Arrays.asList(keywords)));
    }

    /**
     * Whether a system flag is set.
     *
     * @param flag the flag
     * @return true when set
     */
    public boolean has(Flag flag) {
        return system.contains(flag);
    }

    /**
     * Whether there are no flags at all.
     *
     * @return true when empty
     */
    public boolean isEmpty() {
        return system.isEmpty() && keywords.isEmpty();
    }

    private static boolean isAtom(String s) {
        if (s.isEmpty() || s.length() > 255) {
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

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(s.length(), 64); i++) {
            char c = s.charAt(i);
            b.append(c < ' ' || c == 0x7f ? '?' : c);
        }
        return b.toString();
    }
}
