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
    public static final String HOST = FakeServerCore.HOST;

    private final Pop3Profile profile;
    private final String hostname;
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final Map<String, Mailbox> mailboxes = new ConcurrentHashMap<>();
    private final FakeServerCore core;

    private FakePop3Server(Builder builder) throws IOException {
        this.profile = builder.profile;
        this.hostname = builder.hostname;
        this.core = new FakeServerCore(Protocol.POP3, hostname, builder.implicitTls);
        core.listen("fake-pop3", builder.idleTimeout, LineServer.MAX_LINE_LENGTH,
                connection -> new Pop3Session(this, connection).run());
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
        return core.port();
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
        return core.endpoint(profile.offersStls());
    }

    /**
     * Where to connect, with a chosen TLS mode, e.g. to test how a client handles a mismatch.
     *
     * @param mode the TLS mode
     * @return the endpoint
     */
    public ServerEndpoint endpoint(TlsMode mode) {
        return core.endpoint(mode);
    }

    /**
     * A client TLS context that trusts exactly the testkit CA which issued this server's certificate. Hostname
     * verification is still the client's job (e.g. {@code SSLParameters.setEndpointIdentificationAlgorithm}).
     *
     * @return the shared context
     */
    public SSLContext clientSslContext() {
        return core.clientSslContext();
    }

    /**
     * A trust store holding only the testkit CA, for clients configured by key store.
     *
     * @return a fresh PKCS12 key store
     */
    public KeyStore trustStore() {
        return core.trustStore();
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
        FakeServerCore.checkUser(user, password);
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
        return core.commands();
    }

    /**
     * Removes and returns the oldest recorded command not taken yet, waiting for one if needed (like MockWebServer's
     * {@code takeRequest}). Independent of {@link #commands()}, which keeps everything.
     *
     * @param timeout the longest wait
     * @return the command, or null on timeout or interruption
     */
    public RecordedCommand takeCommand(Duration timeout) {
        return core.takeCommand(timeout);
    }

    /**
     * How many connections were accepted, including ones dropped by faults.
     *
     * @return the count
     */
    public int connectionCount() {
        return core.connectionCount();
    }

    /**
     * Schedules a fault; see {@link Fault} for when each kind fires.
     *
     * @param fault the fault
     * @return this server
     */
    public FakePop3Server injectFault(Fault fault) {
        core.injectFault(fault);
        return this;
    }

    /** Drops every open connection without a reply, like a network failure; uncommitted deletions are discarded. */
    public void dropAllConnections() {
        core.dropAllConnections();
    }

    /** Stops the server and drops its connections. Idempotent. */
    @Override
    public void close() {
        core.close();
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
        return core.faults();
    }

    CommandLog log() {
        return core.log();
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
            this.hostname = FakeServerCore.checkHostname(name);
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
            this.idleTimeout = FakeServerCore.checkIdleTimeout(timeout);
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
