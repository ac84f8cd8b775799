package org.mailaccess.imap.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;
import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.mailaccess.CommandFailedException;
import org.mailaccess.MessageKey;
import org.mailaccess.ProtocolViolationException;

/**
 * Streams one body section in partial fetches, {@code UID FETCH uid (BODY.PEEK[section]<origin.count>)} (RFC 3501
 * section 6.4.5), so that at most one chunk is in memory however large the message is (PITFALLS P3).
 *
 * <p>Every reply is checked (PITFALLS P17): the origin must be the one asked for and the block no longer than asked;
 * a server that ignores the range and returns the whole section is accepted only for the first chunk (the response
 * guard has already bounded its size), and a block shorter than asked ends the stream.
 *
 * <p>Each chunk is a complete command, so the stream holds no connection state between reads; it selects its folder
 * again (a no-op when still selected) and checks UIDVALIDITY before every chunk.
 */
@SuppressWarnings("try") // the guard entry is held for its scope, never read
final class ChunkedBodyStream extends InputStream {

    private final ImapConnection connection;
    private final Supplier<AutoCloseable> guard;
    private final MessageKey key;
    private final String section;
    private final int chunk;
    private byte[] buffer = new byte[0];
    private int position;
    private long origin;
    private boolean eof;
    private boolean closed;

    ChunkedBodyStream(ImapConnection connection, Supplier<AutoCloseable> guard, MessageKey key, String section) {
        this.connection = connection;
        this.guard = guard;
        this.key = key;
        this.section = section;
        this.chunk = connection.options().fetchChunkSize();
    }

    /** Fetches the first chunk now, so that a missing message fails at open rather than at the first read. */
    ChunkedBodyStream open() {
        refill();
        return this;
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
            throw new IOException("stream closed");
        }
        if (len == 0) {
            return 0;
        }
        while (position >= buffer.length) {
            if (eof) {
                return -1;
            }
            try (AutoCloseable entered = guard.get()) {
                refill();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
        int n = Math.min(len, buffer.length - position);
        System.arraycopy(buffer, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return buffer.length - position;
    }

    @Override
    public void close() {
        closed = true;
        buffer = new byte[0];
    }

    private void refill() {
        SelectedFolder sel = connection.select(key.folder());
        long uid = Keys.uid("UID FETCH", sel, key);
        String item = "BODY.PEEK[" + section + "]<" + origin + "." + chunk + ">";
        Response[] responses = connection.command("UID FETCH", "UID FETCH " + uid + " (" + item + ")", null);
        BODY body = null;
        for (Response r : responses) {
            if (r instanceof FetchResponse f) {
                UID u = f.getItem(UID.class);
                BODY b = f.getItem(BODY.class);
                // Some servers omit UID in the answer to a UID FETCH of one message; the body is still ours.
                if (b != null && (u == null || u.uid == uid)) {
                    body = b;
                }
            }
        }
        if (body == null) {
            if (origin == 0) {
                throw new CommandFailedException("UID FETCH", "message " + uid + " of '" + key.folder()
                        + "' no longer exists", "NONEXISTENT");
            }
            throw new ProtocolViolationException("the server stopped returning message " + uid + " after "
                    + origin + " octets");
        }
        ByteArray data = body.getByteArray();
        byte[] bytes = data == null ? new byte[0] : data.getNewBytes();
        int returnedOrigin = body.getOrigin();
        if (returnedOrigin < 0) {
            if (origin != 0) {
                throw new ProtocolViolationException("the server ignored the partial range at octet " + origin);
            }
            // The whole section in one answer (Exchange does this); it fits under the literal cap, so accept it.
            eof = true;
        } else if (returnedOrigin != origin) {
            throw new ProtocolViolationException("asked for octet " + origin + " of message " + uid
                    + ", the server answered from octet " + returnedOrigin);
        } else if (bytes.length > chunk) {
            throw new ProtocolViolationException("asked for " + chunk + " octets, the server sent " + bytes.length);
        } else if (bytes.length < chunk) {
            eof = true;
        }
        origin += bytes.length;
        buffer = bytes;
        position = 0;
    }
}
