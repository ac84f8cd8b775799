package org.mailaccess.testkit;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.mailaccess.Protocol;
import org.mailaccess.ServerEndpoint;
import org.mailaccess.TlsMode;
import org.mailaccess.testkit.internal.DovecotInstallation;
import org.mailaccess.testkit.internal.DovecotInstance;
import org.mailaccess.testkit.internal.DovecotUsers;

/**
 * A private, throw-away Dovecot 2.3 for tests against a real IMAP and POP3 server. Each instance writes its own
 * configuration into a fresh temporary directory and runs its own {@code dovecot -F} as a child process, listening
 * only on 127.0.0.1 on four free ports:
 *
 * <ul>
 *   <li>IMAP with STARTTLS ({@link #imapPort()}) and IMAP over implicit TLS ({@link #imapsPort()});</li>
 *   <li>POP3 with STLS ({@link #pop3Port()}) and POP3 over implicit TLS ({@link #pop3sPort()}).</li>
 * </ul>
 *
 * <p>The certificate is for {@code localhost} and IP {@code 127.0.0.1}; {@link #clientSslContext()} trusts it, so
 * clients can keep hostname verification on. Plaintext logins work on the plain ports too (for
 * {@link TlsMode#INSECURE_PLAINTEXT} tests) although Dovecot's secure default {@code disable_plaintext_auth = yes}
 * is kept: Dovecot counts a connection from 127.0.0.1 to 127.0.0.1 as secure, so it neither announces LOGINDISABLED
 * nor refuses LOGIN/USER/AUTH PLAIN there. Failed logins are answered within half a second (no failure delay, no
 * per-IP penalty). Users live in passwd-files that Dovecot re-reads when they change, so
 * {@link #addUser(String, String)} works before and after start. Mail is stored in Maildirs under
 * {@link #mailRoot()}, with a quota (10 MiB and 1000 messages unless configured) reported by IMAP GETQUOTAROOT, and
 * with the SPECIAL-USE folders Drafts, Sent, Trash, Junk and Archive created and subscribed automatically. IMAP has
 * Dovecot's default capabilities (IDLE, MOVE, UIDPLUS, CONDSTORE, QRESYNC, SPECIAL-USE, QUOTA, ...); POP3 has
 * PIPELINING, UIDL (one stable, unique UIDL per message) and TOP.
 *
 * <pre>{@code
 * try (DovecotServer dovecot = DovecotServer.builder().user("alice", "secret").start()) {
 *     dovecot.deliver("alice", MessageBuilder.message().subject("Hi").build());
 *     ServerEndpoint endpoint = dovecot.imapEndpoint(TlsMode.IMPLICIT); // trust dovecot.clientSslContext()
 * }
 * }</pre>
 *
 * <p>Starting and closing take well under a second each. Dovecot must be installed ({@link #isAvailable()}); tests should skip, with
 * {@link #availabilityProblem()} as the reason, when it is not. Works both as root (as on CI: Dovecot's packaged
 * {@code dovecot}/{@code dovenull} users run the internal and login processes, and mail belongs to {@code nobody},
 * because Dovecot refuses mail access as root) and as an ordinary user (every process runs as that user). All methods
 * are thread-safe. A server is single-use: once closed it cannot be restarted.
 */
public final class DovecotServer implements AutoCloseable {

    /** The host name clients use; the certificate is valid for it (and for 127.0.0.1). */
    public static final String HOST = "localhost";

    private static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(15);

    private final DovecotInstance instance;
    private final Object lifecycle = new Object();
    private boolean closed;
    private String finalLogTail;

    private DovecotServer(DovecotInstance instance) {
        this.instance = instance;
    }

    /**
     * Whether Dovecot's master binary, {@code doveadm} and the IMAP and POP3 binaries are installed.
     *
     * @return true if a server can be started
     */
    public static boolean isAvailable() {
        return DovecotInstallation.find().isPresent();
    }

    /**
     * Why Dovecot cannot be used here, phrased for a skipped test's message.
     *
     * @return empty if {@link #isAvailable()}, otherwise what is missing and how to install it
     */
    public static Optional<String> availabilityProblem() {
        if (isAvailable()) {
            return Optional.empty();
        }
        return Optional.of("Dovecot is not installed (missing " + DovecotInstallation.missingParts() + "); to run"
                + " the tests against a real server, " + DovecotInstallation.INSTALL_HINT);
    }

    /**
     * Starts a server with the default settings and no users.
     *
     * @return the running server
     * @throws IllegalStateException if Dovecot is not installed or does not start; the message has its log's tail
     */
    public static DovecotServer start() {
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
     * Adds a user or changes a user's password; works while the server runs. A new user can log in at once; a
     * password change makes this method wait until the next full second, because Dovecot checks a user's file for
     * changes at most once per second.
     *
     * @param user     the login name: letters, digits and {@code . _ @ + -}
     * @param password the password, any characters
     * @return this server
     * @throws IllegalArgumentException if the user name is not allowed
     */
    public DovecotServer addUser(String user, String password) {
        if (instance.users().put(user, password)) {
            awaitNextSecond();
        }
        return this;
    }

    /**
     * Delivers a message to a user's INBOX, through {@code doveadm save} (so indexes and quota are updated exactly as
     * for a real delivery). The message is new (unseen, {@code \Recent}) and visible to POP3.
     *
     * @param user   a user added with {@link #addUser(String, String)}
     * @param rfc822 the message, ideally with CRLF line ends
     * @return this server
     * @throws IllegalArgumentException if there is no such user
     * @throws IllegalStateException    if Dovecot refuses the message, e.g. over quota; the message says why
     */
    public DovecotServer deliver(String user, byte[] rfc822) {
        return deliver(user, "INBOX", rfc822);
    }

    /**
     * Delivers a message to one of a user's folders, creating the folder if it does not exist yet.
     *
     * @param user   a user added with {@link #addUser(String, String)}
     * @param folder the folder's name as IMAP shows it (UTF-8, hierarchy separator {@code .}), e.g. {@code "Sent"}
     * @param rfc822 the message
     * @return this server
     * @throws IllegalArgumentException if there is no such user or the folder name is empty or has control characters
     * @throws IllegalStateException    if Dovecot refuses the message; the message says why
     */
    public DovecotServer deliver(String user, String folder, byte[] rfc822) {
        Objects.requireNonNull(rfc822, "rfc822");
        if (!instance.users().contains(DovecotUsers.checkUserName(user))) {
            throw new IllegalArgumentException("unknown user '" + user + "'; call addUser first");
        }
        if (folder.isEmpty() || folder.chars().anyMatch(c -> c < ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("bad folder name: '" + folder + "'");
        }
        checkOpen();
        instance.admin().save(user, folder, rfc822);
        return this;
    }

    /**
     * The IMAP port, which offers STARTTLS and, from loopback, also accepts plaintext logins.
     *
     * @return the port on 127.0.0.1
     */
    public int imapPort() {
        return instance.config().ports().imap();
    }

    /**
     * The IMAPS port (TLS from the first byte).
     *
     * @return the port on 127.0.0.1
     */
    public int imapsPort() {
        return instance.config().ports().imaps();
    }

    /**
     * The POP3 port, which offers STLS and, from loopback, also accepts plaintext logins.
     *
     * @return the port on 127.0.0.1
     */
    public int pop3Port() {
        return instance.config().ports().pop3();
    }

    /**
     * The POP3S port (TLS from the first byte).
     *
     * @return the port on 127.0.0.1
     */
    public int pop3sPort() {
        return instance.config().ports().pop3s();
    }

    /**
     * The host name to connect to, which the certificate is valid for.
     *
     * @return {@code "localhost"}
     */
    public String host() {
        return HOST;
    }

    /**
     * Where an IMAP client connects for a TLS mode: {@link TlsMode#IMPLICIT} to the IMAPS port, the other modes to
     * the plain port.
     *
     * @param mode the TLS mode
     * @return the endpoint
     */
    public ServerEndpoint imapEndpoint(TlsMode mode) {
        return new ServerEndpoint(Protocol.IMAP, HOST, mode == TlsMode.IMPLICIT ? imapsPort() : imapPort(), mode);
    }

    /**
     * Where a POP3 client connects for a TLS mode: {@link TlsMode#IMPLICIT} to the POP3S port, the other modes to
     * the plain port.
     *
     * @param mode the TLS mode
     * @return the endpoint
     */
    public ServerEndpoint pop3Endpoint(TlsMode mode) {
        return new ServerEndpoint(Protocol.POP3, HOST, mode == TlsMode.IMPLICIT ? pop3sPort() : pop3Port(), mode);
    }

    /**
     * A client TLS context that trusts this server's certificate (and nothing else). Hostname verification is still
     * the client's job, e.g. {@code SSLParameters.setEndpointIdentificationAlgorithm("HTTPS")}.
     *
     * @return the context, shared by all servers of the JVM
     */
    public SSLContext clientSslContext() {
        return instance.tls().clientContext();
    }

    /**
     * A trust store holding this server's trust anchor, for clients configured by key store.
     *
     * @return a fresh PKCS12 key store
     */
    public KeyStore trustStore() {
        return instance.tls().trustStore();
    }

    /**
     * The directory holding one Maildir per user ({@code mailRoot()/<user>}, subfolders as Maildir++
     * {@code .Name} directories). Created by Dovecot on first use of each user; deleted by {@link #close()}.
     *
     * @return the directory
     */
    public Path mailRoot() {
        return instance.config().mailRoot();
    }

    /**
     * The last lines of Dovecot's log (logins, errors, start-up problems), for test failure messages. After
     * {@link #close()}, the lines as they were just before the directory was deleted.
     *
     * @return up to 40 lines
     */
    public String logTail() {
        synchronized (lifecycle) {
            return closed ? finalLogTail : instance.process().logTail();
        }
    }

    /**
     * Whether Dovecot is still running: true from start until {@link #close()}, unless it died.
     *
     * @return true if running
     */
    public boolean isRunning() {
        synchronized (lifecycle) {
            return !closed && instance.process().isAlive();
        }
    }

    /**
     * Stops Dovecot and deletes the temporary directory with all mail. The master gets SIGTERM; as soon as no IMAP
     * or POP3 process is left (at most one second), the master and every process it forked get SIGKILL and are
     * awaited, so the ports are free when this returns. (A clean Dovecot exit would take another 1.5 to 3 seconds
     * of waiting for its log and login processes, which buys nothing for a throw-away instance.) Idempotent.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            instance.process().stop();
            finalLogTail = instance.process().logTail();
            instance.deleteDirectory();
        }
    }

    /**
     * Describes the server for test failure messages.
     *
     * @return the ports and the directory
     */
    @Override
    public String toString() {
        return "DovecotServer[imap=" + imapPort() + ", imaps=" + imapsPort() + ", pop3=" + pop3Port() + ", pop3s="
                + pop3sPort() + ", dir=" + instance.config().root() + "]";
    }

    private static void awaitNextSecond() {
        long millis = System.currentTimeMillis();
        try {
            Thread.sleep(1000 - millis % 1000 + 10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkOpen() {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("the Dovecot server is closed");
            }
        }
    }

    /** Configures a {@link DovecotServer}. */
    public static final class Builder {

        private final Map<String, String> initialUsers = new LinkedHashMap<>();
        private long quotaStorage = 10L * 1024 * 1024;
        private long quotaMessages = 1000;
        private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;
        private Path parentDirectory;

        private Builder() {
        }

        /**
         * Adds a user before the server starts; the same as {@link DovecotServer#addUser(String, String)} later.
         *
         * @param user     the login name: letters, digits and {@code . _ @ + -}
         * @param password the password, any characters
         * @return this builder
         */
        public Builder user(String user, String password) {
            initialUsers.put(DovecotUsers.checkUserName(user), Objects.requireNonNull(password, "password"));
            return this;
        }

        /**
         * Sets every user's quota; the default is 10 MiB and 1000 messages. Limits are exact (no grace).
         *
         * @param storageBytes the storage limit in bytes (IMAP reports it in KiB)
         * @param messages     the message count limit
         * @return this builder
         */
        public Builder quota(long storageBytes, long messages) {
            if (storageBytes < 1024 || messages < 1) {
                throw new IllegalArgumentException("quota must be at least 1 KiB and 1 message");
            }
            this.quotaStorage = storageBytes;
            this.quotaMessages = messages;
            return this;
        }

        /**
         * Sets how long {@link #start()} waits for every port to accept connections; the default is 15 seconds.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder startupTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("startup timeout must be positive: " + timeout);
            }
            this.startupTimeout = timeout;
            return this;
        }

        /**
         * Sets where the server's temporary directory is created; the default is {@code java.io.tmpdir}. The path
         * may contain only letters, digits and {@code ._/+-}, and should be short (Dovecot's UNIX sockets live
         * there, and socket paths are limited to about 100 bytes).
         *
         * @param directory an existing directory
         * @return this builder
         */
        public Builder parentDirectory(Path directory) {
            this.parentDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Writes the configuration, starts Dovecot and waits until all four ports accept connections.
         *
         * @return the running server
         * @throws IllegalStateException if Dovecot is not installed or does not start in time; the message has the
         *                               tail of Dovecot's log
         * @throws UncheckedIOException  if the temporary files cannot be written
         */
        public DovecotServer start() {
            DovecotInstallation installation = DovecotInstallation.find().orElseThrow(() ->
                    new IllegalStateException(availabilityProblem().orElse("Dovecot is not installed")));
            Path parent = parentDirectory != null ? parentDirectory : Path.of(System.getProperty("java.io.tmpdir"));
            return new DovecotServer(DovecotInstance.start(installation, parent, initialUsers, quotaStorage,
                    quotaMessages, startupTimeout));
        }
    }
}
