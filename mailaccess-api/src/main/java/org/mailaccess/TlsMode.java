package org.mailaccess;

/**
 * How a session protects its connection.
 *
 * <p>There is deliberately no "opportunistic" STARTTLS: a connection either is encrypted, or the caller said, with a
 * constant whose name starts with {@code INSECURE}, that it may be plaintext (see RFC 8314, which recommends implicit
 * TLS, and the STARTTLS downgrade attacks it describes).
 */
public enum TlsMode {
    /** TLS from the first byte (RFC 8314), the default: ports 995 and 993. */
    IMPLICIT,
    /**
     * Plain connection upgraded with STLS (POP3, RFC 2595) or STARTTLS (IMAP, RFC 3501). If the server does not offer
     * it, or refuses it, the session fails with {@link TlsRequiredException} before any credential is sent.
     */
    STARTTLS_REQUIRED,
    /**
     * No TLS at all: the password crosses the network in cleartext. Only for tests and trusted loopback links.
     */
    INSECURE_PLAINTEXT
}
