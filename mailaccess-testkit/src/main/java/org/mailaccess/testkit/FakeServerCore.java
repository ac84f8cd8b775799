package org.mailaccess.testkit;

import java.io.IOException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.mailaccess.Protocol;
import org.mailaccess.ServerEndpoint;
import org.mailaccess.TlsMode;
import org.mailaccess.testkit.internal.CommandLog;
import org.mailaccess.testkit.internal.FaultPlan;
import org.mailaccess.testkit.internal.LineServer;
import org.mailaccess.testkit.internal.TestCertificates;

/**
 * The plumbing {@link FakePop3Server} and {@link FakeImapServer} share around the {@link LineServer} socket engine:
 * the TLS material for the certificate's host name, the fault plan, the command log, the listener, the endpoints,
 * and the checks on builder settings and user names. Each fake keeps its public methods, with their
 * protocol-specific documentation, and delegates here.
 *
 * <p>Built in two steps so that everything a session reads exists before the first connection can be served: the
 * constructor creates the shared state, {@link #listen} then binds the port and starts accepting. Thread-safe.
 */
final class FakeServerCore implements AutoCloseable {

    /** The host name clients use to reach every fake server. */
    static final String HOST = "localhost";

    private final Protocol protocol;
    private final boolean implicitTls;
    private final TestCertificates certificates;
    private final FaultPlan faults = new FaultPlan();
    private final CommandLog log = new CommandLog();
    /** Set once by {@link #listen}, from the fake's constructor. */
    private volatile LineServer lineServer;

    /**
     * Creates the shared state of one fake server; nothing listens yet.
     *
     * @param protocol    the protocol the endpoints name
     * @param hostname    the name in the server certificate
     * @param implicitTls whether the listener speaks TLS from the first byte
     */
    FakeServerCore(Protocol protocol, String hostname, boolean implicitTls) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.implicitTls = implicitTls;
        this.certificates = TestCertificates.forHost(hostname);
    }

    /**
     * Binds 127.0.0.1 on an ephemeral port and starts serving; call once.
     *
     * @param name          the thread name prefix, e.g. {@code "fake-pop3"}
     * @param idleTimeout   how long a connection may stay silent before it is dropped
     * @param maxLineLength the longest accepted command line in bytes, CRLF excluded
     * @param sessions      the protocol, run on each connection's own thread
     * @throws IOException if no loopback port can be bound
     */
    void listen(String name, Duration idleTimeout, int maxLineLength, LineServer.Handler sessions)
            throws IOException {
        if (lineServer != null) {
            throw new IllegalStateException("already listening");
        }
        lineServer = new LineServer(name, certificates.serverContext(), implicitTls, idleTimeout, maxLineLength,
                faults, sessions);
    }

    /**
     * Checks a builder's certificate host name.
     *
     * @param name a DNS name or IPv4 literal
     * @return the name
     * @throws IllegalArgumentException if it is not one
     */
    static String checkHostname(String name) {
        if (!name.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?")) {
            throw new IllegalArgumentException("not a host name: '" + name + "'");
        }
        return name;
    }

    /**
     * Checks a builder's idle timeout.
     *
     * @param timeout the timeout
     * @return the timeout
     * @throws IllegalArgumentException if it is zero or negative
     */
    static Duration checkIdleTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("idle timeout must be positive: " + timeout);
        }
        return timeout;
    }

    /**
     * Checks the arguments of {@code addUser}.
     *
     * @param user     the login name; no whitespace or control characters
     * @param password the password
     * @throws NullPointerException     if the password is null
     * @throws IllegalArgumentException if the user name is empty or has whitespace or control characters
     */
    static void checkUser(String user, String password) {
        Objects.requireNonNull(password, "password");
        if (user.isEmpty() || user.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("user names must be non-empty, without spaces or control characters");
        }
    }

    int port() {
        return lineServer.port();
    }

    /**
     * The endpoint with the TLS mode the server is meant for.
     *
     * @param offersUpgrade whether the profile offers STLS or STARTTLS
     * @return IMPLICIT for an implicit-TLS listener, otherwise STARTTLS_REQUIRED if the upgrade is offered, else
     *         INSECURE_PLAINTEXT
     */
    ServerEndpoint endpoint(boolean offersUpgrade) {
        TlsMode mode = implicitTls ? TlsMode.IMPLICIT
                : offersUpgrade ? TlsMode.STARTTLS_REQUIRED : TlsMode.INSECURE_PLAINTEXT;
        return endpoint(mode);
    }

    ServerEndpoint endpoint(TlsMode mode) {
        return new ServerEndpoint(protocol, HOST, port(), mode);
    }

    SSLContext clientSslContext() {
        return certificates.clientContext();
    }

    KeyStore trustStore() {
        return certificates.trustStore();
    }

    List<RecordedCommand> commands() {
        return log.all();
    }

    RecordedCommand takeCommand(Duration timeout) {
        return log.take(timeout);
    }

    int connectionCount() {
        return lineServer.connectionCount();
    }

    void injectFault(Fault fault) {
        faults.add(Objects.requireNonNull(fault, "fault"));
    }

    void dropAllConnections() {
        lineServer.dropAllConnections();
    }

    @Override
    public void close() {
        lineServer.close();
    }

    FaultPlan faults() {
        return faults;
    }

    CommandLog log() {
        return log;
    }
}
