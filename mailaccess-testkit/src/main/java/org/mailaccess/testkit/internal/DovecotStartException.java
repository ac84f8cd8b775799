package org.mailaccess.testkit.internal;

/** Dovecot did not start; the message ends with the tail of its log. */
public final class DovecotStartException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** The last lines of Dovecot's log when it failed. */
    private final String logTail;

    /**
     * Creates the exception.
     *
     * @param message what went wrong
     * @param logTail the last lines of Dovecot's log
     */
    public DovecotStartException(String message, String logTail) {
        super(message + "\n--- Dovecot log (tail) ---\n" + logTail);
        this.logTail = logTail;
    }

    /**
     * The last lines of Dovecot's log.
     *
     * @return the lines
     */
    public String logTail() {
        return logTail;
    }

    /**
     * Whether Dovecot failed because a port was taken between choosing it and binding it.
     *
     * @return true if the log reports "Address already in use"
     */
    public boolean portCollision() {
        return logTail.contains("Address already in use");
    }
}
