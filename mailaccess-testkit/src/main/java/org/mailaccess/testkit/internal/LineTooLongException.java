package org.mailaccess.testkit.internal;

import java.io.IOException;

/** A client sent a line longer than the server's limit; the connection cannot be resynchronised and is dropped. */
public final class LineTooLongException extends IOException {

    /**
     * Creates the exception.
     *
     * @param limit the line length limit in bytes, CRLF excluded
     */
    public LineTooLongException(int limit) {
        super("line longer than " + limit + " bytes");
    }
}
