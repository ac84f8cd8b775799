package org.mailaccess;

import java.util.Objects;

/**
 * Where a session connects: protocol, host, port and TLS mode.
 *
 * <p>The host name is also the name the server certificate is verified against (RFC 6125); hostname verification is
 * always on.
 *
 * @param protocol POP3 or IMAP
 * @param host     the server host name or address literal
 * @param port     the TCP port, 1 to 65535
 * @param tls      how the connection is protected
 */
public record ServerEndpoint(Protocol protocol, String host, int port, TlsMode tls) {

    /**
     * Validates the components.
     *
     * @param protocol the protocol spoken, POP3 or IMAP
     * @param host     the server host name or IP address literal, without spaces or control characters; also the
     *                 name the server certificate is verified against (RFC 6125)
     * @param port     the TCP port, 1 to 65535
     * @param tls      how the connection is protected: implicit TLS from the first byte, a required STLS/STARTTLS
     *                 upgrade, or (for tests only) none
     * @throws NullPointerException     when {@code protocol}, {@code host} or {@code tls} is null
     * @throws IllegalArgumentException when the host is blank or contains spaces or control characters, or the port
     *                                  is out of range
     */
    public ServerEndpoint {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
        if (host.isBlank() || host.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("host must be a non-empty name without spaces or control characters");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /**
     * POP3 over implicit TLS on port 995 (RFC 8314).
     *
     * @param host the server host
     * @return the endpoint
     */
    public static ServerEndpoint pop3s(String host) {
        return new ServerEndpoint(Protocol.POP3, host, 995, TlsMode.IMPLICIT);
    }

    /**
     * IMAP over implicit TLS on port 993 (RFC 8314).
     *
     * @param host the server host
     * @return the endpoint
     */
    public static ServerEndpoint imaps(String host) {
        return new ServerEndpoint(Protocol.IMAP, host, 993, TlsMode.IMPLICIT);
    }

    /**
     * Any protocol and TLS mode on its well-known port.
     *
     * @param protocol the protocol
     * @param host     the server host
     * @param tls      the TLS mode
     * @return the endpoint
     */
    public static ServerEndpoint of(Protocol protocol, String host, TlsMode tls) {
        return new ServerEndpoint(protocol, host, protocol.defaultPort(tls), tls);
    }

    /**
     * This endpoint on another port.
     *
     * @param newPort the port
     * @return a copy with the port replaced
     */
    public ServerEndpoint withPort(int newPort) {
        return new ServerEndpoint(protocol, host, newPort, tls);
    }

    /**
     * This endpoint with another TLS mode (the port is kept).
     *
     * @param newTls the TLS mode
     * @return a copy with the TLS mode replaced
     */
    public ServerEndpoint withTls(TlsMode newTls) {
        return new ServerEndpoint(protocol, host, port, newTls);
    }
}
