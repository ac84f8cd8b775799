package org.mailaccess.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class TimedOutputStreamTest {

    @Test
    @Timeout(10)
    void aWriteToAPeerThatStopsReadingFailsWithinTheWriteTimeout() throws Exception {
        try (ServerSocket server = new ServerSocket()) {
            server.setReceiveBufferSize(4096);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (Socket client = new Socket()) {
                client.setSendBufferSize(4096);
                client.connect(server.getLocalSocketAddress());
                try (Socket peer = server.accept()) {
                    assertThat(peer.isConnected()).isTrue();
                    OutputStream out = new TimedOutputStream(client.getOutputStream(), client, Duration.ofMillis(300));
                    byte[] chunk = new byte[64 * 1024];
                    long start = System.nanoTime();
                    assertThatThrownBy(() -> {
                        while (true) {
                            out.write(chunk);
                        }
                    }).isInstanceOf(SocketTimeoutException.class).hasMessageContaining("write timed out");
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
                    assertThat(client.isClosed()).isTrue();
                    // Once fired, every later write fails the same way at once.
                    assertThatThrownBy(() -> out.write(1)).isInstanceOf(SocketTimeoutException.class);
                    assertThatThrownBy(out::flush).isInstanceOf(SocketTimeoutException.class);
                }
            }
        }
    }

    @Test
    void writesThatCompleteInTimeLeaveTheSocketOpen() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket peer = server.accept()) {
            OutputStream out = new TimedOutputStream(client.getOutputStream(), client, Duration.ofMillis(200));
            out.write("NOOP\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(400);
            assertThat(client.isClosed()).isFalse();
            assertThat(peer.getInputStream().readNBytes(6)).hasSize(6);
        }
    }
}
