package org.mailaccess;

/**
 * TLS was required ({@link TlsMode#IMPLICIT} or {@link TlsMode#STARTTLS_REQUIRED}) but could not be established: the
 * server did not offer STLS/STARTTLS (RFC 2595, RFC 3501 section 6.2.1), refused it, or sent a PREAUTH greeting. No
 * credential was sent.
 */
public class TlsRequiredException extends ConnectionException {

    /**
     * Creates the exception.
     *
     * @param message why TLS could not be established
     */
    public TlsRequiredException(String message) {
        super(message, null, false);
    }

    /**
     * Creates the exception with the TLS failure that caused it.
     *
     * @param message why TLS could not be established
     * @param cause   the handshake or I/O error
     */
    public TlsRequiredException(String message, Throwable cause) {
        super(message, cause, false);
    }
}
