package org.mailaccess.pop3.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The data of one multi-line POP3 reply (RFC 1939 section 3), byte-stuffing removed, up to and without the
 * terminating {@code CRLF "." CRLF}. Every other byte passes through untouched: CRLF, bare CR, bare LF, NUL and 8-bit
 * bytes. Nothing is buffered beyond the shared {@link LineInput}, so the reply after the terminator stays there for
 * the next reader (pipelining) and a message of any size streams in constant memory.
 *
 * <p>Where a line starts is the one judgement call, because servers disagree about bare LF. RFC 1939 section 3 speaks
 * of lines ending in CRLF; some servers stuff a dot after a bare LF as well (the testkit's fake by default), others
 * only after CRLF ({@code Pop3Profile.withDotStuffingAfterCrlfOnly()}), and Dovecot sends no bare LF at all: observed
 * with Dovecot 2.3.19 (Debian), a message saved with bare LFs goes out with every line end as CRLF, each line stuffed,
 * LIST counting the CRLFs, so its wire is unambiguous and the bare LFs are gone before the client sees anything. The
 * rule, for the data of a RETR or TOP:
 * <ul>
 *   <li>The terminator is recognised only at the start of the data or after CRLF, as RFC 1939 defines it. After a
 *       bare LF, {@code ".\r\n"} is message content: a server that does not byte-stuff there must not be able to end
 *       the reply early and have the rest of the message parsed as replies (PITFALLS S7).</li>
 *   <li>A doubled dot is unstuffed at the start of the data, after CRLF <em>and</em> after a bare LF, because servers
 *       that treat LF as a line end stuff there too, and their wire cannot be read byte-exact otherwise.</li>
 *   <li>A lone dot at a line start that is neither stuffing nor the terminator breaks RFC 1939 after CRLF, and is
 *       what a CRLF-only server sends after a bare LF; either way it is kept as content, as Commons Net's reader
 *       does.</li>
 * </ul>
 * So the result is byte-exact whenever the wire is unambiguous: from every server, for content whose line ends are
 * all CRLF and for bare LFs not followed by a dot; from a server that stuffs after every LF, for all content. The one
 * case that cannot be exact is a server that stuffs after CRLF only sending content in which a bare LF is followed by
 * two or more dots: on the wire {@code "\n..x"} is then both its unstuffed content and the stuffed form of
 * {@code "\n.x"} from the other kind of server, and this reader returns {@code "\n.x"}, one dot fewer. The content
 * is otherwise intact and the session stays in step.
 */
final class DotStuffedInputStream extends InputStream {

    private final LineInput input;
    private boolean lineStart = true;
    private boolean afterCrlf = true;
    private boolean lastWasCr;
    private boolean done;

    DotStuffedInputStream(LineInput input) {
        this.input = input;
    }

    /** Whether the terminator has been read, i.e. the connection is positioned at the next reply. */
    boolean isDone() {
        return done;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (done) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        if (lineStart && atDot() && endOrUnstuff()) {
            return -1;
        }
        int n = input.copyLine(b, off, len);
        byte last = b[off + n - 1];
        lineStart = last == '\n';
        if (lineStart) {
            afterCrlf = n >= 2 ? b[off + n - 2] == '\r' : lastWasCr;
        }
        lastWasCr = last == '\r';
        return n;
    }

    /** Reads and drops the rest of the reply, so that the connection is positioned at the next one. */
    void drain() throws IOException {
        byte[] scratch = new byte[8192];
        while (read(scratch, 0, scratch.length) >= 0) {
            // keep reading until the terminator
        }
    }

    @Override
    public void close() throws IOException {
        drain();
    }

    private boolean atDot() throws IOException {
        if (!input.ensure(1)) {
            throw new EOFException("connection closed by the server in the middle of a reply");
        }
        return input.peek(0) == '.';
    }

    /**
     * At a dot that starts a line: consumes the terminator (returns true) or the stuffing dot (returns false, leaving
     * the content dot in place, no longer at a line start).
     */
    private boolean endOrUnstuff() throws IOException {
        // Every well-formed reply still holds at least ".\r\n" from here on, so asking for three bytes cannot block on
        // a correct server.
        if (!input.ensure(3)) {
            throw new EOFException("connection closed by the server in the middle of a reply");
        }
        if (afterCrlf && input.peek(1) == '\r' && input.peek(2) == '\n') {
            input.skip(3);
            done = true;
            return true;
        }
        if (input.peek(1) == '.') {
            input.skip(1);
        }
        lineStart = false;
        return false;
    }
}
