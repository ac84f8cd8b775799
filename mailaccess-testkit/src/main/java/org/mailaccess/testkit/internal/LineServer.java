package org.mailaccess.testkit.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * The socket engine shared by the fake servers: a loopback listener on an ephemeral port, one daemon thread per
 * connection, optional implicit TLS, fault hooks on connect, and a {@link Handler} that speaks the protocol.
 *
 * <p>Blocking IO keeps the fakes easy to reason about; every connection has an idle timeout and a line length limit,
 * so a misbehaving client cannot pin a thread or memory forever.
 */
public final class LineServer implements AutoCloseable {

    /** The longest accepted command line in bytes, CRLF excluded. */
    public static final int MAX_LINE_LENGTH = 8 * 1024;

    private static final System.Logger LOG = System.getLogger(LineServer.class.getName());

    /** Speaks a protocol on one connection; runs on the connection's own thread. */
    @FunctionalInterface
    public interface Handler {
        /**
         * Serves the connection until the session ends. The engine closes the connection afterwards.
         *
         * @param connection the connection, already in TLS for implicit-TLS listeners
         * @throws IOException on network errors, which simply end the connection
         */
        void serve(Connection connection) throws IOException;
    }

    private final String name;
    private final SSLContext serverSslContext;
    private final boolean implicitTls;
    private final Duration idleTimeout;
    private final FaultPlan faults;
    private final Handler handler;
    private final int maxLineLength;
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor;
    private final ServerSocket serverSocket;
    private volatile boolean closed;

    /**
     * Binds 127.0.0.1 on an ephemeral port and starts accepting.
     *
     * @param name             used in thread names
     * @param serverSslContext the server's TLS context, for implicit TLS and upgrades
     * @param implicitTls      whether TLS starts with the first byte
     * @param idleTimeout      how long a connection may stay silent before it is dropped
     * @param faults           the server's pending faults
     * @param handler          the protocol
     * @throws IOException if the port cannot be bound
     */
    public LineServer(String name, SSLContext serverSslContext, boolean implicitTls, Duration idleTimeout,
                      FaultPlan faults, Handler handler) throws IOException {
        this(name, serverSslContext, implicitTls, idleTimeout, MAX_LINE_LENGTH, faults, handler);
    }

    /**
     * Binds 127.0.0.1 on an ephemeral port and starts accepting, with a protocol-specific line length limit (IMAP
     * command lines carry long UID sets, RFC 7162 section 4 recommends accepting at least 8192 octets).
     *
     * @param name             used in thread names
     * @param serverSslContext the server's TLS context, for implicit TLS and upgrades
     * @param implicitTls      whether TLS starts with the first byte
     * @param idleTimeout      how long a connection may stay silent before it is dropped
     * @param maxLineLength    the longest accepted line in bytes, CRLF excluded
     * @param faults           the server's pending faults
     * @param handler          the protocol
     * @throws IOException if the port cannot be bound
     */
    public LineServer(String name, SSLContext serverSslContext, boolean implicitTls, Duration idleTimeout,
                      int maxLineLength, FaultPlan faults, Handler handler) throws IOException {
        this.maxLineLength = maxLineLength;
        this.name = Objects.requireNonNull(name, "name");
        this.serverSslContext = Objects.requireNonNull(serverSslContext, "serverSslContext");
        this.implicitTls = implicitTls;
        this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
        this.faults = Objects.requireNonNull(faults, "faults");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.executor = Executors.newCachedThreadPool(runnable -> daemon(runnable, name + "-connection"));
        this.serverSocket = new ServerSocket();
        serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        daemon(this::acceptLoop, name + "-accept").start();
    }

    /**
     * The bound port.
     *
     * @return the port
     */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /**
     * How many connections were accepted so far, including ones dropped by a fault.
     *
     * @return the count
     */
    public int connectionCount() {
        return connectionCount.get();
    }

    /** Drops every open connection, as a network failure would; the listener keeps accepting. */
    public void dropAllConnections() {
        open.forEach(Connection::abort);
    }

    /** Stops accepting, drops all connections and waits briefly for their threads. Idempotent. */
    @Override
    public void close() {
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // Closing is best effort; the port is released either way.
        }
        dropAllConnections();
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, name + ": accept failed", e);
                }
                return;
            }
            int index = connectionCount.getAndIncrement();
            try {
                Connection connection = new Connection(index, socket, serverSslContext, maxLineLength, idleTimeout);
                open.add(connection);
                executor.execute(() -> serve(connection));
            } catch (IOException | RuntimeException e) {
                // RejectedExecutionException lands here when close() races with accept.
                closeQuietly(socket);
            }
        }
    }

    private void serve(Connection connection) {
        try {
            if (faults.takeDropOnConnect()) {
                connection.abort();
                return;
            }
            if (implicitTls) {
                connection.startTls();
            }
            handler.serve(connection);
        } catch (IOException e) {
            // Client hang-ups, idle timeouts, failed handshakes and injected drops all end up here; all are normal.
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, name + ": bug in fake server session " + connection.index(), e);
        } finally {
            connection.close();
            open.remove(connection);
        }
    }

    private static Thread daemon(Runnable runnable, String threadName) {
        Thread thread = new Thread(runnable, threadName);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing left to clean up.
        }
    }
}
