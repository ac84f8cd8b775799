package org.mailaccess;

import java.util.Optional;

/**
 * The server refused the credentials (POP3 {@code -ERR} to PASS/APOP/AUTH, RFC 1939 and RFC 5034; IMAP {@code NO} to
 * LOGIN/AUTHENTICATE, RFC 3501), or no mechanism both sides support was left. No session was opened.
 */
public final class AuthenticationException extends MailAccessException {

    /** The server's reply text to the refused authentication, or null when there was none. */
    private final String serverText;

    /**
     * Creates the exception.
     *
     * @param message    what happened, without secrets
     * @param serverText the server's reply text, or null
     */
    public AuthenticationException(String message, String serverText) {
        super(message, null);
        this.serverText = serverText;
    }

    /**
     * The server's human-readable reply, when there was one.
     *
     * @return the reply text
     */
    public Optional<String> serverText() {
        return Optional.ofNullable(serverText);
    }

    @Override
    public boolean isSessionUsable() {
        return false;
    }
}
