package org.mailaccess.imap.internal.net;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * Reports every command line the client writes, with literal data left out, so that listeners see what Angus sends
 * without Angus's own debug output (which can contain message data, and secrets when {@code mail.debug.auth} is on).
 * The consumer must redact: LOGIN and AUTHENTICATE lines pass through here verbatim.
 */
final class CommandObserver extends FilterOutputStream {

    private static final int MAX_REPORTED = 1024;

    private final Consumer<String> sink;
    private final StringBuilder line = new StringBuilder();
    // The end of the current line segment, kept even when the reported line is truncated.
    private final StringBuilder tail = new StringBuilder();
    private long literalRemaining;
    private int previous = -1;

    CommandObserver(OutputStream out, Consumer<String> sink) {
        super(out);
        this.sink = sink;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        out.write(b);
        observe(b & 0xff);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        for (int i = 0; i < len; i++) {
            observe(b[off + i] & 0xff);
        }
    }

    private void observe(int b) {
        if (literalRemaining > 0) {
            literalRemaining--;
            previous = -1;
            return;
        }
        if (b == '\n' && previous == '\r') {
            endOfLine();
            previous = -1;
            return;
        }
        if (b != '\r') {
            char c = b < 0x20 || b >= 0x7f ? '?' : (char) b;
            if (line.length() < MAX_REPORTED) {
                line.append(c);
            }
            tail.append(c);
            if (tail.length() > 32) {
                tail.delete(0, tail.length() - 16);
            }
        }
        previous = b;
    }

    private void endOfLine() {
        long literal = announcedLiteral();
        tail.setLength(0);
        if (literal >= 0) {
            // The command goes on after the literal data (RFC 3501 section 4.3; RFC 7888 for "{n+}").
            literalRemaining = literal;
            return;
        }
        String text = line.toString();
        line.setLength(0);
        try {
            sink.accept(text);
        } catch (RuntimeException e) {
            // A failing listener must not break the connection.
        }
    }

    private long announcedLiteral() {
        StringBuilder t = tail;
        int end = t.length();
        if (end < 3 || t.charAt(end - 1) != '}') {
            return -1;
        }
        int i = end - 2;
        if (t.charAt(i) == '+' || t.charAt(i) == '-') {
            i--;
        }
        int digitsEnd = i + 1;
        while (i >= 0 && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
            i--;
        }
        if (i < 0 || t.charAt(i) != '{' || digitsEnd - i - 1 == 0 || digitsEnd - i - 1 > 12) {
            return -1;
        }
        return Long.parseLong(t.substring(i + 1, digitsEnd));
    }
}
