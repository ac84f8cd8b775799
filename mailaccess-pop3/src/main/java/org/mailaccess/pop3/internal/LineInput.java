package org.mailaccess.pop3.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.mailaccess.ProtocolViolationException;

/**
 * The one buffer between the socket and everything we parse: status lines, listing lines and message bodies all come
 * out of it, so no byte a pipelined reply carries can end up in a buffer nobody reads again.
 */
final class LineInput {

    /** Longest status or listing line accepted; RFC 2449 section 4 allows 512 octets, real servers are sloppier. */
    static final int MAX_LINE = 16 * 1024;

    private final InputStream in;
    private final byte[] buf = new byte[MAX_LINE];
    private int pos;
    private int lim;

    LineInput(InputStream in) {
        this.in = in;
    }

    /**
     * Reads one line and returns it without its terminator. CRLF is the terminator (RFC 1939 section 3); a bare LF is
     * accepted too, because sloppy servers send it in status lines and nothing is lost by tolerating it there.
     */
    String readLine() throws IOException {
        int scanned = 0;
        while (true) {
            for (int i = pos + scanned; i < lim; i++) {
                if (buf[i] == '\n') {
                    int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                    String line = new String(buf, pos, end - pos, StandardCharsets.UTF_8);
                    pos = i + 1;
                    return line;
                }
            }
            scanned = lim - pos;
            if (scanned >= MAX_LINE) {
                throw new ProtocolViolationException("The server sent a line longer than " + MAX_LINE + " bytes");
            }
            if (!fill()) {
                throw new EOFException("connection closed by the server");
            }
        }
    }

    /**
     * Makes at least {@code n} bytes available to {@link #peek(int)}.
     *
     * @return false when the stream ended first
     */
    boolean ensure(int n) throws IOException {
        while (lim - pos < n) {
            if (!fill()) {
                return false;
            }
        }
        return true;
    }

    byte peek(int i) {
        return buf[pos + i];
    }

    void skip(int n) {
        pos += n;
    }

    /**
     * Copies buffered bytes up to and including the next LF, at most {@code len}, reading from the socket only when
     * the buffer is empty.
     *
     * @return how many bytes were copied, at least 1
     * @throws EOFException when the connection ended
     */
    int copyLine(byte[] dst, int off, int len) throws IOException {
        if (pos == lim && !fill()) {
            throw new EOFException("connection closed by the server in the middle of a reply");
        }
        int end = Math.min(lim, pos + len);
        int i = pos;
        while (i < end) {
            if (buf[i++] == '\n') {
                break;
            }
        }
        int n = i - pos;
        System.arraycopy(buf, pos, dst, off, n);
        pos = i;
        return n;
    }

    private boolean fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        if (lim == buf.length) {
            return true;
        }
        int n = in.read(buf, lim, buf.length - lim);
        if (n < 0) {
            return false;
        }
        lim += n;
        return true;
    }
}
