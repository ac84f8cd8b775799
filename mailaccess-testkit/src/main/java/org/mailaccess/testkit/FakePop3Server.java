package org.mailaccess.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.mailaccess.Protocol;
import org.mailaccess.ServerEndpoint;
import org.mailaccess.TlsMode;
import org.mailaccess.testkit.internal.CommandLog;
import org.mailaccess.testkit.internal.FaultPlan;
import org.mailaccess.testkit.internal.LineServer;
import org.mailaccess.testkit.internal.TestCertificates;

/**
 * An in-memory POP3 server for tests (RFC 1939, with CAPA and PIPELINING from RFC 2449, STLS from RFC 2595, AUTH from
 * RFC 1734/RFC 5034 with SASL PLAIN from RFC 4616, and XOAUTH2). Seed it, run the code under test, then verify what
 * the client sent and what is left in the mailbox:
 *
 * <pre>{@code
 * try (FakePop3Server server = FakePop3Server.start()) {
 *     server.addUser("alice", "secret").mailbox("alice").deliver(MessageBuilder.message().subject("Hi"));
 *     server.injectFault(Fault.dropAfterProcessing("QUIT"));
 *     // connect to server.endpoint(), trusting server.clientSslContext()
 *     assertThat(server.commands()).extracting(RecordedCommand::verb).contains("STLS", "USER", "PASS");
 * }
 * }</pre>
 *
 * <p>The server listens on 127.0.0.1 on an ephemeral port and presents a certificate for {@code localhost} (and IP
 * 127.0.0.1) issued by a throw-away CA that {@link #clientSslContext()} trusts. A server is single-use: once closed
 * it cannot be restarted. All methods are thread-safe.
 */
public final class FakePop3Server implements AutoCloseable {

    /** The host name clients use to reach every fake server. */
    public static final String HOST = "localhost";

    private final Pop3Profile profile;
    private final boolean implicitTls;
    private final String hostname;
    private final TestCertificates certificates;
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final Map<String, Mailbox> mailboxes = new ConcurrentHashMap<>();
    private final FaultPlan faults = new FaultPlan();
    private final CommandLog log = new CommandLog();
    private final LineServer lineServer;

    private FakePop3Server(Builder builder) throws IOException {
        this.profile = builder.profile;
        this.implicitTls = builder.implicitTls;
        this.hostname = builder.hostname;
        this.certificates = TestCertificates.forHost(hostname);
        this.lineServer = new LineServer("fake-pop3", certificates.serverContext(), implicitTls, builder.idleTimeout,
                faults, connection -> new Pop3Session(this, connection).run());
    }

    /**
     * Starts a server with {@link Pop3Profile#defaults()}: plaintext listener offering STLS.
     *
     * @return the running server
     */
    public static FakePop3Server start() {
        return builder().start();
    }

    /**
     * Starts configuring a server.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The listening port.
     *
     * @return the port on 127.0.0.1
     */
    public int port() {
        return lineServer.port();
    }

    /**
     * The host name to connect to, which the default certificate is valid for.
     *
     * @return {@code "localhost"}
     */
    public String host() {
        return HOST;
    }

    /**
     * Where to connect, with the TLS mode this server is meant for: IMPLICIT for an implicit-TLS listener, otherwise
     * STARTTLS_REQUIRED when the profile offers STLS, else INSECURE_PLAINTEXT.
     *
     * @return the endpoint
     */
    public ServerEndpoint endpoint() {
        TlsMode mode = implicitTls ? TlsMode.IMPLICIT
                : profile.offersStls() ? TlsMode.STARTTLS_REQUIRED : TlsMode.INSECURE_PLAINTEXT;
        return endpoint(mode);
    }

    /**
     * Where to connect, with a chosen TLS mode, e.g. to test how a client handles a mismatch.
     *
     * @param mode the TLS mode
     * @return the endpoint
     */
    public ServerEndpoint endpoint(TlsMode mode) {
        return new ServerEndpoint(Protocol.POP3, HOST, port(), mode);
    }

    /**
     * A client TLS context that trusts exactly the testkit CA which issued this server's certificate. Hostname
     * verification is still the client's job (e.g. {@code SSLParameters.setEndpointIdentificationAlgorithm}).
     *
     * @return the shared context
     */
    public SSLContext clientSslContext() {
        return certificates.clientContext();
    }

    /**
     * A trust store holding only the testkit CA, for clients configured by key store.
     *
     * @return a fresh PKCS12 key store
     */
    public KeyStore trustStore() {
        return certificates.trustStore();
    }

    /**
     * The feature profile.
     *
     * @return the profile
     */
    public Pop3Profile profile() {
        return profile;
    }

    /**
     * Adds a user, or changes an existing user's password (the mailbox is kept). The password is accepted by
     * USER/PASS, APOP and AUTH PLAIN, and as the bearer token of AUTH XOAUTH2.
     *
     * @param user     the login name; no whitespace or control characters
     * @param password the password, also the XOAUTH2 token
     * @return this server
     */
    public FakePop3Server addUser(String user, String password) {
        Objects.requireNonNull(password, "password");
        if (user.isEmpty() || user.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("user names must be non-empty, without spaces or control characters");
        }
        mailboxes.computeIfAbsent(user, Mailbox::new);
        passwords.put(user, password);
        return this;
    }

    /**
     * A user's mailbox, to seed and inspect.
     *
     * @param user a user added with {@link #addUser(String, String)}
     * @return the mailbox
     * @throws IllegalArgumentException if there is no such user
     */
    public Mailbox mailbox(String user) {
        Mailbox mailbox = mailboxes.get(user);
        if (mailbox == null) {
            throw new IllegalArgumentException("unknown user '" + user + "'; call addUser first");
        }
        return mailbox;
    }

    /**
     * Every line clients sent, in arrival order across connections, secrets included.
     *
     * @return an immutable snapshot
     */
    public List<RecordedCommand> commands() {
        return log.all();
    }

    /**
     * Removes and returns the oldest recorded command not taken yet, waiting for one if needed (like MockWebServer's
     * {@code takeRequest}). Independent of {@link #commands()}, which keeps everything.
     *
     * @param timeout the longest wait
     * @return the command, or null on timeout or interruption
     */
    public RecordedCommand takeCommand(Duration timeout) {
        return log.take(timeout);
    }

    /**
     * How many connections were accepted, including ones dropped by faults.
     *
     * @return the count
     */
    public int connectionCount() {
        return lineServer.connectionCount();
    }

    /**
     * Schedules a fault; see {@link Fault} for when each kind fires.
     *
     * @param fault the fault
     * @return this server
     */
    public FakePop3Server injectFault(Fault fault) {
        faults.add(Objects.requireNonNull(fault, "fault"));
        return this;
    }

    /** Drops every open connection without a reply, like a network failure; uncommitted deletions are discarded. */
    public void dropAllConnections() {
        lineServer.dropAllConnections();
    }

    /** Stops the server and drops its connections. Idempotent. */
    @Override
    public void close() {
        lineServer.close();
    }

    /**
     * Describes the server for test failure messages.
     *
     * @return the endpoint and profile
     */
    @Override
    public String toString() {
        return "FakePop3Server[" + endpoint() + ", " + profile + "]";
    }

    String hostname() {
        return hostname;
    }

    String passwordOf(String user) {
        return passwords.get(user);
    }

    boolean checkPassword(String user, String password) {
        return password.equals(passwords.get(user));
    }

    Mailbox mailboxOrNull(String user) {
        return mailboxes.get(user);
    }

    FaultPlan faults() {
        return faults;
    }

    CommandLog log() {
        return log;
    }

    /** Configures a {@link FakePop3Server}. */
    public static final class Builder {

        private Pop3Profile profile = Pop3Profile.defaults();
        private boolean implicitTls;
        private String hostname = HOST;
        private Duration idleTimeout = Duration.ofMinutes(5);

        private Builder() {
        }

        /**
         * Sets the feature profile; the default is {@link Pop3Profile#defaults()}.
         *
         * @param profile the profile
         * @return this builder
         */
        public Builder profile(Pop3Profile profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
            return this;
        }

        /**
         * Makes the listener speak TLS from the first byte (POP3S, RFC 8314); STLS is then refused.
         *
         * @return this builder
         */
        public Builder implicitTls() {
            this.implicitTls = true;
            return this;
        }

        /**
         * Sets the name in the server certificate. {@code "localhost"} (the default) also covers IP 127.0.0.1; any
         * other name is the certificate's only name, so clients connecting to {@code localhost} must fail hostname
         * verification (RFC 6125). The name also appears in the APOP timestamp.
         *
         * @param name a DNS name or IPv4 literal
         * @return this builder
         */
        public Builder hostname(String name) {
            if (!name.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?")) {
                throw new IllegalArgumentException("not a host name: '" + name + "'");
            }
            this.hostname = name;
            return this;
        }

        /**
         * Sets how long a connection may stay silent before the server drops it without entering the UPDATE state
         * (RFC 1939 section 3 autologout); the default is 5 minutes.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder idleTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("idle timeout must be positive: " + timeout);
            }
            this.idleTimeout = timeout;
            return this;
        }

        /**
         * Binds the port and starts serving.
         *
         * @return the running server
         * @throws UncheckedIOException if no loopback port can be bound
         */
        public FakePop3Server start() {
            try {
                return new FakePop3Server(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start fake POP3 server", e);
            }
        }
    }
}
