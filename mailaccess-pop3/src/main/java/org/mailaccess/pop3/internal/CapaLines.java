package org.mailaccess.pop3.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * The answer to CAPA (RFC 2449 section 5): one capability per line, a keyword and optional arguments. Held as sent;
 * keywords compare case-insensitively.
 *
 * @param lines the capability lines, empty when the server has no CAPA
 * @param known whether the server answered CAPA at all; when it did not, UIDL and TOP must be probed
 */
record CapaLines(List<String> lines, boolean known) {

    static final CapaLines NONE = new CapaLines(List.of(), false);

    CapaLines {
        lines = List.copyOf(lines);
    }

    static CapaLines of(List<String> lines) {
        return new CapaLines(lines, true);
    }

    boolean has(String keyword) {
        return argument(keyword).isPresent();
    }

    /** The arguments of a capability line, empty string when it has none, empty optional when it is absent. */
    Optional<String> argument(String keyword) {
        for (String line : lines) {
            String trimmed = line.trim();
            int space = trimmed.indexOf(' ');
            String word = space < 0 ? trimmed : trimmed.substring(0, space);
            if (word.equalsIgnoreCase(keyword)) {
                return Optional.of(space < 0 ? "" : trimmed.substring(space + 1).trim());
            }
        }
        return Optional.empty();
    }

    /** The SASL mechanisms of the {@code SASL} line (RFC 2449 section 6.3), upper-cased. */
    Set<String> saslMechanisms() {
        Set<String> mechanisms = new TreeSet<>();
        argument("SASL").ifPresent(args -> {
            for (String m : args.split("\\s+")) {
                if (!m.isEmpty()) {
                    mechanisms.add(m.toUpperCase(Locale.ROOT));
                }
            }
        });
        return mechanisms;
    }

    /** EXPIRE (RFC 2449 section 6.7) without the {@code USER} marker that only appears before login. */
    Optional<String> expire() {
        return argument("EXPIRE").map(CapaLines::firstWord).filter(s -> !s.isEmpty());
    }

    /** LOGIN-DELAY in seconds (RFC 2449 section 6.8); absent when missing or not a number. */
    OptionalInt loginDelay() {
        Optional<String> value = argument("LOGIN-DELAY").map(CapaLines::firstWord);
        if (value.isPresent() && value.get().matches("[0-9]{1,9}")) {
            return OptionalInt.of(Integer.parseInt(value.get()));
        }
        return OptionalInt.empty();
    }

    private static String firstWord(String args) {
        int space = args.indexOf(' ');
        return space < 0 ? args : args.substring(0, space);
    }
}
