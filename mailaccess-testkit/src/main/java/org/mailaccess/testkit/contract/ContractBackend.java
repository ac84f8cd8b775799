package org.mailaccess.testkit.contract;

import java.util.Map;
import java.util.Optional;
import org.mailaccess.Credentials;
import org.mailaccess.MailboxSession;
import org.mailaccess.Protocol;

/**
 * A mail server the {@link MailboxSessionContract} runs against, together with the client that talks to it: a fake
 * server of this testkit, GreenMail, a private Dovecot, or your own server. The contract creates one backend per test
 * class ({@link MailboxSessionContract#createBackend()}), gives every test a fresh user, and closes the backend after
 * the last test.
 *
 * <p>A minimal implementation for a server that is already running:
 *
 * <pre>{@code
 * final class MyServerBackend implements ContractBackend {
 *     private final AtomicInteger users = new AtomicInteger();
 *
 *     public String name() { return "my server"; }
 *     public Protocol protocol() { return Protocol.IMAP; }
 *     public String createUser() {
 *         String user = "contract" + users.incrementAndGet();
 *         admin.createUser(user, "pw-" + user);          // however your server provisions accounts
 *         return user;
 *     }
 *     public Credentials credentials(String user) { return Credentials.password(user, "pw-" + user); }
 *     public MailboxSession open(Credentials credentials) { return client.open(endpoint, credentials); }
 *     public void deliver(String user, byte[] rfc822) { admin.deliver(user, rfc822); }   // not through the client
 * }
 * }</pre>
 *
 * <p>Implementations are used from the test thread and, for {@link #deliver}, while another thread of the client
 * watches the mailbox; they must tolerate that.
 */
public interface ContractBackend extends AutoCloseable {

    /**
     * A short name for skip reasons and failure messages, e.g. {@code "fake IMAP (no MOVE/CONDSTORE/IDLE/QUOTA)"}.
     *
     * @return the name
     */
    String name();

    /**
     * The protocol the sessions of this backend speak.
     *
     * @return POP3 or IMAP
     */
    Protocol protocol();

    /**
     * Creates a user that no earlier call returned, with an empty INBOX (IMAP servers may create their usual
     * special-use folders too). When the server supports quotas (RFC 9208), give the user a STORAGE limit of at least
     * 10 MiB, so that the quota case has something to report and the corpus fits.
     *
     * @return the login name
     */
    String createUser();

    /**
     * The right credentials of a user made by {@link #createUser()}.
     *
     * @param user the login name
     * @return credentials the server accepts
     */
    Credentials credentials(String user);

    /**
     * Credentials of an existing user that the server must refuse; by default the right user name with the password
     * {@code "wrong-password-of-" + user}.
     *
     * @param user the login name
     * @return credentials the server refuses
     */
    default Credentials badCredentials(String user) {
        return Credentials.password(user, "wrong-password-of-" + user);
    }

    /**
     * Opens an authenticated session with the backend's client settings (TLS trust, timeouts, protocol options).
     *
     * @param credentials the credentials to log in with
     * @return the open session
     * @throws org.mailaccess.AuthenticationException when the server refuses the credentials
     */
    MailboxSession open(Credentials credentials);

    /**
     * Opens a session of a user with the right credentials.
     *
     * @param user the login name
     * @return the open session
     */
    default MailboxSession open(String user) {
        return open(credentials(user));
    }

    /**
     * Delivers a message into a user's INBOX the way mail arrives: through the server's own delivery path (for
     * example {@code doveadm save} or a fake server's seeding API), never through the client under test. The message
     * must become visible to sessions opened afterwards, and to a running IMAP IDLE within a few seconds.
     *
     * @param user   the login name
     * @param rfc822 the message bytes, CRLF line ends
     */
    void deliver(String user, byte[] rfc822);

    /**
     * Contract cases this backend is known not to pass, by case name (the test method name of
     * {@link MailboxSessionContract}), with the reason printed as the skip message, e.g. {@code
     * Map.of("streamsEachMessageByteExactAsDelivered", "GreenMail re-serialises stored messages")}. Only for
     * shortcomings of the server, never of the client under test. Every name must be a case of the contract, or the
     * class fails before its first test.
     *
     * @return reasons by case name; empty by default
     */
    default Map<String, String> knownGaps() {
        return Map.of();
    }

    /**
     * Why this backend cannot pass a case, if it cannot.
     *
     * @param caseName the test method name of the case
     * @return the reason, printed as the case's skip message; empty when the case must pass
     */
    default Optional<String> knownGap(String caseName) {
        return Optional.ofNullable(knownGaps().get(caseName));
    }

    /** Stops the server, if the backend started it. Does nothing by default. */
    @Override
    default void close() {
    }
}
