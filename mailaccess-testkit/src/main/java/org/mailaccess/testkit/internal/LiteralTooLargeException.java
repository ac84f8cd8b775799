package org.mailaccess.testkit.internal;

import java.io.IOException;

/** A client announced a literal above the server's limit; the connection cannot be resynchronised and is closed. */
public final class LiteralTooLargeException extends IOException {

    /**
     * Creates the exception.
     *
     * @param limit the literal size limit in bytes
     */
    public LiteralTooLargeException(long limit) {
        super("literal larger than " + limit + " bytes");
    }
}
