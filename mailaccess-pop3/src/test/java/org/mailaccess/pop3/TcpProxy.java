package org.mailaccess.pop3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy in front of a test server. It records what the client sends in the chunks the socket delivers
 * them (so a test can see whether several commands travelled together, i.e. were pipelined), and can delay every
 * client chunk by a fixed latency to model a slow link: a lock-step conversation then pays the latency once per
 * command, a pipelined one once per batch.
 */
final class TcpProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final Duration latency;
    private final List<String> clientChunks = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    TcpProxy(int targetPort, Duration latency) throws IOException {
        this.targetPort = targetPort;
        this.latency = latency;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** What the client sent, one entry per chunk read from its socket, decoded as ISO-8859-1. */
    List<String> clientChunks() {
        return List.copyOf(clientChunks);
    }

    /** How many command lines each chunk held. */
    List<Integer> commandsPerChunk() {
        List<Integer> out = new ArrayList<>();
        for (String chunk : clientChunks) {
            out.add((int) chunk.chars().filter(c -> c == '\n').count());
        }
        return out;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(server);
                pump(client, server, true);
                pump(server, client, false);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (fromClient) {
                        clientChunks.add(new String(buf, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1));
                        if (!latency.isZero()) {
                            Thread.sleep(latency.toMillis());
                        }
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // One side went away; closing both ends below tells the other side.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, fromClient ? "proxy-c2s" : "proxy-s2c");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(TcpProxy::closeQuietly);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
