package org.mailaccess.pop3.internal;

import org.mailaccess.CommandFailedException;
import org.mailaccess.ProtocolViolationException;

/**
 * One POP3 status line (RFC 1939 section 3): {@code +OK}, {@code -ERR}, or a SASL continuation {@code "+ "} (RFC 5034).
 *
 * @param kind the status
 * @param text what follows the status indicator, trimmed
 * @param line the whole line as received
 */
record Reply(Kind kind, String text, String line) {

    /** The status of a reply. */
    enum Kind { OK, ERR, CONTINUE }

    static Reply parse(String line) {
        if (line.startsWith("+OK") && (line.length() == 3 || line.charAt(3) == ' ')) {
            return new Reply(Kind.OK, line.substring(3).trim(), line);
        }
        if (line.startsWith("-ERR") && (line.length() == 4 || line.charAt(4) == ' ')) {
            return new Reply(Kind.ERR, line.substring(4).trim(), line);
        }
        if (line.equals("+") || line.startsWith("+ ")) {
            return new Reply(Kind.CONTINUE, line.substring(1).trim(), line);
        }
        throw new ProtocolViolationException("The server sent a reply that is neither +OK nor -ERR: "
                + Printable.of(line));
    }

    boolean ok() {
        return kind == Kind.OK;
    }

    /** The RFC 2449 section 8 response code, such as {@code IN-USE} or {@code SYS/TEMP}, without brackets. */
    String responseCode() {
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close > 1) {
                return text.substring(1, close);
            }
        }
        return null;
    }

    /** Fails unless this is {@code +OK}. */
    Reply expectOk(String verb) {
        if (kind == Kind.OK) {
            return this;
        }
        if (kind == Kind.CONTINUE) {
            throw new ProtocolViolationException("The server answered " + verb + " with a SASL continuation");
        }
        throw new CommandFailedException(verb, text, responseCode());
    }
}
