package org.mailaccess;

import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import javax.net.ssl.SSLContext;
import org.mailaccess.spi.MailboxProvider;

/**
 * Opens {@link MailboxSession}s. Build one and share it: it is immutable and thread-safe, holding only settings
 * (timeouts, TLS trust, listener, protocol options). Protocol modules on the class or module path
 * ({@code mailaccess-pop3}, {@code mailaccess-imap}) are found with {@link ServiceLoader}.
 *
 * <pre>{@code
 * MailboxClient client = MailboxClient.builder().readTimeout(Duration.ofSeconds(30)).build();
 * try (MailboxSession session = client.open(ServerEndpoint.pop3s("pop.example.org"),
 *         Credentials.password("ann", secret))) {
 *     List<MessageSummary> all = session.inbox().summaries(MessageRange.all(), FetchSpec.headers());
 * }
 * }</pre>
 *
 * <p>Every timeout is finite by default: connect 15 s, read 60 s, write 60 s.
 */
public final class MailboxClient {

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration writeTimeout;
    private final SSLContext sslContext;
    private final MailEventListener listener;
    private final Map<Class<?>, ProtocolOptions> options;

    private MailboxClient(Builder b) {
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.writeTimeout = b.writeTimeout;
        this.sslContext = b.sslContext;
        this.listener = b.listener;
        this.options = Map.copyOf(b.options);
    }

    /**
     * A builder with the default settings.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder that starts from this client's settings.
     *
     * @return a new builder
     */
    public Builder newBuilder() {
        Builder b = new Builder();
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.writeTimeout = writeTimeout;
        b.sslContext = sslContext;
        b.listener = listener;
        b.options.putAll(options);
        return b;
    }

    /**
     * Connects, secures the connection as the endpoint says, and authenticates.
     *
     * @param endpoint    where to connect
     * @param credentials who logs in
     * @return an authenticated session; close it when done
     * @throws ConnectionException     when the server cannot be reached or TLS fails
     * @throws TlsRequiredException    when TLS is required but the server does not offer it
     * @throws AuthenticationException when the server refuses the credentials
     * @throws IllegalStateException   when no module for the endpoint's protocol is on the class path
     */
    public MailboxSession open(ServerEndpoint endpoint, Credentials credentials) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(credentials, "credentials");
        return provider(endpoint.protocol()).open(endpoint, credentials, this);
    }

    private static MailboxProvider provider(Protocol protocol) {
        for (MailboxProvider p : ServiceLoader.load(MailboxProvider.class, MailboxClient.class.getClassLoader())) {
            if (p.protocol() == protocol) {
                return p;
            }
        }
        throw new IllegalStateException("No mailaccess module for " + protocol + " found; add mailaccess-"
                + protocol.name().toLowerCase(java.util.Locale.ROOT) + " to the dependencies");
    }

    /**
     * The connect timeout.
     *
     * @return the timeout
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * How long a read may block before the session is declared dead.
     *
     * @return the timeout
     */
    public Duration readTimeout() {
        return readTimeout;
    }

    /**
     * How long a write may block before the session is declared dead.
     *
     * @return the timeout
     */
    public Duration writeTimeout() {
        return writeTimeout;
    }

    /**
     * The TLS context whose trust managers verify server certificates.
     *
     * @return the context
     */
    public SSLContext sslContext() {
        return sslContext;
    }

    /**
     * The event listener.
     *
     * @return the listener
     */
    public MailEventListener listener() {
        return listener;
    }

    /**
     * The options registered for one protocol module.
     *
     * @param type the options class
     * @param <T>  the options type
     * @return the options, if registered
     */
    public <T extends ProtocolOptions> Optional<T> options(Class<T> type) {
        return Optional.ofNullable(options.get(type)).map(type::cast);
    }

    @Override
    public String toString() {
        return "MailboxClient[connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", writeTimeout="
                + writeTimeout + ", options=" + options.keySet() + "]";
    }

    /** Collects settings for a {@link MailboxClient}. Not thread-safe. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(15);
        private Duration readTimeout = Duration.ofSeconds(60);
        private Duration writeTimeout = Duration.ofSeconds(60);
        private SSLContext sslContext;
        private MailEventListener listener = MailEventListener.NONE;
        private final Map<Class<?>, ProtocolOptions> options = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Sets the connect timeout (default 15 s).
         *
         * @param timeout positive and finite
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout);
            return this;
        }

        /**
         * Sets the read timeout (default 60 s).
         *
         * @param timeout positive and finite
         * @return this builder
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive(timeout);
            return this;
        }

        /**
         * Sets the write timeout (default 60 s).
         *
         * @param timeout positive and finite
         * @return this builder
         */
        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = positive(timeout);
            return this;
        }

        /**
         * Sets the TLS context; its trust managers decide which server certificates are trusted. Hostname
         * verification is applied on top and cannot be switched off. Default: the JVM's default context.
         *
         * @param context the context
         * @return this builder
         */
        public Builder sslContext(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "context");
            return this;
        }

        /**
         * Sets the event listener.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(MailEventListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Registers the options of one protocol module, replacing earlier options of the same class.
         *
         * @param protocolOptions for example {@code Pop3Options}
         * @return this builder
         */
        public Builder options(ProtocolOptions protocolOptions) {
            Objects.requireNonNull(protocolOptions, "protocolOptions");
            options.put(protocolOptions.getClass(), protocolOptions);
            return this;
        }

        /**
         * Builds the client.
         *
         * @return the client
         */
        public MailboxClient build() {
            if (sslContext == null) {
                try {
                    sslContext = SSLContext.getDefault();
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException("The JVM has no default TLS context", e);
                }
            }
            return new MailboxClient(this);
        }

        private static Duration positive(Duration d) {
            Objects.requireNonNull(d, "timeout");
            if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("timeout must be positive and at most one day: " + d);
            }
            return d;
        }
    }
}
