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
import org.mailaccess.testkit.internal.ImapRequest;

/** A deliberately dumb raw-socket IMAP client, so the fake is tested against the wire and not against a client. */
final class ImapTestClient implements AutoCloseable {

    /** The responses to one command: untagged lines (literals inlined) and the tagged status line. */
    record Response(List<String> untagged, String tagged) {
        boolean ok() {
            return tagged.split(" ", 3)[1].equals("OK");
        }

        String status() {
            return tagged.split(" ", 3)[1];
        }

        /** Everything received, joined, for contains-style assertions. */
        String all() {
            return String.join("\n", untagged) + "\n" + tagged;
        }
    }

    private final FakeImapServer server;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int tags;

    private ImapTestClient(FakeImapServer server, Socket socket) throws IOException {
        this.server = server;
        bind(socket);
    }

    /** Connects in plaintext and leaves the greeting unread. */
    static ImapTestClient connect(FakeImapServer server) throws IOException {
        return new ImapTestClient(server, new Socket(server.host(), server.port()));
    }

    /** Connects with implicit TLS. */
    static ImapTestClient connectTls(FakeImapServer server) throws IOException {
        SSLSocket ssl = (SSLSocket) server.clientSslContext().getSocketFactory()
                .createSocket(server.host(), server.port());
        verifyHostname(ssl);
        ssl.startHandshake();
        return new ImapTestClient(server, ssl);
    }

    /** Connects, reads the greeting and logs in. */
    static ImapTestClient login(FakeImapServer server, String user, String password) throws IOException {
        ImapTestClient client = connect(server);
        client.readLine();
        Response login = client.command("LOGIN " + user + " " + password);
        if (!login.ok()) {
            throw new AssertionError("login failed: " + login.tagged());
        }
        return client;
    }

    /** Logs in and selects a folder. */
    static ImapTestClient select(FakeImapServer server, String user, String password, String folder)
            throws IOException {
        ImapTestClient client = login(server, user, password);
        Response select = client.command("SELECT " + folder);
        if (!select.ok()) {
            throw new AssertionError("select failed: " + select.tagged());
        }
        return client;
    }

    void startTls() throws IOException {
        SSLSocket ssl = (SSLSocket) server.clientSslContext().getSocketFactory()
                .createSocket(socket, server.host(), server.port(), true);
        verifyHostname(ssl);
        ssl.startHandshake();
        bind(ssl);
    }

    String nextTag() {
        return "a" + ++tags;
    }

    /** Sends a command with a fresh tag and reads until its tagged response. */
    Response command(String text) throws IOException {
        String tag = nextTag();
        send(tag + " " + text + "\r\n");
        return readResponse(tag);
    }

    /** Reads responses until the tagged one. */
    Response readResponse(String tag) throws IOException {
        List<String> untagged = new ArrayList<>();
        while (true) {
            String line = readResponseLine();
            if (line.startsWith(tag + " ")) {
                return new Response(untagged, line);
            }
            untagged.add(line);
        }
    }

    /** Reads one response line, with any literals it announces read and inlined as UTF-8. */
    String readResponseLine() throws IOException {
        StringBuilder response = new StringBuilder(readLine());
        long size;
        while ((size = ImapRequest.literalSize(response.toString())) >= 0) {
            response.append("\r\n").append(new String(readBytes((int) size), StandardCharsets.UTF_8));
            response.append(readLine());
        }
        return response.toString();
    }

    void send(String raw) throws IOException {
        send(raw.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
    }

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

    byte[] readBytes(int count) throws IOException {
        byte[] bytes = in.readNBytes(count);
        if (bytes.length != count) {
            throw new IOException("connection closed inside a literal");
        }
        return bytes;
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
            // A reset means the server hung up too.
        }
        return all.toByteArray();
    }

    void setTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    @Override
    public void close() throws IOException {
        socket.close();
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
