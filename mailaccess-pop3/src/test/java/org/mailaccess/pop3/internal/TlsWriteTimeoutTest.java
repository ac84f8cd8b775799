package org.mailaccess.pop3.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mailaccess.internal.Alarms;
import org.mailaccess.internal.TimedOutputStream;
import org.mailaccess.testkit.internal.TestCertificates;

/**
 * The write timeout as {@link Pop3Wire} wires it under TLS: the TLS socket's stream, bounded by closing the TCP socket
 * underneath ({@link Pop3Socket#tcpSocket()}). A peer that stops reading blocks the writer inside the TLS socket while
 * it holds the record lock; the timeout must still end that write promptly and leave the shared alarm thread free
 * for the next alarm. A hang here is caught by the test timeout.
 */
class TlsWriteTimeoutTest {

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aWriteOverTlsToAPeerThatStopsReadingFailsAndLeavesTheAlarmThreadFree() throws Exception {
        TestCertificates certs = TestCertificates.forHost("localhost");
        try (ServerSocket server = new ServerSocket()) {
            server.setReceiveBufferSize(4096);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            CompletableFuture<SSLSocket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    Socket raw = server.accept();
                    SSLSocket tls = (SSLSocket) certs.serverContext().getSocketFactory()
                            .createSocket(raw, null, raw.getPort(), true);
                    tls.setUseClientMode(false);
                    tls.startHandshake();
                    return tls; // and never read again
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            try (Socket tcp = new Socket()) {
                tcp.setSendBufferSize(4096);
                tcp.connect(server.getLocalSocketAddress());
                SSLSocket tls = (SSLSocket) certs.clientContext().getSocketFactory()
                        .createSocket(tcp, "localhost", server.getLocalPort(), true);
                tls.startHandshake();
                try (SSLSocket peer = accepted.get(10, TimeUnit.SECONDS)) {
                    assertThat(peer.isConnected()).isTrue();
                    OutputStream out = new TimedOutputStream(tls.getOutputStream(), tcp, Duration.ofMillis(300));
                    byte[] chunk = new byte[64 * 1024];
                    long start = System.nanoTime();
                    assertThatThrownBy(() -> {
                        while (true) {
                            out.write(chunk);
                        }
                    }).isInstanceOf(SocketTimeoutException.class).hasMessageContaining("write timed out");
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
                    assertThat(tcp.isClosed()).isTrue();
                    CompletableFuture<Void> next = new CompletableFuture<>();
                    Alarms.schedule(Duration.ofMillis(1), () -> next.complete(null));
                    next.get(2, TimeUnit.SECONDS);
                }
            }
        }
    }
}
