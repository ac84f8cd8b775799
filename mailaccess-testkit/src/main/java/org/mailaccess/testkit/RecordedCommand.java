package org.mailaccess.testkit;

import java.util.Locale;
import java.util.Objects;

/**
 * One line a client sent to a fake server, recorded exactly as received (modelled on MockWebServer's
 * {@code RecordedRequest}).
 *
 * <p>Lines are recorded raw, secrets included: tests need to assert what the client sent, for example that no
 * {@code PASS} line travelled before TLS ({@code tls == false}). Lines a client sends in answer to a SASL {@code + }
 * challenge (RFC 1734, RFC 5034) are recorded too, with the verb {@link #CONTINUATION}.
 *
 * @param connectionIndex 0-based number of the connection, in accept order
 * @param verb            the first word of the line in upper case, {@link #CONTINUATION} for a SASL continuation,
 *                        or the empty string for an empty line
 * @param line            the full line as received, without CRLF
 * @param tls             whether the line arrived through TLS
 */
public record RecordedCommand(int connectionIndex, String verb, String line, boolean tls) {

    /** The verb recorded for a line sent in answer to a SASL {@code + } challenge. */
    public static final String CONTINUATION = "+";

    /**
     * Checks the components.
     *
     * @param connectionIndex the 0-based connection number
     * @param verb            the command verb, any case
     * @param line            the line as received
     * @param tls             whether TLS was active
     */
    public RecordedCommand {
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(line, "line");
    }

    static RecordedCommand of(int connectionIndex, String line, boolean tls) {
        return new RecordedCommand(connectionIndex, verbOf(line), line, tls);
    }

    /**
     * Everything after the verb and the single space that follows it, as received.
     *
     * @return the arguments, or the empty string when there are none
     */
    public String arguments() {
        int space = line.indexOf(' ');
        return CONTINUATION.equals(verb) ? line : space < 0 ? "" : line.substring(space + 1);
    }

    static String verbOf(String line) {
        int space = line.indexOf(' ');
        return (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
    }
}
