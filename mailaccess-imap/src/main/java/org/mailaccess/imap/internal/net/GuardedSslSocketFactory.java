package org.mailaccess.imap.internal.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Angus's {@code mail.imap(s).ssl.socketFactory}: layers TLS from the client's {@link javax.net.ssl.SSLContext} on
 * the TCP socket Angus connected (implicit TLS) or on our {@link GuardedSocket} (STARTTLS, after which the plain
 * socket's guard is switched off), and returns a {@link GuardedSslSocket} whose decrypted streams are guarded.
 *
 * <p>Hostname verification (RFC 6125) is switched on here as well as by Angus's
 * {@code ssl.checkserveridentity}, so that no property can turn it off.
 */
final class GuardedSslSocketFactory extends SSLSocketFactory {

    private final ConnectionProbe probe;
    private final SSLSocketFactory delegate;

    GuardedSslSocketFactory(ConnectionProbe probe, SSLSocketFactory delegate) {
        this.probe = probe;
        this.delegate = delegate;
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        if (s instanceof GuardedSocket g) {
            g.rawMode();
        } else {
            probe.transport(s);
        }
        SSLSocket tls = (SSLSocket) delegate.createSocket(s, host, port, autoClose);
        SSLParameters params = tls.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(params);
        probe.tls(tls);
        return new GuardedSslSocket(tls, s, probe);
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(host, port));
        return createSocket(plain, host, port, true);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        Socket plain = new Socket();
        plain.bind(new InetSocketAddress(localHost, localPort));
        plain.connect(new InetSocketAddress(host, port));
        return createSocket(plain, host, port, true);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(host, port));
        return createSocket(plain, host.getHostName(), port, true);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        Socket plain = new Socket();
        plain.bind(new InetSocketAddress(localAddress, localPort));
        plain.connect(new InetSocketAddress(address, port));
        return createSocket(plain, address.getHostName(), port, true);
    }
}
