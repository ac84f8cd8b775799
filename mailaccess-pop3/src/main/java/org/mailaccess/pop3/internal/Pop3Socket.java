package org.mailaccess.pop3.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.apache.commons.net.pop3.POP3SClient;
import org.mailaccess.internal.UnconnectedSocketFactory;

/**
 * The part of the conversation Commons Net does for us: TCP connect with a timeout, SO_TIMEOUT, the greeting, implicit
 * TLS or STLS (RFC 2595), and TLS server identity checks. Everything after that runs on {@link #input()} and
 * {@link #output()} through {@link Pop3Wire}, never through Commons Net's reader.
 *
 * <p>Why not Commons Net's reader for the rest: {@code retrieveMessage} wraps the connection in a
 * {@code DotTerminatedMessageReader}, a {@code BufferedReader} that reads up to 8 KiB ahead. Measured (see
 * {@code CommonsNetReaderFindingsTest}): a reply pipelined behind a RETR body is swallowed by that buffer and lost when
 * the reader is closed, so nothing can be pipelined. It is also not byte-exact against servers that byte-stuff after
 * a bare LF (such as the testkit's fake): {@code "\n..x"} comes back as {@code "\n..x"}, not {@code "\n.x"}. Its
 * ISO-8859-1 round trip does keep 8-bit bytes, bare CR and bare LF.
 *
 * <p>Handing over without losing bytes: Commons Net reads only the greeting and the STLS reply with its own reader.
 * The server sends nothing more until the next command, and any extra bytes it sends with those replies are dropped
 * with the reader, never read as replies (that is exactly what RFC 2595 and PITFALLS S1 require after STLS). After
 * the TLS handshake Commons Net builds a fresh reader that we never read from.
 *
 * <p>Hostname verification: Commons Net does not verify the server name by default (NET-579), so endpoint checking
 * is switched on here for every connection (JSSE's "HTTPS" identification, RFC 2818/RFC 6125). It cannot be turned
 * off through this library.
 */
final class Pop3Socket extends POP3SClient {

    /**
     * The most the server may send before {@link #handedOver()}: greeting, STLS reply and TLS handshake. Commons Net
     * reads those lines with an unbounded line reader; this budget is what keeps a hostile server from filling the
     * heap with one endless greeting line.
     */
    static final int PRE_LOGIN_BYTES = 1 << 20;

    private volatile Socket tcp;
    private volatile boolean aborted;
    private final AtomicLong budget = new AtomicLong(PRE_LOGIN_BYTES);

    Pop3Socket(boolean implicitTls, SSLContext context, Duration connectTimeout, Duration readTimeout) {
        super("TLS", implicitTls, context);
        setEndpointCheckingEnabled(true);
        setConnectTimeout(millis(connectTimeout));
        setDefaultTimeout(millis(readTimeout));
        setSocketFactory(new BudgetSocketFactory());
    }

    /** From now on the server's bytes are read by {@link LineInput}, whose lines are capped: no more budget. */
    void handedOver() {
        budget.set(Long.MAX_VALUE);
    }

    @Override
    protected void _connectAction_() throws IOException {
        // Remember the TCP socket before any TLS layering: closing it is how another thread (the write timeout,
        // close() while a call is running) aborts the connection, since closing an SSLSocket may block.
        tcp = _socket_;
        if (aborted) {
            _socket_.close(); // the deadline fired while the TCP connect was still running
            throw new SocketException("connection aborted");
        }
        _socket_.setTcpNoDelay(true);
        super._connectAction_();
    }

    /**
     * Upgrades the connection with STLS.
     *
     * @return false when the server refused STLS (its reply is in {@link #getReplyString()})
     * @throws IOException when the handshake fails or the connection drops
     */
    boolean startTls() throws IOException {
        // execTLS() reports a refusal as false rather than an exception; the caller must fail closed on it.
        return execTLS();
    }

    /** The status line of the last reply Commons Net read (greeting or STLS), without CRLF. */
    String lastReply() {
        String reply = getReplyString();
        return reply.endsWith("\r\n") ? reply.substring(0, reply.length() - 2) : reply.strip();
    }

    InputStream input() {
        return _input_;
    }

    OutputStream output() {
        return _output_;
    }

    /** The TCP socket under any TLS layer. */
    Socket tcpSocket() {
        return tcp;
    }

    /** The negotiated TLS protocol, such as {@code TLSv1.3}, or null on a plaintext connection. */
    String tlsProtocol() {
        return _socket_ instanceof SSLSocket ssl ? ssl.getSession().getProtocol() : null;
    }

    /** Drops the connection at the TCP level; safe from any thread, never throws. */
    void abort() {
        aborted = true;
        Socket s = tcp;
        try {
            if (s != null) {
                s.close();
            }
        } catch (IOException | RuntimeException ignored) {
            // Nothing more can be done for a socket that will not close.
        }
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }

    /** Creates the TCP sockets: plain sockets whose input counts against the pre-login budget. */
    private final class BudgetSocketFactory extends UnconnectedSocketFactory {
        @Override
        public Socket createSocket() {
            return new BudgetSocket();
        }
    }

    /** A TCP socket whose input stream fails once the server has sent more than the budget allows. */
    private final class BudgetSocket extends Socket {
        private InputStream counted;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (counted == null) {
                counted = new FilterInputStream(super.getInputStream()) {
                    @Override
                    public int read() throws IOException {
                        int b = super.read();
                        spend(b < 0 ? 0 : 1);
                        return b;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = super.read(b, off, len);
                        spend(Math.max(0, n));
                        return n;
                    }
                };
            }
            return counted;
        }

        private void spend(int n) throws IOException {
            if (budget.addAndGet(-n) < 0) {
                throw new ProtocolException("The server sent more than " + PRE_LOGIN_BYTES + " octets before login"
                        + " (greeting, STLS reply, TLS handshake)");
            }
        }
    }
}
