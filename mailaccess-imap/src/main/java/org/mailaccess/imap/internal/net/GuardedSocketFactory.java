package org.mailaccess.imap.internal.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Angus's {@code mail.imap.socketFactory}: hands out unconnected {@link GuardedSocket}s, which Angus connects with
 * its connect timeout (SocketFetcher calls {@link #createSocket()} for a non-TLS factory).
 */
final class GuardedSocketFactory extends SocketFactory {

    private final ConnectionProbe probe;

    GuardedSocketFactory(ConnectionProbe probe) {
        this.probe = probe;
    }

    @Override
    public Socket createSocket() {
        GuardedSocket s = new GuardedSocket(probe);
        probe.transport(s);
        return s;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(new InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        Socket s = createSocket();
        s.bind(new InetSocketAddress(localHost, localPort));
        s.connect(new InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(new InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        Socket s = createSocket();
        s.bind(new InetSocketAddress(localAddress, localPort));
        s.connect(new InetSocketAddress(address, port));
        return s;
    }
}
