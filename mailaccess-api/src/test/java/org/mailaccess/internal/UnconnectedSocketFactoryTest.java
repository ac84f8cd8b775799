package org.mailaccess.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnconnectedSocketFactoryTest {

    /** Every overload hands out a socket of the subclass, connected (and bound where asked). */
    @Test
    void everyOverloadConnectsTheSubclassSocket() throws Exception {
        List<Socket> made = new ArrayList<>();
        UnconnectedSocketFactory factory = new UnconnectedSocketFactory() {
            @Override
            public Socket createSocket() {
                Socket s = new Socket();
                made.add(s);
                return s;
            }
        };
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 10, lo)) {
            int port = server.getLocalPort();
            List<Socket> got = List.of(
                    factory.createSocket(lo.getHostAddress(), port),
                    factory.createSocket(lo.getHostAddress(), port, lo, 0),
                    factory.createSocket(lo, port),
                    factory.createSocket(lo, port, lo, 0));
            try {
                assertThat(got).containsExactlyElementsOf(made);
                assertThat(got).allMatch(Socket::isConnected);
                assertThat(got.get(1).getLocalAddress()).isEqualTo(lo);
                assertThat(got.get(3).getLocalAddress()).isEqualTo(lo);
            } finally {
                for (Socket s : got) {
                    s.close();
                }
            }
        }
        try (Socket unconnected = factory.createSocket()) {
            assertThat(unconnected.isConnected()).isFalse();
        }
    }
}
