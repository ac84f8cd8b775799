package org.mailaccess.testkit.internal;

/** A command did not follow the IMAP grammar; the session answers {@code BAD} with a fixed text, never the input. */
public final class ImapSyntaxException extends RuntimeException {

    /**
     * Creates the exception.
     *
     * @param message what was wrong, for the BAD reply; must not contain client input
     */
    public ImapSyntaxException(String message) {
        super(message, null, false, false);
    }
}
