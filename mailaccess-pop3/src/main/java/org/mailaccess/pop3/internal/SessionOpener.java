package org.mailaccess.pop3.internal;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.apache.commons.net.MalformedServerReplyException;
import org.mailaccess.ConnectionException;
import org.mailaccess.Credentials;
import org.mailaccess.MailboxClient;
import org.mailaccess.ProtocolViolationException;
import org.mailaccess.ServerEndpoint;
import org.mailaccess.TlsMode;
import org.mailaccess.TlsRequiredException;
import org.mailaccess.pop3.Pop3Options;

/**
 * Connects, secures, authenticates and learns the capabilities, in the order that keeps secrets and trust safe:
 * greeting, TLS (implicit, or STLS that fails closed), CAPA inside TLS, login, CAPA again (RFC 2449 section 5 allows
 * a different answer after login), and probing of UIDL and TOP when CAPA does not list them.
 *
 * <p>Time and memory before login are bounded: connect, greeting, STLS and the TLS handshake together must finish
 * within the client's connect timeout plus its read timeout (the socket is closed when that deadline fires), and the
 * server may send at most {@link Pop3Socket#PRE_LOGIN_BYTES} octets meanwhile; after that every read has the read
 * timeout, every line {@link LineInput#MAX_LINE} octets, and a CAPA reply at most {@value #MAX_CAPA_LINES} lines.
 *
 * <p>Nothing is asked before TLS except STLS itself, so there is nothing learned in plaintext to throw away. The one
 * item kept from the plaintext greeting is the APOP timestamp: there is no other greeting, and the digest computed
 * from it travels inside TLS, so a forged timestamp can only make APOP fail.
 */
final class SessionOpener {

    private static final Pattern APOP_TIMESTAMP = Pattern.compile("<[^<>\\s]+>");

    /** RFC 2449 defines about a dozen capabilities; a CAPA reply with more than this many lines is not a real one. */
    static final int MAX_CAPA_LINES = 256;

    private SessionOpener() {
    }

    static Pop3Session open(ServerEndpoint endpoint, Credentials credentials, MailboxClient client) {
        Pop3Options options = client.options(Pop3Options.class).orElse(Pop3Options.defaults());
        Events events = new Events(client.listener(), endpoint);
        events.connecting();
        Pop3Socket socket = new Pop3Socket(endpoint.tls() == TlsMode.IMPLICIT, client.sslContext(),
                client.connectTimeout(), client.readTimeout());
        // Connect, greeting, STLS and the TLS handshake run on Commons Net's reader, whose reads are bounded only one
        // by one (SO_TIMEOUT): a server dribbling a greeting would hold open() forever. One overall deadline covers
        // them all; Pop3Socket caps the bytes it takes from the server meanwhile.
        Duration preLogin = client.connectTimeout().plus(client.readTimeout());
        Deadline deadline = Deadline.arm("Connecting, the greeting and TLS", preLogin, socket::abort);
        try {
            String greeting;
            try {
                greeting = connect(socket, endpoint, events);
                if (endpoint.tls() == TlsMode.STARTTLS_REQUIRED) {
                    startTls(socket, events);
                }
            } catch (IOException e) {
                throw deadline.translate(e);
            } catch (TlsRequiredException e) {
                if (deadline.fired()) {
                    throw deadline.translate(new IOException(e.getMessage(), e));
                }
                throw e;
            } finally {
                deadline.close();
            }
            socket.handedOver();
            Pop3Wire wire = new Pop3Wire(socket, client.readTimeout(), client.writeTimeout(), events);
            CapaLines beforeLogin = capa(wire);
            String mechanism = new Authenticator(wire, beforeLogin, apopTimestamp(greeting), options)
                    .login(credentials);
            events.authenticated(credentials.user(), mechanism);
            CapaLines afterLogin = capa(wire);
            CapaLines capa = afterLogin.known() ? afterLogin : beforeLogin;
            return session(endpoint, credentials, options, socket, wire, events, capa);
        } catch (IOException e) {
            socket.abort();
            events.closed();
            throw connectionError(endpoint, e);
        } catch (RuntimeException e) {
            socket.abort();
            events.closed();
            throw e;
        }
    }

    private static String connect(Pop3Socket socket, ServerEndpoint endpoint, Events events) throws IOException {
        try {
            socket.connect(endpoint.host(), endpoint.port());
        } catch (MalformedServerReplyException e) {
            throw new ProtocolViolationException("The server's greeting is not a POP3 reply", e);
        }
        String greeting = socket.lastReply();
        events.replyReceived(greeting);
        if (!greeting.startsWith("+OK")) {
            throw new ConnectionException("The POP3 server " + where(endpoint) + " refused the connection: "
                    + Printable.of(greeting), null);
        }
        if (endpoint.tls() == TlsMode.IMPLICIT) {
            events.tlsEstablished(socket.tlsProtocol());
        }
        return greeting;
    }

    /** RFC 2595 STLS, failing closed: a refusal or a failed handshake ends the session before any credential. */
    private static void startTls(Pop3Socket socket, Events events) {
        events.commandSent("STLS");
        boolean upgraded;
        try {
            upgraded = socket.startTls();
        } catch (IOException e) {
            throw new TlsRequiredException("STLS did not complete (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); no credentials were sent", e);
        }
        events.replyReceived(socket.lastReply());
        if (!upgraded) {
            throw new TlsRequiredException("The server refused STLS (" + Printable.of(socket.lastReply())
                    + "); TLS is required, so no credentials were sent");
        }
        events.tlsEstablished(socket.tlsProtocol());
    }

    private static CapaLines capa(Pop3Wire wire) throws IOException {
        Reply reply = wire.command("CAPA");
        return reply.ok() ? CapaLines.of(wire.readListing("CAPA", MAX_CAPA_LINES)) : CapaLines.NONE;
    }

    /**
     * UIDL and TOP come from CAPA; whatever CAPA does not list (or everything, without CAPA) is probed after login,
     * because CAPA's silence is not proof: GreenMail, for one, implements TOP but advertises only UIDL and SASL. Both
     * probes are read-only. UIDL without an argument is the listing a session needs anyway, so its answer is kept;
     * {@code TOP 1 0} needs a message to try on, and without one TOP counts as missing. PIPELINING is never probed:
     * only an advertisement makes it safe (RFC 2449 section 6.6).
     */
    private static Pop3Session session(ServerEndpoint endpoint, Credentials credentials, Pop3Options options,
            Pop3Socket socket, Pop3Wire wire, Events events, CapaLines capa) throws IOException {
        boolean uidl = capa.has("UIDL");
        boolean top = capa.has("TOP");
        List<String> uidlLines = null;
        if (!uidl || !top) {
            long messages = Pop3Session.parseStat(wire.command("STAT").expectOk("STAT"))[0];
            if (!uidl && wire.command("UIDL").ok()) {
                uidlLines = wire.readListing("UIDL", messages + Listing.LISTING_SLACK);
                uidl = true;
            }
            if (!top && messages > 0 && wire.command("TOP 1 0").ok()) {
                wire.body().drain();
                top = true;
            }
        }
        boolean pipelining = capa.has("PIPELINING") && options.pipelining();
        Features features = new Features(capa, uidl, top, pipelining, pipelining ? options.batchSize() : 1);
        return new Pop3Session(endpoint, credentials.user(), socket, wire, events, features, options, uidlLines);
    }

    private static Optional<String> apopTimestamp(String greeting) {
        Matcher m = APOP_TIMESTAMP.matcher(greeting);
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }

    static ConnectionException connectionError(ServerEndpoint endpoint, IOException e) {
        if (e instanceof SocketTimeoutException) {
            return new ConnectionException("Timed out talking to the POP3 server " + where(endpoint) + ": "
                    + e.getMessage(), e, true);
        }
        if (e instanceof UnknownHostException) {
            return new ConnectionException("Unknown host " + endpoint.host(), e);
        }
        if (e instanceof SSLException) {
            return new ConnectionException("TLS with " + where(endpoint) + " failed: " + e.getMessage(), e);
        }
        if (e instanceof EOFException) {
            return new ConnectionException("The POP3 server " + where(endpoint) + " closed the connection", e);
        }
        return new ConnectionException("Connection to the POP3 server " + where(endpoint) + " failed: "
                + e.getMessage(), e);
    }

    static String where(ServerEndpoint endpoint) {
        return endpoint.host() + ":" + endpoint.port();
    }
}
