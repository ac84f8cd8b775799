package org.mailaccess.pop3;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.mailaccess.MessageKey;

/**
 * POP3 features with no neutral equivalent, obtained with {@code session.extension(Pop3Access.class)} from a POP3
 * session. Like the session, it serves one thread at a time.
 *
 * <pre>{@code
 * Pop3Access pop3 = session.extension(Pop3Access.class).orElseThrow();
 * session.inbox().delete(keys);
 * if (changedMyMind) pop3.reset();   // RSET: nothing will be deleted
 * }</pre>
 */
public interface Pop3Access {

    /**
     * Unmarks every message marked for deletion in this session (RSET, RFC 1939 section 5).
     *
     * @throws org.mailaccess.CommandFailedException when the server refuses RSET
     * @throws org.mailaccess.ConnectionException    when the connection fails
     */
    void reset();

    /**
     * The messages marked with DELE in this session; the server removes them only when
     * {@link org.mailaccess.MailboxSession#logout()} sends QUIT (RFC 1939 section 6). Empty after a reset or once the
     * connection is gone.
     *
     * @return an immutable snapshot
     */
    Set<MessageKey> pendingDeletes();

    /**
     * The server's retention policy from the CAPA {@code EXPIRE} line (RFC 2449 section 6.7): a number of days,
     * {@code "NEVER"}, or {@code "0"} (messages are removed once retrieved). The value learned after login is used;
     * a trailing {@code USER} marker is dropped.
     *
     * @return the policy, when the server advertised one
     */
    Optional<String> expirePolicy();

    /**
     * The minimum delay between logins the server enforces, from the CAPA {@code LOGIN-DELAY} line (RFC 2449 section
     * 6.8).
     *
     * @return the delay in seconds, when advertised
     */
    OptionalInt loginDelaySeconds();

    /**
     * The size of the maildrop in octets, as the server counts it, without messages marked for deletion (STAT, RFC
     * 1939 section 5). Sends STAT each time.
     *
     * @return the size in octets
     * @throws org.mailaccess.ConnectionException when the connection fails
     */
    long mailboxSize();
}
