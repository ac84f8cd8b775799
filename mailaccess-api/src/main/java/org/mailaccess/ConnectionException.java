package org.mailaccess;

/**
 * The connection failed: it could not be opened, TLS failed, it was dropped, or a timeout expired. The session is
 * dead and closed; open a new one. When this happens after a command was sent, its outcome on the server is unknown.
 */
public non-sealed class ConnectionException extends MailAccessException {

    /** Whether a connect, read or write timeout expired, as opposed to another I/O failure. */
    private final boolean timeout;

    /**
     * Creates the exception.
     *
     * @param message what happened
     * @param cause   the I/O error, or null
     * @param timeout whether a timeout expired
     */
    public ConnectionException(String message, Throwable cause, boolean timeout) {
        super(message, cause);
        this.timeout = timeout;
    }

    /**
     * Creates the exception for an I/O failure that was not a timeout.
     *
     * @param message what happened
     * @param cause   the I/O error, or null
     */
    public ConnectionException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /**
     * Whether a connect, read or write timeout expired.
     *
     * @return true for a timeout
     */
    public boolean isTimeout() {
        return timeout;
    }

    @Override
    public boolean isSessionUsable() {
        return false;
    }
}
