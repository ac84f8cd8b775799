package org.mailaccess.testkit;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One command a client sent to a fake server, recorded exactly as received (modelled on MockWebServer's
 * {@code RecordedRequest}).
 *
 * <p>Commands are recorded raw, secrets included: tests need to assert what the client sent, for example that no
 * {@code PASS} or {@code LOGIN} travelled before TLS ({@code tls == false}). Lines a client sends in answer to a SASL
 * {@code + } challenge (RFC 1734, RFC 5034, RFC 3501 AUTHENTICATE) are recorded too, with the verb
 * {@link #CONTINUATION}; the {@code DONE} ending an IMAP IDLE is recorded with the verb {@code DONE}.
 *
 * <p>IMAP commands (RFC 3501) carry a tag, and their verb is the command name, two words for UID commands
 * ({@code "UID FETCH"}). An IMAP command with literals is one record: {@link #line()} is the whole command as it
 * travelled (text lines joined by CRLF, each literal inlined as UTF-8), and {@link #literals()} holds each literal's
 * exact bytes.
 *
 * @param connectionIndex 0-based number of the connection, in accept order
 * @param tag             the IMAP tag, or the empty string for POP3 and for continuation lines
 * @param verb            the command name in upper case ({@code "UID FETCH"} for IMAP UID commands),
 *                        {@link #CONTINUATION} for a SASL continuation, or the empty string for an empty line
 * @param line            the full command as received, without the final CRLF
 * @param literals        the bytes of each IMAP literal, in order; empty for POP3. Arrays compare by identity in
 *                        {@code equals}, as in every record
 * @param tls             whether the command arrived through TLS
 */
public record RecordedCommand(int connectionIndex, String tag, String verb, String line, List<byte[]> literals,
                              boolean tls) {

    /** The verb recorded for a line sent in answer to a SASL {@code + } challenge. */
    public static final String CONTINUATION = "+";

    /**
     * Checks the components.
     *
     * @param connectionIndex the 0-based connection number
     * @param tag             the IMAP tag or the empty string
     * @param verb            the command verb
     * @param line            the command as received
     * @param literals        the literal bytes, copied
     * @param tls             whether TLS was active
     */
    public RecordedCommand {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(line, "line");
        literals = List.copyOf(literals);
    }

    /**
     * A command without tag or literals, as POP3 sends them.
     *
     * @param connectionIndex the 0-based connection number
     * @param verb            the command verb
     * @param line            the line as received
     * @param tls             whether TLS was active
     */
    public RecordedCommand(int connectionIndex, String verb, String line, boolean tls) {
        this(connectionIndex, "", verb, line, List.of(), tls);
    }

    static RecordedCommand of(int connectionIndex, String line, boolean tls) {
        return new RecordedCommand(connectionIndex, verbOf(line), line, tls);
    }

    /**
     * Everything after the verb (and, for IMAP, the tag) and the single space that follows it, as received.
     *
     * @return the arguments, or the empty string when there are none
     */
    public String arguments() {
        if (CONTINUATION.equals(verb)) {
            return line;
        }
        int skip = tag.isEmpty() ? verb.length() : tag.length() + 1 + verb.length();
        return line.length() <= skip + 1 ? "" : line.substring(skip + 1);
    }

    static String verbOf(String line) {
        int space = line.indexOf(' ');
        return (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
    }
}
