package org.mailaccess.internal;

import java.util.Locale;

/**
 * Removes secrets from command lines before they reach a listener, a log or an exception.
 */
public final class Redaction {

    /** What replaces a secret. */
    public static final String REDACTED = "<redacted>";

    private Redaction() {
    }

    /**
     * Redacts a POP3 or IMAP command line: POP3 {@code PASS}, {@code APOP}, {@code AUTH} (RFC 1939, RFC 5034) and IMAP
     * {@code LOGIN}, {@code AUTHENTICATE} (RFC 3501) keep only their verb and user name.
     *
     * @param line the command line without CRLF
     * @return the line safe to show
     */
    public static String command(String line) {
        String[] words = line.split(" ", 4);
        int verbAt = 0;
        // IMAP commands start with a tag; POP3 commands do not.
        if (words.length > 1 && isImapVerb(words[1])) {
            verbAt = 1;
        }
        String verb = words[verbAt].toUpperCase(Locale.ROOT);
        String prefix = String.join(" ", java.util.Arrays.copyOfRange(words, 0, verbAt + 1));
        switch (verb) {
            case "PASS":
                return prefix + " " + REDACTED;
            case "APOP":
            case "LOGIN":
                return words.length > verbAt + 1 ? prefix + " " + words[verbAt + 1] + " " + REDACTED : prefix;
            case "AUTH":
            case "AUTHENTICATE":
                return words.length > verbAt + 2 ? prefix + " " + words[verbAt + 1] + " " + REDACTED
                        : line;
            default:
                return line;
        }
    }

    private static boolean isImapVerb(String word) {
        String w = word.toUpperCase(Locale.ROOT);
        return w.equals("LOGIN") || w.equals("AUTHENTICATE") || w.equals("UID") || w.equals("FETCH")
                || w.equals("SELECT") || w.equals("CAPABILITY");
    }
}
