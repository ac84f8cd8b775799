package org.mailaccess;

/**
 * The mail access protocols this library speaks.
 *
 * <p>POP3 follows RFC 1939 (with RFC 2449 CAPA and RFC 2595 STLS); IMAP follows RFC 3501 / RFC 9051.
 */
public enum Protocol {
    /** Post Office Protocol version 3, RFC 1939. Implicit TLS port 995 (RFC 8314), plain/STLS port 110. */
    POP3(995, 110),
    /** Internet Message Access Protocol, RFC 3501 / RFC 9051. Implicit TLS port 993 (RFC 8314), plain/STARTTLS port 143. */
    IMAP(993, 143);

    private final int implicitTlsPort;
    private final int plainPort;

    Protocol(int implicitTlsPort, int plainPort) {
        this.implicitTlsPort = implicitTlsPort;
        this.plainPort = plainPort;
    }

    /**
     * The well-known port for a TLS mode.
     *
     * @param tls the TLS mode
     * @return 995/993 for {@link TlsMode#IMPLICIT}, 110/143 otherwise (RFC 8314 section 7)
     */
    public int defaultPort(TlsMode tls) {
        return tls == TlsMode.IMPLICIT ? implicitTlsPort : plainPort;
    }
}
