package org.mailaccess;

/**
 * The server sent something the protocol does not allow, or something beyond this library's safety limits (an
 * over-long line, a huge literal, duplicate POP3 UIDLs). The session is closed, since the stream can no longer be
 * trusted to be in step.
 */
public final class ProtocolViolationException extends MailAccessException {

    /**
     * Creates the exception.
     *
     * @param message what was wrong, without secrets
     */
    public ProtocolViolationException(String message) {
        super(message, null);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what was wrong
     * @param cause   the underlying error
     */
    public ProtocolViolationException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isSessionUsable() {
        return false;
    }
}
