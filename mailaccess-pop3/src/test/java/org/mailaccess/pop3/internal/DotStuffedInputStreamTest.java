package org.mailaccess.pop3.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 1939 section 3 multi-line decoding, and PITFALLS S7 framing cases. */
class DotStuffedInputStreamTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Decodes the first reply's data and returns it, checking that the next reply is still there to read. */
    private static byte[] decode(String wire) throws IOException {
        LineInput in = new LineInput(new ByteArrayInputStream(bytes(wire + "+OK next\r\n")));
        byte[] data = new DotStuffedInputStream(in).readAllBytes();
        assertThat(in.readLine()).isEqualTo("+OK next");
        return data;
    }

    @Test
    void unstuffsDotsAndKeepsCrlf() throws IOException {
        assertThat(decode("a\r\n..b\r\n...\r\n.\r\n")).isEqualTo(bytes("a\r\n.b\r\n..\r\n"));
    }

    @Test
    void aStuffedLoneDotIsContentNotTheEnd() throws IOException {
        assertThat(decode("..\r\nafter\r\n.\r\n")).isEqualTo(bytes(".\r\nafter\r\n"));
    }

    @Test
    void aBodyStartingWithADotIsUnstuffed() throws IOException {
        assertThat(decode("..starts\r\n.\r\n")).isEqualTo(bytes(".starts\r\n"));
    }

    @Test
    void emptyDataIsJustTheTerminator() throws IOException {
        assertThat(decode(".\r\n")).isEmpty();
    }

    @Test
    void anUnstuffedDotAfterABareLfDoesNotEndTheReply() throws IOException {
        // A server that stuffs only after CRLF sends this for content "x\n.\r\ny\r\n"; ending here would make the
        // rest of the message look like replies.
        assertThat(decode("x\n.\r\ny\r\n.\r\n")).isEqualTo(bytes("x\n.\r\ny\r\n"));
    }

    @Test
    void aDotStuffedAfterABareLfIsUnstuffed() throws IOException {
        // A server that stuffs after every LF (like the testkit's fake) sends this for "x\n.y\r\n".
        assertThat(decode("x\n..y\r\n.\r\n")).isEqualTo(bytes("x\n.y\r\n"));
    }

    @Test
    void aDoubledDotAfterABareLfIsAlwaysTakenAsStuffingEvenFromAServerThatStuffsOnlyAfterCrlf() throws IOException {
        // Content "x\n..y\r\n" from a CRLF-only server is on the wire exactly like content "x\n.y\r\n" from an
        // every-LF server: ambiguous, and documented to come back with one dot fewer.
        assertThat(decode("x\n...y\r\n.\r\n")).isEqualTo(bytes("x\n..y\r\n"));
        assertThat(decode("x\n..\r\n.\r\n")).isEqualTo(bytes("x\n.\r\n"));
    }

    @Test
    void aSingleDotAfterABareLfFromAServerThatStuffsOnlyAfterCrlfIsKept() throws IOException {
        assertThat(decode("x\n.y\n.\nz\r\n.\r\n")).isEqualTo(bytes("x\n.y\n.\nz\r\n"));
    }

    @Test
    void bareCrNulAnd8BitBytesPassUntouched() throws IOException {
        assertThat(decode("a\rb\u0000\u00e9\u00ff\r\r\n\r.\r\n.\r\n")).isEqualTo(bytes("a\rb\u0000\u00e9\u00ff\r\r\n\r.\r\n"));
    }

    @Test
    void aLoneDotThatIsNeitherStuffingNorTheEndIsKept() throws IOException {
        assertThat(decode(".x\r\n.\r\n")).isEqualTo(bytes(".x\r\n"));
    }

    @Test
    void worksWhenTheSocketDeliversOneByteAtATime() throws IOException {
        byte[] wire = bytes("a\r\n..b\r\nc\n..d\r\n\r\n.\r\n+OK next\r\n");
        InputStream trickle = new InputStream() {
            private int i;

            @Override
            public int read() {
                return i < wire.length ? wire[i++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (i >= wire.length) {
                    return -1;
                }
                b[off] = wire[i++];
                return 1;
            }
        };
        LineInput in = new LineInput(trickle);
        DotStuffedInputStream body = new DotStuffedInputStream(in);
        byte[] out = new byte[64];
        int n = 0;
        int r;
        while ((r = body.read(out, n, 1)) > 0) {
            n += r;
        }
        assertThat(new String(out, 0, n, StandardCharsets.ISO_8859_1)).isEqualTo("a\r\n.b\r\nc\n.d\r\n\r\n");
        assertThat(in.readLine()).isEqualTo("+OK next");
    }

    @Test
    void aConnectionEndingInsideTheDataIsAnError() {
        LineInput in = new LineInput(new ByteArrayInputStream(bytes("partial\r\nmessage")));
        assertThatThrownBy(() -> new DotStuffedInputStream(in).readAllBytes()).isInstanceOf(EOFException.class);
    }

    @Test
    void drainPositionsTheInputAtTheNextReply() throws IOException {
        LineInput in = new LineInput(new ByteArrayInputStream(bytes("x".repeat(40_000) + "\r\n.\r\n-ERR next\r\n")));
        DotStuffedInputStream body = new DotStuffedInputStream(in);
        assertThat(body.read()).isEqualTo('x');
        body.close();
        assertThat(body.isDone()).isTrue();
        assertThat(body.read()).isEqualTo(-1);
        assertThat(in.readLine()).isEqualTo("-ERR next");
    }

    @Test
    void overlongStatusLinesAreAProtocolViolation() {
        LineInput in = new LineInput(new ByteArrayInputStream(bytes("+OK " + "x".repeat(LineInput.MAX_LINE) + "\r\n")));
        assertThatThrownBy(in::readLine).isInstanceOf(org.mailaccess.ProtocolViolationException.class);
    }
}
