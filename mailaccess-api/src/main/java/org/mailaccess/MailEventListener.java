package org.mailaccess;

/**
 * Hooks into what sessions do, for logging and metrics. Every method does nothing by default; override what you
 * need. Calls come on the session's thread and must not block.
 *
 * <p>Command lines are redacted before they reach a listener: passwords, tokens and SASL payloads (POP3 PASS, APOP,
 * AUTH; IMAP LOGIN, AUTHENTICATE) are replaced by {@code <redacted>}.
 */
public class MailEventListener {

    /** A listener that ignores everything. */
    public static final MailEventListener NONE = new MailEventListener();

    /** Creates a listener whose hooks do nothing. */
    public MailEventListener() {
    }

    /**
     * A connection attempt starts.
     *
     * @param endpoint where to
     */
    public void connecting(ServerEndpoint endpoint) {
    }

    /**
     * TLS was established (at connect for implicit TLS, after STLS/STARTTLS otherwise).
     *
     * @param endpoint    where to
     * @param tlsProtocol the negotiated protocol, such as {@code TLSv1.3}
     */
    public void tlsEstablished(ServerEndpoint endpoint, String tlsProtocol) {
    }

    /**
     * The session authenticated.
     *
     * @param endpoint  where to
     * @param user      the user name
     * @param mechanism the mechanism used, such as {@code USER}, {@code APOP}, {@code PLAIN}, {@code XOAUTH2}
     */
    public void authenticated(ServerEndpoint endpoint, String user, String mechanism) {
    }

    /**
     * A command was sent.
     *
     * @param endpoint where to
     * @param line     the command line without CRLF, secrets redacted
     */
    public void commandSent(ServerEndpoint endpoint, String line) {
    }

    /**
     * A status reply arrived (only the status line, never message content).
     *
     * @param endpoint where from
     * @param line     the reply line without CRLF
     */
    public void replyReceived(ServerEndpoint endpoint, String line) {
    }

    /**
     * The session's connection was closed, cleanly or not.
     *
     * @param endpoint where to
     */
    public void closed(ServerEndpoint endpoint) {
    }
}
