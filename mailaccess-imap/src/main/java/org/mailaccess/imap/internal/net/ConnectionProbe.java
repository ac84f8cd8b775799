package org.mailaccess.imap.internal.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Optional;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.mailaccess.internal.TimedOutputStream;

/**
 * The per-connection hooks we place under Angus Mail through its socket-factory properties
 * ({@code mail.imap.socketFactory}, {@code mail.imap.ssl.socketFactory}): the response guard, the command observer,
 * the write timeout, and what the session needs to know afterwards (was TLS established, did the server break a
 * limit). One probe serves exactly one connection, so its factories are created fresh for every connection.
 */
public final class ConnectionProbe {

    /** Where redacted wire events go. */
    public interface Events {
        /**
         * A command line was sent (literal data left out, secrets not yet redacted).
         *
         * @param line the logical command line
         */
        void commandSent(String line);

        /**
         * A response arrived; only its first line, without literal data.
         *
         * @param line the first line
         */
        void responseReceived(String line);
    }

    /** Thrown into Angus's reader when the server breaks a limit; Angus turns it into a dropped connection. */
    static final class LimitExceededException extends IOException {
        LimitExceededException(String message) {
            super(message);
        }
    }

    private final long maxLiteral;
    private final int maxLine;
    private final int maxNesting;
    private final long maxCommandResponses;
    private final long maxCommandOctets;
    private final Duration writeTimeout;
    private final Events events;
    private volatile String violation;
    private volatile Socket transport;
    private volatile SSLSocket tls;

    /**
     * Creates a probe for one connection.
     *
     * @param maxLiteral   the largest literal accepted
     * @param maxLine      the longest line accepted
     * @param maxNesting   the deepest parenthesis nesting accepted
     * @param writeTimeout how long one write may block
     * @param events       where wire events go
     */
    public ConnectionProbe(long maxLiteral, int maxLine, int maxNesting, Duration writeTimeout, Events events) {
        this(maxLiteral, maxLine, maxNesting, Long.MAX_VALUE, Long.MAX_VALUE, writeTimeout, events);
    }

    /**
     * Creates a probe for one connection that also bounds what one command may collect.
     *
     * @param maxLiteral          the largest literal accepted
     * @param maxLine             the longest line accepted
     * @param maxNesting          the deepest parenthesis nesting accepted
     * @param maxCommandResponses the most untagged responses accepted before a command's tagged response
     * @param maxCommandOctets    the most octets of untagged responses accepted before a command's tagged response
     * @param writeTimeout        how long one write may block
     * @param events              where wire events go
     */
    public ConnectionProbe(long maxLiteral, int maxLine, int maxNesting, long maxCommandResponses,
            long maxCommandOctets, Duration writeTimeout, Events events) {
        this.maxCommandResponses = maxCommandResponses;
        this.maxCommandOctets = maxCommandOctets;
        this.maxLiteral = maxLiteral;
        this.maxLine = maxLine;
        this.maxNesting = maxNesting;
        this.writeTimeout = writeTimeout;
        this.events = events;
    }

    /**
     * The factory for plaintext connections (and the plaintext phase before STARTTLS).
     *
     * @return a factory bound to this probe
     */
    public SocketFactory plainFactory() {
        return new GuardedSocketFactory(this);
    }

    /**
     * The factory that layers TLS, for implicit TLS and for STARTTLS.
     *
     * @param delegate the factory of the client's TLS context
     * @return a factory bound to this probe
     */
    public SSLSocketFactory tlsFactory(SSLSocketFactory delegate) {
        return new GuardedSslSocketFactory(this, delegate);
    }

    /**
     * The limit the server broke, if it broke one; the connection is then unusable.
     *
     * @return the description, without any server data
     */
    public Optional<String> violation() {
        return Optional.ofNullable(violation);
    }

    /**
     * Whether TLS is established on this connection.
     *
     * @return true after implicit TLS or a successful STARTTLS
     */
    public boolean isTls() {
        return tls != null;
    }

    /**
     * The negotiated TLS protocol.
     *
     * @return for example {@code TLSv1.3}, or empty without TLS
     */
    public Optional<String> tlsProtocol() {
        SSLSocket s = tls;
        return s == null ? Optional.empty() : Optional.ofNullable(s.getSession().getProtocol());
    }

    /**
     * Changes the read timeout of the connection, for example around an IDLE that may be silent for minutes.
     *
     * @param timeout the new timeout
     */
    public void readTimeout(Duration timeout) {
        Socket s = transport;
        if (s != null) {
            try {
                s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            } catch (SocketException e) {
                // The socket is closed; the next read reports it.
            }
        }
    }

    /** Closes the transport socket, unblocking any reader; used to stop a watch promptly. */
    public void abort() {
        Socket s = transport;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // Already closed.
            }
        }
    }

    void transport(Socket s) {
        if (transport == null) {
            transport = s;
        }
    }

    void tls(SSLSocket s) {
        tls = s;
    }

    /**
     * Records a limit the server broke outside the byte stream, such as a response Angus could not parse without
     * overflowing the stack; the connection is unusable afterwards.
     *
     * @param message the description, without any server data
     */
    public void violation(String message) {
        if (violation == null) {
            violation = message;
        }
    }

    void throwIfViolated() throws IOException {
        String v = violation;
        if (v != null) {
            throw new LimitExceededException(v);
        }
    }

    InputStream guardInput(InputStream raw) {
        return new ResponseGuard(raw, this, maxLiteral, maxLine, maxNesting, maxCommandResponses,
                maxCommandOctets, events::responseReceived);
    }

    /** {@code tcp} is the TCP socket even when {@code raw} is a TLS socket's stream; see {@link TimedOutputStream}. */
    OutputStream guardOutput(OutputStream raw, Socket tcp) {
        return new CommandObserver(new TimedOutputStream(raw, tcp, writeTimeout), events::commandSent);
    }

    OutputStream timed(OutputStream raw, Socket tcp) {
        return new TimedOutputStream(raw, tcp, writeTimeout);
    }
}
