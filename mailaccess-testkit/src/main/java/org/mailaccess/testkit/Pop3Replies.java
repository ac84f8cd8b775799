package org.mailaccess.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.mailaccess.testkit.internal.Reply;

/** POP3 reply formatting (RFC 1939 section 3): status lines, multi-line framing and dot-stuffing. */
final class Pop3Replies {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] TERMINATOR = {'.', '\r', '\n'};

    private Pop3Replies() {
    }

    static Reply ok(String text) {
        return Reply.of(text.isEmpty() ? "+OK\r\n" : "+OK " + sanitize(text) + "\r\n");
    }

    static Reply err(String text) {
        return Reply.of(errLine(null, text));
    }

    /** An error with an RFC 2449/RFC 3206 response code, dropped when the profile has RESP-CODES off. */
    static Reply err(Pop3Profile profile, String code, String text) {
        return Reply.of(errLine(profile.offersRespCodes() ? code : null, text));
    }

    static String errLine(String code, String text) {
        return "-ERR " + (code == null ? "" : "[" + code + "] ") + sanitize(text) + "\r\n";
    }

    /** A multi-line reply whose body is short protocol lines (CAPA, LIST, UIDL). */
    static Reply multiLine(String status, List<String> lines) {
        StringBuilder body = new StringBuilder();
        lines.forEach(line -> body.append(sanitize(line)).append("\r\n"));
        return multiLine(status, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A multi-line reply carrying message bytes, stuffed after every LF (bare or not): see
     * {@link #multiLine(String, byte[], boolean)}.
     */
    static Reply multiLine(String status, byte[] content) {
        return multiLine(status, content, false);
    }

    /**
     * A multi-line reply carrying message bytes (RFC 1939 section 3): a dot is prepended to every line that starts
     * with one, and the terminator always sits on its own line, so content that does not end with CRLF gets one added
     * (PITFALLS S7). A line starts at the beginning of the data and after CRLF; unless {@code afterCrlfOnly}, also
     * after a bare LF, which keeps bare-LF content unambiguous for clients that unstuff there too.
     */
    static Reply multiLine(String status, byte[] content, boolean afterCrlfOnly) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + content.length / 64 + 64);
        out.writeBytes(("+OK " + sanitize(status) + "\r\n").getBytes(StandardCharsets.UTF_8));
        boolean lineStart = true;
        byte previous = 0;
        for (byte b : content) {
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = b == '\n' && (!afterCrlfOnly || previous == '\r');
            previous = b;
        }
        int n = content.length;
        if (n > 0 && !(n >= 2 && content[n - 2] == '\r' && content[n - 1] == '\n')) {
            out.writeBytes(CRLF);
        }
        out.writeBytes(TERMINATOR);
        return new Reply(out.toByteArray(), Reply.After.CONTINUE);
    }

    /**
     * Replaces control characters so that nothing, in particular nothing a client sent, can end a reply line early and
     * forge the next reply (PITFALLS S8).
     */
    static String sanitize(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(c -> clean.appendCodePoint(c < 0x20 || c == 0x7f ? '?' : c));
        return clean.toString();
    }
}
