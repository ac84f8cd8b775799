package org.mailaccess.testkit.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One accepted client connection of a {@link LineServer}: line and literal reads, buffered writes, an in-place TLS
 * upgrade and two ways to close.
 *
 * <p>Reads and writes belong to the connection's own thread. {@link #abort()}, {@link #isClosed()} and
 * {@link #awaitClosed(Duration)} may be called from any thread.
 */
public final class Connection {

    private final int index;
    private final Socket raw;
    private final SSLContext sslContext;
    private final int maxLineLength;
    private final int idleTimeoutMillis;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Socket current;
    private volatile boolean tls;
    private LineReader reader;
    private OutputStream out;

    Connection(int index, Socket raw, SSLContext sslContext, int maxLineLength, Duration idleTimeout)
            throws IOException {
        this.index = index;
        this.raw = raw;
        this.sslContext = sslContext;
        this.maxLineLength = maxLineLength;
        this.idleTimeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, idleTimeout.toMillis()));
        this.current = raw;
        raw.setSoTimeout(idleTimeoutMillis);
        raw.setTcpNoDelay(true);
        bindStreams(raw);
    }

    /**
     * The 0-based number of this connection, in accept order.
     *
     * @return the connection index
     */
    public int index() {
        return index;
    }

    /**
     * Whether the TLS handshake has completed on this connection.
     *
     * @return true once implicit TLS or a STARTTLS-style upgrade is in effect
     */
    public boolean isTls() {
        return tls;
    }

    /**
     * Reads one line, without its CRLF.
     *
     * @return the line decoded as UTF-8, or null when the client closed the connection
     * @throws LineTooLongException if the line exceeds the server's limit
     * @throws IOException on network errors and on the idle timeout
     */
    public String readLine() throws IOException {
        return reader.readLine();
    }

    /**
     * Reads exactly {@code count} raw bytes, for literals.
     *
     * @param count the number of bytes
     * @return the bytes
     * @throws IOException on network errors or a premature end of stream
     */
    public byte[] readExactly(int count) throws IOException {
        return reader.readExactly(count);
    }

    /**
     * Waits up to {@code timeout} for client input without consuming any, so a session can watch for both the client
     * and server-side events (IMAP IDLE, RFC 2177). Safe to call between reads of the connection's own thread.
     *
     * @param timeout the longest wait, at least 1 ms
     * @return true if a read would not block now (input, or the end of the stream), false on timeout
     * @throws IOException on network errors
     */
    public boolean awaitInput(Duration timeout) throws IOException {
        Socket socket = current;
        socket.setSoTimeout((int) Math.max(1, Math.min(idleTimeoutMillis, timeout.toMillis())));
        try {
            return reader.awaitData();
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(idleTimeoutMillis);
            }
        }
    }

    /**
     * The idle timeout of this connection.
     *
     * @return how long a read may wait for the client
     */
    public Duration idleTimeout() {
        return Duration.ofMillis(idleTimeoutMillis);
    }

    /**
     * Buffers bytes for sending.
     *
     * @param bytes the bytes
     * @throws IOException on network errors
     */
    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    /**
     * Buffers a string for sending, encoded as UTF-8.
     *
     * @param text the text, including any CRLF
     * @throws IOException on network errors
     */
    public void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends everything buffered.
     *
     * @throws IOException on network errors
     */
    public void flush() throws IOException {
        out.flush();
    }

    /**
     * Runs the server side of a TLS handshake on this connection and switches reads and writes to it. Anything the
     * client sent in plaintext that was already buffered is discarded, never read as if it came through TLS
     * (PITFALLS S1, CVE-2011-0411). The caller sends the "go ahead" reply and flushes first.
     *
     * @throws IOException if the handshake fails
     */
    public void startTls() throws IOException {
        if (tls) {
            throw new IllegalStateException("TLS is already active");
        }
        SSLSocket ssl = (SSLSocket) sslContext.getSocketFactory()
                .createSocket(raw, raw.getInetAddress().getHostAddress(), raw.getPort(), true);
        ssl.setUseClientMode(false);
        ssl.setSoTimeout(idleTimeoutMillis);
        current = ssl;
        ssl.startHandshake();
        bindStreams(ssl);
        tls = true;
    }

    /** Flushes and closes the connection cleanly (with a TLS close_notify when TLS is active). Idempotent. */
    public void close() {
        try {
            out.flush();
        } catch (IOException ignored) {
            // The peer may already be gone; closing is all that is left to do.
        }
        closeQuietly(current);
        closeQuietly(raw);
        closed.countDown();
    }

    /**
     * Drops the TCP connection without any TLS goodbye, like a network failure would. Safe from any thread: it closes
     * the plain socket, because closing an SSLSocket while another thread reads it can block.
     */
    public void abort() {
        try {
            if (!raw.isClosed()) {
                raw.shutdownOutput();
            }
        } catch (IOException ignored) {
            // Already half-closed or reset; the close below is what matters.
        }
        closeQuietly(raw);
        closed.countDown();
    }

    /**
     * Whether {@link #close()} or {@link #abort()} has run.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return closed.getCount() == 0;
    }

    /**
     * Waits until the connection is closed or the time is up; used to stall a reply without outliving the connection.
     *
     * @param timeout the longest wait
     * @return true if the connection was closed during the wait
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        return closed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void bindStreams(Socket socket) throws IOException {
        reader = new LineReader(socket.getInputStream(), maxLineLength);
        out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing useful can be done about a failing close in a test server.
        }
    }
}
