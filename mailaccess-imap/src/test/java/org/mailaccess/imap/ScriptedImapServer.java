package org.mailaccess.imap;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A minimal scripted IMAP server for what GreenMail cannot do: STARTTLS, PREAUTH, implicit TLS with a certificate
 * for a chosen name, and hostile responses. The script answers each command line; "STARTTLS" answered with a line
 * starting with the tag and " OK" upgrades the connection. Every received line is recorded.
 */
final class ScriptedImapServer implements AutoCloseable {

    /** Answers one command line (tag and command, without CRLF); returns the raw reply bytes, or null to hang up. */
    interface Script {
        byte[] reply(String tag, String command, Conversation conversation) throws IOException;
    }

    /** The state of one connection, for scripts that need it. */
    static final class Conversation {
        boolean tls;
        final OutputStream raw;

        Conversation(OutputStream raw, boolean tls) {
            this.raw = raw;
            this.tls = tls;
        }
    }

    final List<String> received = new CopyOnWriteArrayList<>();
    private final ServerSocket server;
    private final Thread thread;
    private final SSLContext tls;
    private final boolean implicitTls;
    private final String greeting;
    private final Script script;

    ScriptedImapServer(String greeting, SSLContext tls, boolean implicitTls, Script script) throws IOException {
        this.server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        this.tls = tls;
        this.implicitTls = implicitTls;
        this.greeting = greeting;
        this.script = script;
        this.thread = new Thread(this::serve, "scripted-imap");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket accepted = server.accept();
                Thread t = new Thread(() -> {
                    try (accepted) {
                        accepted.setSoTimeout(20_000);
                        Socket s = implicitTls ? upgrade(accepted) : accepted;
                        converse(s, implicitTls);
                    } catch (IOException e) {
                        // The client hung up.
                    }
                });
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                // The test closed the server.
            }
        }
    }

    private void converse(Socket s, boolean secure) throws IOException {
        InputStream in = new BufferedInputStream(s.getInputStream());
        OutputStream out = s.getOutputStream();
        out.write(ascii(greeting + "\r\n"));
        out.flush();
        Conversation conversation = new Conversation(out, secure);
        while (true) {
            String line = readLine(in);
            if (line == null) {
                return;
            }
            received.add(line);
            int sp = line.indexOf(' ');
            String tag = sp < 0 ? line : line.substring(0, sp);
            String command = sp < 0 ? "" : line.substring(sp + 1);
            byte[] reply = script.reply(tag, command, conversation);
            if (reply == null) {
                return;
            }
            out.write(reply);
            out.flush();
            if (command.equalsIgnoreCase("STARTTLS") && new String(reply, StandardCharsets.ISO_8859_1)
                    .startsWith(tag + " OK")) {
                converseAfterTls(upgrade(s));
                return;
            }
            if (command.toUpperCase().startsWith("LOGOUT")) {
                return;
            }
        }
    }

    private void converseAfterTls(Socket s) throws IOException {
        InputStream in = new BufferedInputStream(s.getInputStream());
        OutputStream out = s.getOutputStream();
        Conversation conversation = new Conversation(out, true);
        while (true) {
            String line = readLine(in);
            if (line == null) {
                return;
            }
            received.add("TLS " + line);
            int sp = line.indexOf(' ');
            String tag = sp < 0 ? line : line.substring(0, sp);
            byte[] reply = script.reply(tag, sp < 0 ? "" : line.substring(sp + 1), conversation);
            if (reply == null) {
                return;
            }
            out.write(reply);
            out.flush();
        }
    }

    private Socket upgrade(Socket plain) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
        ssl.setUseClientMode(false);
        ssl.startHandshake();
        return ssl;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.UTF_8);
            }
            b.write(c);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
