package org.mailaccess.internal;

import java.util.Locale;

/**
 * Removes secrets from command lines before they reach a listener, a log or an exception.
 *
 * <p>The caller names the protocol: guessing it from the line is unsafe, because a POP3 password such as
 * {@code PASS select my horse} looks like a tagged IMAP {@code SELECT} and would be shown whole.
 */
public final class Redaction {

    /** What replaces a secret. */
    public static final String REDACTED = "<redacted>";

    private Redaction() {
    }

    /**
     * Redacts a POP3 command line (no tag; the verb is the first word): {@code PASS} keeps only its verb, {@code APOP}
     * its verb and user name (RFC 1939 section 7), {@code AUTH} its verb and mechanism (RFC 5034 section 4). Any other
     * line is returned unchanged.
     *
     * @param line the command line without CRLF
     * @return the line safe to show
     */
    public static String pop3(String line) {
        return redact(line, 0);
    }

    /**
     * Redacts a tagged IMAP command line (the verb is the second word): {@code LOGIN} keeps its tag, verb and user
     * name, {@code AUTHENTICATE} its tag, verb and mechanism (RFC 3501 sections 6.2.2 and 6.2.3). A line with a
     * {@code LOGIN} whose arguments cannot be split safely (quoted user names) keeps no argument at all.
     *
     * @param line the command line without CRLF, literal data left out
     * @return the line safe to show
     */
    public static String imap(String line) {
        return redact(line, 1);
    }

    private static String redact(String line, int verbAt) {
        String[] words = line.split(" ", verbAt + 3);
        if (words.length <= verbAt) {
            return line;
        }
        String verb = words[verbAt].toUpperCase(Locale.ROOT);
        String prefix = String.join(" ", java.util.Arrays.copyOfRange(words, 0, verbAt + 1));
        boolean imap = verbAt == 1;
        switch (verb) {
            case "PASS":
                return imap ? line : prefix + " " + REDACTED;
            case "APOP":
            case "LOGIN":
                if (imap != verb.equals("LOGIN")) {
                    return line;
                }
                if (words.length <= verbAt + 1) {
                    return prefix;
                }
                // A quoted IMAP user name may contain spaces, so its end is not known here: show none of it.
                return words[verbAt + 1].startsWith("\"") ? prefix + " " + REDACTED
                        : prefix + " " + words[verbAt + 1] + " " + REDACTED;
            case "AUTH":
            case "AUTHENTICATE":
                if (imap != verb.equals("AUTHENTICATE")) {
                    return line;
                }
                return words.length > verbAt + 2 ? prefix + " " + words[verbAt + 1] + " " + REDACTED : line;
            default:
                return line;
        }
    }
}
