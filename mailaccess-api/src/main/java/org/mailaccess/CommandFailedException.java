package org.mailaccess;

import java.util.Optional;

/**
 * The server refused a command: POP3 {@code -ERR} (RFC 1939), IMAP {@code NO} or {@code BAD} (RFC 3501 section 7.1).
 * The session is still usable.
 */
public final class CommandFailedException extends MailAccessException {

    /** The refused command verb, such as {@code DELE}; never its arguments. */
    private final String command;
    /** The server's reply text after {@code -ERR}, {@code NO} or {@code BAD}. */
    private final String serverText;
    /** The bracketed response code without brackets, such as {@code IN-USE}, or null when none was sent. */
    private final String responseCode;

    /**
     * Creates the exception.
     *
     * @param command      the command verb (never its arguments, which may hold secrets)
     * @param serverText   the server's reply text
     * @param responseCode the response code such as {@code IN-USE} (RFC 2449) or {@code TRYCREATE} (RFC 3501), or null
     */
    public CommandFailedException(String command, String serverText, String responseCode) {
        super(command + " refused by the server: " + serverText, null);
        this.command = command;
        this.serverText = serverText;
        this.responseCode = responseCode;
    }

    /**
     * The command verb that was refused, such as {@code DELE} or {@code UID MOVE}.
     *
     * @return the verb
     */
    public String command() {
        return command;
    }

    /**
     * The server's reply text.
     *
     * @return the text after {@code -ERR} or {@code NO}
     */
    public String serverText() {
        return serverText;
    }

    /**
     * The bracketed response code, without brackets, such as {@code IN-USE} or {@code OVERQUOTA}.
     *
     * @return the code, when the server sent one
     */
    public Optional<String> responseCode() {
        return Optional.ofNullable(responseCode);
    }

    @Override
    public boolean isSessionUsable() {
        return true;
    }
}
