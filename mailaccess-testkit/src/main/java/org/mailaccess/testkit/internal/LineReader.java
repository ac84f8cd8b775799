package org.mailaccess.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads CRLF-terminated lines and exact byte counts from one stream. Owns its buffer, so a fresh instance after a TLS
 * upgrade is what guarantees that plaintext pipelined behind STLS/STARTTLS is discarded (PITFALLS S1).
 */
final class LineReader {

    private final InputStream in;
    private final int maxLineLength;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;

    LineReader(InputStream in, int maxLineLength) {
        this.in = in;
        this.maxLineLength = maxLineLength;
    }

    /**
     * Returns the next line without its terminator, or null at end of stream. A bare LF is accepted as a terminator
     * because lenient parsing is what real servers do; a trailing CR is stripped.
     */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            if (position == limit && !fill()) {
                if (line.size() == 0) {
                    return null;
                }
                throw new EOFException("end of stream inside a line");
            }
            byte b = buffer[position++];
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                if (length > maxLineLength) {
                    throw new LineTooLongException(maxLineLength);
                }
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            // +1 leaves room for the CR of the terminator, which the limit does not count.
            if (line.size() > maxLineLength) {
                throw new LineTooLongException(maxLineLength);
            }
            line.write(b);
        }
    }

    /** Reads exactly {@code count} bytes, as IMAP literals need. */
    byte[] readExactly(int count) throws IOException {
        byte[] result = new byte[count];
        int done = 0;
        while (done < count) {
            if (position == limit && !fill()) {
                throw new EOFException("end of stream after " + done + " of " + count + " bytes");
            }
            int n = Math.min(count - done, limit - position);
            System.arraycopy(buffer, position, result, done, n);
            position += n;
            done += n;
        }
        return result;
    }

    /**
     * Waits for input without consuming it: true when a read would not block (data buffered or arrived, or end of
     * stream). The caller sets the socket timeout; a {@link java.net.SocketTimeoutException} from here leaves the
     * buffer untouched, so no partial line is lost (IMAP IDLE polls this way).
     */
    boolean awaitData() throws IOException {
        if (position < limit) {
            return true;
        }
        int n = in.read(buffer);
        position = 0;
        limit = Math.max(n, 0);
        return true;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
