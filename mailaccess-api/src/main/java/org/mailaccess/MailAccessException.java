package org.mailaccess;

/**
 * The root of every error this library throws. It is unchecked, and its subclasses say whether the session can still
 * be used:
 * <ul>
 *   <li>{@link ConnectionException} and {@link ProtocolViolationException}: the session is dead and has been closed;</li>
 *   <li>{@link AuthenticationException}: the server refused the credentials; no session was opened;</li>
 *   <li>{@link CommandFailedException}: the server said no (POP3 {@code -ERR}, IMAP {@code NO}/{@code BAD}); the
 *       session is still usable;</li>
 *   <li>{@link UnsupportedCapabilityException}: refused locally before anything was sent; the session is usable.</li>
 * </ul>
 * Messages never contain passwords or tokens.
 */
public abstract sealed class MailAccessException extends RuntimeException
        permits ConnectionException, ProtocolViolationException, AuthenticationException, CommandFailedException,
        UnsupportedCapabilityException {

    /**
     * Creates an exception.
     *
     * @param message what happened, without secrets
     * @param cause   the underlying cause, or null
     */
    protected MailAccessException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether the session that threw this can still be used.
     *
     * @return true for a refused command or a missing capability, false when the connection is gone
     */
    public abstract boolean isSessionUsable();
}
