package org.mailaccess.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * A {@link SocketFactory} whose sockets are our own {@link Socket} subclasses. Commons Net and Angus both call
 * {@link #createSocket()} and connect the result themselves, with their connect timeout; the other overloads exist
 * only because {@code SocketFactory} declares them, and build on the same unconnected socket so that no path hands
 * out a socket without our wrapping.
 */
public abstract class UnconnectedSocketFactory extends SocketFactory {

    /** For subclasses. */
    protected UnconnectedSocketFactory() {
    }

    /**
     * Creates one unconnected socket, the only thing a subclass decides.
     *
     * @return a new, unconnected socket
     */
    @Override
    public abstract Socket createSocket();

    @Override
    public final Socket createSocket(String host, int port) throws IOException {
        return connected(null, new InetSocketAddress(host, port));
    }

    @Override
    public final Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(localHost, localPort), new InetSocketAddress(host, port));
    }

    @Override
    public final Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(null, new InetSocketAddress(host, port));
    }

    @Override
    public final Socket createSocket(InetAddress host, int port, InetAddress localHost, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(localHost, localPort), new InetSocketAddress(host, port));
    }

    private Socket connected(InetSocketAddress local, InetSocketAddress remote) throws IOException {
        Socket s = createSocket();
        if (local != null) {
            s.bind(local);
        }
        s.connect(remote);
        return s;
    }
}
