package org.mailaccess.imap.internal;

import java.net.SocketTimeoutException;
import java.util.Locale;
import org.eclipse.angus.mail.iap.Response;
import org.mailaccess.CommandFailedException;
import org.mailaccess.ConnectionException;
import org.mailaccess.MailAccessException;
import org.mailaccess.ProtocolViolationException;
import org.mailaccess.imap.internal.net.ConnectionProbe;

/**
 * Turns Angus's responses and exceptions into the typed mailaccess family (checked {@code MessagingException}s and
 * {@code ProtocolException}s never leave the module). Messages carry the command verb and the server's text, never a
 * command's arguments, which may hold secrets.
 */
final class ImapErrors {

    private static final int MAX_TEXT = 300;

    private ImapErrors() {
    }

    /**
     * The error for a failed tagged response, or null when it is OK.
     *
     * @param verb     the command verb, for the message
     * @param response the last response of the command
     * @param probe    the connection's probe, which knows whether a limit was broken
     * @return the exception to throw, or null
     */
    static MailAccessException forResult(String verb, Response response, ConnectionProbe probe) {
        if (response.isOK()) {
            return null;
        }
        if (response.isBYE()) {
            return dropped(verb, response, probe);
        }
        response.reset();
        String rest = text(response.getRest());
        String code = responseCode(rest);
        return new CommandFailedException(verb, rest, code);
    }

    /**
     * The error for a connection that ended during a command.
     *
     * @param verb     the command verb
     * @param response the BYE (real or synthesised by Angus from an I/O error)
     * @param probe    the connection's probe
     * @return a protocol violation when a safety limit was hit, else a connection error
     */
    static MailAccessException dropped(String verb, Response response, ConnectionProbe probe) {
        if (probe.violation().isPresent()) {
            return new ProtocolViolationException(probe.violation().get() + " (during " + verb + ")");
        }
        Exception cause = response == null ? null : response.getException();
        boolean timeout = cause instanceof SocketTimeoutException;
        String what = response == null || cause != null ? "" : ": " + text(rest(response));
        return new ConnectionException("connection lost during " + verb + what, cause, timeout);
    }

    /**
     * The error for an exception thrown out of Angus.
     *
     * @param verb  the command verb
     * @param e     what Angus threw
     * @param probe the connection's probe, or null before connecting
     * @return the mapped exception
     */
    static MailAccessException fromThrowable(String verb, Throwable e, ConnectionProbe probe) {
        if (e instanceof MailAccessException m) {
            return m;
        }
        if (probe != null && probe.violation().isPresent()) {
            return new ProtocolViolationException(probe.violation().get() + " (during " + verb + ")");
        }
        if (e instanceof org.eclipse.angus.mail.iap.CommandFailedException
                || e instanceof org.eclipse.angus.mail.iap.BadCommandException) {
            Response r = ((org.eclipse.angus.mail.iap.ProtocolException) e).getResponse();
            String rest = r == null ? text(e.getMessage()) : text(rest(r));
            return new CommandFailedException(verb, rest, responseCode(rest));
        }
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        boolean timeout = cause instanceof SocketTimeoutException;
        if (e instanceof RuntimeException) {
            // Angus's parsers index past the end of malformed responses instead of reporting them.
            return new ProtocolViolationException("malformed server response during " + verb, e);
        }
        return new ConnectionException(verb + " failed: " + text(cause.getClass().getSimpleName() + ": "
                + cause.getMessage()), e, timeout);
    }

    static String rest(Response r) {
        r.reset();
        String s = r.getRest();
        return s == null ? "" : s;
    }

    /**
     * The bracketed response code of a status text (RFC 3501 section 7.1), upper-cased, without arguments.
     *
     * @param text the text after OK/NO/BAD
     * @return the code, or null
     */
    static String responseCode(String text) {
        if (text == null || !text.startsWith("[")) {
            return null;
        }
        int end = text.indexOf(']');
        if (end < 0) {
            return null;
        }
        String inner = text.substring(1, end);
        int sp = inner.indexOf(' ');
        return (sp < 0 ? inner : inner.substring(0, sp)).toUpperCase(Locale.ROOT);
    }

    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < MAX_TEXT; i++) {
            char c = s.charAt(i);
            b.append(c < ' ' || c == 0x7f ? ' ' : c);
        }
        return b.toString();
    }
}
