package org.mailaccess.imap.internal.net;

import java.net.Socket;
import org.mailaccess.internal.UnconnectedSocketFactory;

/**
 * Angus's {@code mail.imap.socketFactory}: hands out unconnected {@link GuardedSocket}s, which Angus connects with
 * its connect timeout (SocketFetcher calls {@link #createSocket()} for a non-TLS factory).
 */
final class GuardedSocketFactory extends UnconnectedSocketFactory {

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
}
