package org.mailaccess.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** A deliberately dumb raw-socket POP3 client, so the fake is tested against the wire and not against our client. */
final class Pop3TestClient implements AutoCloseable {

    private final FakePop3Server server;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private Pop3TestClient(FakePop3Server server, Socket socket) throws IOException {
        this.server = server;
        bind(socket);
    }

    /** Connects in plaintext and leaves the greeting unread. */
    static Pop3TestClient connect(FakePop3Server server) throws IOException {
        return new Pop3TestClient(server, new Socket(server.host(), server.port()));
    }

    /** Connects with implicit TLS, verifying the certificate against the host name "localhost". */
    static Pop3TestClient connectTls(FakePop3Server server) throws IOException {
        SSLSocket ssl = (SSLSocket) server.clientSslContext().getSocketFactory()
                .createSocket(server.host(), server.port());
        verifyHostname(ssl);
        ssl.startHandshake();
        return new Pop3TestClient(server, ssl);
    }

    /** Connects, reads the greeting and logs in with USER/PASS. */
    static Pop3TestClient login(FakePop3Server server, String user, String password) throws IOException {
        Pop3TestClient client = connect(server);
        expectOk(client.readLine());
        expectOk(client.command("USER " + user));
        expectOk(client.command("PASS " + password));
        return client;
    }

    /** Upgrades the connection after a successful STLS reply; the old buffer is dropped like a correct client does. */
    void startTls() throws IOException {
        SSLSocket ssl = (SSLSocket) server.clientSslContext().getSocketFactory()
                .createSocket(socket, server.host(), server.port(), true);
        verifyHostname(ssl);
        ssl.startHandshake();
        bind(ssl);
    }

    String command(String line) throws IOException {
        send(line + "\r\n");
        return readLine();
    }

    void send(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads one line without its CRLF; fails on end of stream. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("connection closed; partial line: " + line);
            }
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    /** Reads the lines of a multi-line body up to (not including) the terminating dot line, still stuffed. */
    List<String> readBodyLines() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line = readLine(); !line.equals("."); line = readLine()) {
            lines.add(line);
        }
        return lines;
    }

    /** Reads raw bytes of a multi-line body including the terminator, exactly as sent. */
    byte[] readRawBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int p3 = -1;
        int p2 = -1;
        int p1 = '\n'; // the status line's LF: a body that is just ".\r\n" is empty
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside a multi-line reply");
            }
            body.write(b);
            if (b == '\n' && p1 == '\r' && p2 == '.' && p3 == '\n') {
                return body.toByteArray();
            }
            p3 = p2;
            p2 = p1;
            p1 = b;
        }
    }

    /** Everything until the server closes the connection. */
    byte[] readUntilClosed() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                all.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            // A reset or a TLS connection cut without close_notify both mean the server hung up.
        }
        return all.toByteArray();
    }

    /** Whether the server has closed the connection (end of stream or reset), after reading nothing more. */
    boolean isClosedByServer() throws IOException {
        return readUntilClosed().length == 0;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    static String expectOk(String reply) {
        if (!reply.startsWith("+OK")) {
            throw new AssertionError("expected +OK but got: " + reply);
        }
        return reply;
    }

    private void bind(Socket newSocket) throws IOException {
        this.socket = newSocket;
        newSocket.setSoTimeout(5_000);
        this.in = new BufferedInputStream(newSocket.getInputStream());
        this.out = newSocket.getOutputStream();
    }

    private static void verifyHostname(SSLSocket ssl) {
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(parameters);
    }
}
