package org.mailaccess.testkit;

import java.util.Locale;
import java.util.Objects;

/** Argument checks shared by the {@link Fault} records. */
final class Faults {

    private Faults() {
    }

    static String verb(String verb) {
        Objects.requireNonNull(verb, "verb");
        // One token, or IMAP's two-word "UID FETCH" and friends.
        if (!verb.matches("(?i)(UID )?[\\x21-\\x7e]+")) {
            throw new IllegalArgumentException("verb must be a non-empty token: '" + verb + "'");
        }
        return verb.toUpperCase(Locale.ROOT);
    }

    static void occurrence(int occurrence) {
        if (occurrence < 1) {
            throw new IllegalArgumentException("occurrence must be at least 1: " + occurrence);
        }
    }
}
