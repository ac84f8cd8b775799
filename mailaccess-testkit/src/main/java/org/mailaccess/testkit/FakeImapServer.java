package org.mailaccess.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.mailaccess.Protocol;
import org.mailaccess.ServerEndpoint;
import org.mailaccess.TlsMode;
import org.mailaccess.testkit.internal.CommandLog;
import org.mailaccess.testkit.internal.FaultPlan;

/**
 * A stateful in-memory IMAP server for tests (IMAP4rev1, RFC 3501, with the extensions listed in {@link ImapProfile}),
 * in the spirit of go-imap's imapmemserver: seed folders and messages, let the code under test work on them over
 * several connections, then verify the folders and what the client sent.
 *
 * <pre>{@code
 * try (FakeImapServer server = FakeImapServer.start()) {
 *     server.addUser("alice", "secret").deliver(MessageBuilder.message().subject("Hi"));
 *     server.injectFault(Fault.dropAfterProcessing("UID MOVE"));
 *     // connect to server.endpoint(), trusting server.clientSslContext()
 *     assertThat(server.mailbox("alice").folder("Archive").messages()).hasSize(1);
 * }
 * }</pre>
 *
 * <p>Sequence numbers are per connection and are renumbered on expunge; changes by one connection (or by the test
 * through {@link ImapFolder}) reach the others as untagged EXISTS, EXPUNGE/VANISHED and FETCH responses at their next
 * command, NOOP or during IDLE (RFC 3501 section 5.2). The server listens on 127.0.0.1 on an ephemeral port with a
 * certificate for {@code localhost} issued by a throw-away CA that {@link #clientSslContext()} trusts. A server is
 * single-use. All methods are thread-safe.
 *
 * <p>The fake POP3 server keeps its own {@link Mailbox} model; the two fakes do not share a store.
 */
public final class FakeImapServer implements AutoCloseable {

    /** The host name clients use to reach every fake server. */
    public static final String HOST = FakeServerCore.HOST;

    /** Command lines may be this long (RFC 7162 section 4 asks for at least 8192 octets). */
    static final int MAX_LINE_LENGTH = 64 * 1024;

    private final ImapProfile profile;
    private final long maxLiteralSize;
    private final Map<String, String> passwords = new LinkedHashMap<>();
    private final Map<String, ImapAccount> accounts = new LinkedHashMap<>();
    private final FakeServerCore core;

    private FakeImapServer(Builder builder) throws IOException {
        this.profile = builder.profile;
        this.maxLiteralSize = builder.maxLiteralSize;
        this.core = new FakeServerCore(Protocol.IMAP, builder.hostname, builder.implicitTls);
        core.listen("fake-imap", builder.idleTimeout, MAX_LINE_LENGTH,
                connection -> new ImapSession(this, connection).run());
    }

    /**
     * Starts a server with {@link ImapProfile#defaults()}: plaintext listener offering STARTTLS.
     *
     * @return the running server
     */
    public static FakeImapServer start() {
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
     * STARTTLS_REQUIRED when the profile offers STARTTLS, else INSECURE_PLAINTEXT.
     *
     * @return the endpoint
     */
    public ServerEndpoint endpoint() {
        return core.endpoint(profile.offersStarttls());
    }

    /**
     * Where to connect, with a chosen TLS mode.
     *
     * @param mode the TLS mode
     * @return the endpoint
     */
    public ServerEndpoint endpoint(TlsMode mode) {
        return core.endpoint(mode);
    }

    /**
     * A client TLS context that trusts exactly the testkit CA which issued this server's certificate.
     *
     * @return the shared context
     */
    public SSLContext clientSslContext() {
        return core.clientSslContext();
    }

    /**
     * A trust store holding only the testkit CA.
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
    public ImapProfile profile() {
        return profile;
    }

    /**
     * Adds a user with INBOX and, unless the profile says {@link ImapProfile#withoutDefaultFolders()}, Sent, Drafts,
     * Trash, Junk and Archive with their SPECIAL-USE roles; or changes an existing user's password, keeping the
     * folders. The password is accepted by LOGIN and AUTHENTICATE PLAIN, and as the XOAUTH2 bearer token.
     *
     * @param user     the login name; no whitespace or control characters
     * @param password the password, also the XOAUTH2 token
     * @return the user's account
     */
    public ImapAccount addUser(String user, String password) {
        FakeServerCore.checkUser(user, password);
        synchronized (accounts) {
            passwords.put(user, password);
            return accounts.computeIfAbsent(user,
                    u -> new ImapAccount(u, profile.has(ImapProfile.Feature.DEFAULT_FOLDERS)));
        }
    }

    /**
     * A user's folders, to seed and inspect.
     *
     * @param user a user added with {@link #addUser(String, String)}
     * @return the account
     * @throws IllegalArgumentException if there is no such user
     */
    public ImapAccount mailbox(String user) {
        ImapAccount account = accountOrNull(user);
        if (account == null) {
            throw new IllegalArgumentException("unknown user '" + user + "'; call addUser first");
        }
        return account;
    }

    /**
     * Creates a folder for a user; see {@link ImapAccount#createFolder(String)}.
     *
     * @param user the user
     * @param name the full folder name
     * @return the folder
     */
    public ImapFolder createFolder(String user, String name) {
        return mailbox(user).createFolder(name);
    }

    /**
     * Delivers a message to a user's folder; a connection idling on it receives {@code * n EXISTS}.
     *
     * @param user    the user
     * @param folder  the folder name, e.g. {@code "INBOX"}
     * @param message the message
     * @return the stored message
     */
    public ImapMessage deliver(String user, String folder, MessageBuilder message) {
        return mailbox(user).folder(folder).deliver(message);
    }

    /**
     * Sets a user's quota; see {@link ImapAccount#setQuota(long, long)}.
     *
     * @param user         the user
     * @param storageKiB   the STORAGE limit in KiB, or -1
     * @param messageLimit the MESSAGE limit, or -1
     * @return this server
     */
    public FakeImapServer setQuota(String user, long storageKiB, long messageLimit) {
        mailbox(user).setQuota(storageKiB, messageLimit);
        return this;
    }

    /**
     * Every command clients sent, in arrival order across connections, secrets and literals included.
     *
     * @return an immutable snapshot
     */
    public List<RecordedCommand> commands() {
        return core.commands();
    }

    /**
     * Removes and returns the oldest recorded command not taken yet, waiting for one if needed.
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
     * Schedules a fault; see {@link Fault} for when each kind fires and how IMAP verbs match.
     *
     * @param fault the fault
     * @return this server
     */
    public FakeImapServer injectFault(Fault fault) {
        core.injectFault(fault);
        return this;
    }

    /** Drops every open connection without a reply, like a network failure. */
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
        return "FakeImapServer[" + endpoint() + ", " + profile + "]";
    }

    boolean checkPassword(String user, String password) {
        synchronized (accounts) {
            return password.equals(passwords.get(user));
        }
    }

    ImapAccount accountOrNull(String user) {
        synchronized (accounts) {
            return accounts.get(user);
        }
    }

    /** The user a PREAUTH greeting logs in: the first one added. */
    ImapAccount firstAccount() {
        synchronized (accounts) {
            return accounts.values().stream().findFirst().orElse(null);
        }
    }

    long maxLiteralSize() {
        return maxLiteralSize;
    }

    FaultPlan faults() {
        return core.faults();
    }

    CommandLog log() {
        return core.log();
    }

    /** Configures a {@link FakeImapServer}. */
    public static final class Builder {

        private ImapProfile profile = ImapProfile.defaults();
        private boolean implicitTls;
        private String hostname = HOST;
        private Duration idleTimeout = Duration.ofMinutes(5);
        private long maxLiteralSize = 64L * 1024 * 1024;

        private Builder() {
        }

        /**
         * Sets the feature profile; the default is {@link ImapProfile#defaults()}.
         *
         * @param profile the profile
         * @return this builder
         */
        public Builder profile(ImapProfile profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
            return this;
        }

        /**
         * Makes the listener speak TLS from the first byte (IMAPS, RFC 8314); STARTTLS is then refused.
         *
         * @return this builder
         */
        public Builder implicitTls() {
            this.implicitTls = true;
            return this;
        }

        /**
         * Sets the name in the server certificate; see {@link FakePop3Server.Builder#hostname(String)}.
         *
         * @param name a DNS name or IPv4 literal
         * @return this builder
         */
        public Builder hostname(String name) {
            this.hostname = FakeServerCore.checkHostname(name);
            return this;
        }

        /**
         * Sets how long a connection may stay silent (outside IDLE) before it is dropped; default 5 minutes.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = FakeServerCore.checkIdleTimeout(timeout);
            return this;
        }

        /**
         * Sets the largest literal accepted; a larger one is answered with {@code * BYE} and the connection is
         * closed, since it cannot be skipped safely (PITFALLS S5). Default 64 MiB.
         *
         * @param bytes the limit
         * @return this builder
         */
        public Builder maxLiteralSize(long bytes) {
            if (bytes < 0 || bytes > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("literal size limit out of range: " + bytes);
            }
            this.maxLiteralSize = bytes;
            return this;
        }

        /**
         * Binds the port and starts serving.
         *
         * @return the running server
         * @throws UncheckedIOException if no loopback port can be bound
         */
        public FakeImapServer start() {
            try {
                return new FakeImapServer(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start fake IMAP server", e);
            }
        }
    }
}
