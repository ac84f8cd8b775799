package org.mailaccess.pop3.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * The stream {@code openMessage} returns: a RETR body read straight from the connection. It keeps the session's rules:
 * one thread at a time, and an I/O failure closes the session and surfaces as an unchecked
 * {@link org.mailaccess.ConnectionException}, like every other failure of this library. Closing it early reads the
 * rest of the message, because POP3 has no way to cancel a RETR.
 */
final class MessageStream extends InputStream {

    private final Pop3Session session;
    private final DotStuffedInputStream body;
    private boolean closed;

    MessageStream(Pop3Session session, DotStuffedInputStream body) {
        this.session = session;
        this.body = body;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("Stream closed");
        }
        return session.guarded(() -> {
            int n;
            try {
                n = body.read(b, off, len);
            } catch (IOException e) {
                closed = true;
                session.streamFinished(this);
                throw session.fail("RETR", e);
            }
            if (n < 0) {
                session.streamFinished(this);
            }
            return n;
        });
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        session.guarded(() -> {
            try {
                if (!body.isDone() && session.isOpen()) {
                    body.drain();
                }
                return null;
            } catch (IOException e) {
                throw session.fail("RETR", e);
            } finally {
                session.streamFinished(this);
            }
        });
    }
}
