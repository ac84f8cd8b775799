package org.mailaccess.imap.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.util.MailLogger;
import org.mailaccess.AuthenticationException;
import org.mailaccess.Capabilities;
import org.mailaccess.Capability;
import org.mailaccess.ConnectionException;
import org.mailaccess.Credentials;
import org.mailaccess.MailAccessException;
import org.mailaccess.MailEventListener;
import org.mailaccess.MailboxClient;
import org.mailaccess.ServerEndpoint;
import org.mailaccess.TlsMode;
import org.mailaccess.TlsRequiredException;
import org.mailaccess.imap.ImapOptions;
import org.mailaccess.imap.internal.net.ConnectionProbe;

/**
 * Opens and authenticates one IMAP connection on Angus's {@link IMAPProtocol}.
 *
 * <p>TLS and authentication are driven here rather than by Angus's {@code IMAPStore}, because the store gets several
 * things wrong for us: a refused STARTTLS surfaces as an {@code AuthenticationFailedException}; a PREAUTH greeting
 * skips its STARTTLS check when the server does not advertise it; it re-uses one password for every pooled
 * connection, where an OAuth2 token supplier must be asked each time; and its timeouts default to infinite.
 */
final class ImapConnector {

    /** Angus's debug output goes nowhere: listener events come from our own wire observers, already redacted. */
    private static final PrintStream NO_DEBUG = new PrintStream(OutputStream.nullOutputStream());
    private static final String PRELOGIN_MARKER = "__MAILACCESS_PRELOGIN__";

    private ImapConnector() {
    }

    /**
     * Connects, secures and authenticates.
     *
     * @param endpoint    where to
     * @param credentials who
     * @param client      timeouts, TLS context, listener
     * @param options     the IMAP options
     * @return the authenticated connection
     */
    static ImapConnection open(ServerEndpoint endpoint, Credentials credentials, MailboxClient client,
            ImapOptions options) {
        MailEventListener listener = client.listener();
        ConnectionProbe probe = new ConnectionProbe(options.maxLiteralSize(), options.maxLineLength(),
                ImapOptions.MAX_NESTING, options.maxResponsesPerCommand(), options.maxOctetsPerCommand(),
                client.writeTimeout(), new ListenerEvents(endpoint, listener));
        boolean implicitTls = endpoint.tls() == TlsMode.IMPLICIT;
        String name = implicitTls ? "imaps" : "imap";
        Properties props = properties(name, client, probe);
        listener.connecting(endpoint);
        IMAPProtocol p;
        try {
            p = new IMAPProtocol(name, endpoint.host(), endpoint.port(), props, implicitTls,
                    new MailLogger(ImapConnector.class, "DEBUG IMAP", false, NO_DEBUG));
        } catch (IOException | ProtocolException | RuntimeException e) {
            throw connectFailure(endpoint, e, probe);
        }
        try {
            secure(p, endpoint, probe);
            probe.tlsProtocol().ifPresent(v -> listener.tlsEstablished(endpoint, v));
            ImapConnection c = new ImapConnection(p, probe, endpoint, options, mask(p, options));
            if (!p.isAuthenticated()) {
                authenticate(p, endpoint, credentials, probe, listener);
            }
            c.maskCapabilities();
            enableExtensions(c);
            return c;
        } catch (MailAccessException e) {
            p.disconnect();
            throw e;
        } catch (ProtocolException | RuntimeException e) {
            p.disconnect();
            throw ImapErrors.fromThrowable("connect", e, probe);
        }
    }

    private static Properties properties(String name, MailboxClient client, ConnectionProbe probe) {
        String prefix = "mail." + name;
        Properties props = new Properties();
        props.setProperty(prefix + ".connectiontimeout", Long.toString(client.connectTimeout().toMillis()));
        props.setProperty(prefix + ".timeout", Long.toString(client.readTimeout().toMillis()));
        // The write timeout is applied by our socket wrappers (TimedOutputStream), not by Angus's
        // WriteTimeoutSocket, which would hide our socket from the TLS layer used for STARTTLS.
        props.put(prefix + ".socketFactory", probe.plainFactory());
        props.setProperty(prefix + ".socketFactory.fallback", "false");
        props.put(prefix + ".ssl.socketFactory", probe.tlsFactory(client.sslContext().getSocketFactory()));
        props.setProperty(prefix + ".ssl.checkserveridentity", "true");
        // Only read by IMAPFolder, which we do not use; set anyway so that no code path can search on the client.
        props.setProperty(prefix + ".throwsearchexception", "true");
        props.setProperty("mail.debug.auth", "false");
        return props;
    }

    /** Implicit TLS must be in place; STARTTLS is required, never opportunistic (RFC 8314; PITFALLS S1, S2). */
    private static void secure(IMAPProtocol p, ServerEndpoint endpoint, ConnectionProbe probe)
            throws ProtocolException {
        switch (endpoint.tls()) {
            case IMPLICIT -> {
                if (!p.isSSL()) {
                    throw new TlsRequiredException("implicit TLS was not established with " + endpoint.host());
                }
            }
            case STARTTLS_REQUIRED -> {
                if (p.isAuthenticated()) {
                    // A PREAUTH greeting leaves no moment to upgrade (STARTTLS is only valid before login).
                    throw new TlsRequiredException(endpoint.host()
                            + " sent a PREAUTH greeting on a connection that must be upgraded with STARTTLS");
                }
                if (!p.hasCapability("STARTTLS")) {
                    throw new TlsRequiredException(endpoint.host() + " does not offer STARTTLS");
                }
                try {
                    p.startTLS();
                } catch (org.eclipse.angus.mail.iap.CommandFailedException
                        | org.eclipse.angus.mail.iap.BadCommandException e) {
                    throw new TlsRequiredException(endpoint.host() + " refused STARTTLS");
                } catch (ProtocolException e) {
                    if (e instanceof org.eclipse.angus.mail.iap.ConnectionException || !probe.isTls()) {
                        throw new TlsRequiredException(endpoint.host() + " did not complete STARTTLS: "
                                + ImapErrors.text(rootMessage(e)));
                    }
                    throw e;
                }
                if (!p.isSSL() || !probe.isTls()) {
                    throw new TlsRequiredException("STARTTLS did not establish TLS with " + endpoint.host());
                }
                // Nothing learned before TLS is trusted (PITFALLS S1): ask again.
                p.capability();
            }
            case INSECURE_PLAINTEXT -> {
                // The caller chose cleartext explicitly.
            }
        }
    }

    private static void authenticate(IMAPProtocol p, ServerEndpoint endpoint, Credentials credentials,
            ConnectionProbe probe, MailEventListener listener) throws ProtocolException {
        if (!probe.isTls() && endpoint.tls() != TlsMode.INSECURE_PLAINTEXT) {
            throw new TlsRequiredException("refusing to authenticate without TLS");
        }
        // Marks the capabilities, so that we know whether the login response refreshed them (RFC 3501 7.1).
        p.getCapabilities().put(PRELOGIN_MARKER, "");
        String mechanism;
        try {
            if (credentials instanceof Credentials.OAuth2 oauth) {
                if (!p.hasCapability("AUTH=XOAUTH2")) {
                    throw new AuthenticationException(endpoint.host() + " does not offer AUTHENTICATE XOAUTH2", null);
                }
                // Asked on every authentication, so that a refreshed token is used (PITFALLS P11).
                p.authoauth2(oauth.user(), oauth.token().get());
                mechanism = "XOAUTH2";
            } else {
                Credentials.Password pw = (Credentials.Password) credentials;
                if (p.hasCapability("AUTH=PLAIN")) {
                    p.authplain(null, pw.user(), pw.password());
                    mechanism = "PLAIN";
                } else if (!p.hasCapability("LOGINDISABLED")) {
                    p.login(pw.user(), pw.password());
                    mechanism = "LOGIN";
                } else {
                    throw new AuthenticationException(endpoint.host()
                            + " offers neither AUTHENTICATE PLAIN nor LOGIN", null);
                }
            }
        } catch (org.eclipse.angus.mail.iap.CommandFailedException
                | org.eclipse.angus.mail.iap.BadCommandException e) {
            String text = e.getResponse() == null ? "" : ImapErrors.text(ImapErrors.rest(e.getResponse()));
            throw new AuthenticationException("the server refused the credentials of " + credentials.user(), text);
        }
        if (p.getCapabilities().containsKey(PRELOGIN_MARKER)) {
            p.capability();
        }
        p.getCapabilities().remove(PRELOGIN_MARKER);
        listener.authenticated(endpoint, credentials.user(), mechanism);
    }

    /** ENABLE what we use (RFC 5161): UTF8=ACCEPT (RFC 6855) for 8-bit names and headers, QRESYNC (RFC 7162). */
    private static void enableExtensions(ImapConnection c) {
        if (!c.has("ENABLE")) {
            return;
        }
        for (String ext : List.of("UTF8=ACCEPT", "QRESYNC")) {
            if (c.has(ext)) {
                c.call("ENABLE", p -> {
                    p.enable(ext);
                    return null;
                });
            }
        }
    }

    /**
     * The capabilities after masking: disabled extensions are also removed from Angus's own map, which its methods
     * consult (for example {@code LITERAL+} for non-synchronising literals).
     */
    static Capabilities mask(IMAPProtocol p, ImapOptions options) {
        Map<String, String> live = p.getCapabilities();
        live.keySet().removeIf(k -> options.disabledExtensions().contains(k.toUpperCase(Locale.ROOT)));
        Set<String> tokens = new LinkedHashSet<>();
        for (String k : live.keySet()) {
            if (!k.equals(PRELOGIN_MARKER)) {
                tokens.add(k.toUpperCase(Locale.ROOT));
            }
        }
        return new Capabilities(features(tokens), tokens);
    }

    /** The neutral features of an IMAP server (one switch, as ANCHORS 7 asks). */
    static Set<Capability> features(Set<String> tokens) {
        Set<Capability> f = EnumSet.of(Capability.FOLDERS, Capability.FLAGS, Capability.SERVER_SEARCH,
                Capability.APPEND, Capability.HEADERS_PREVIEW, Capability.PERSISTENT_IDS, Capability.PIPELINING,
                Capability.PARTIAL_FETCH);
        // IMAP4rev2 (RFC 9051) implies several of these, but we rely on an extension only when it is listed:
        // servers announcing rev2 are not all complete.
        List<String[]> optional = new ArrayList<>();
        optional.add(new String[] {"QUOTA", Capability.QUOTA.name()});
        optional.add(new String[] {"IDLE", Capability.PUSH.name()});
        optional.add(new String[] {"MOVE", Capability.MOVE.name()});
        optional.add(new String[] {"CONDSTORE", Capability.CHANGE_TRACKING.name()});
        optional.add(new String[] {"UIDPLUS", Capability.UIDPLUS.name()});
        optional.add(new String[] {"SPECIAL-USE", Capability.SPECIAL_USE.name()});
        for (String[] o : optional) {
            if (tokens.contains(o[0])) {
                f.add(Capability.valueOf(o[1]));
            }
        }
        if (tokens.contains("QRESYNC")) {
            f.add(Capability.CHANGE_TRACKING);
        }
        if (tokens.stream().anyMatch(t -> t.startsWith("QUOTA=RES-"))) {
            f.add(Capability.QUOTA);
        }
        return f;
    }

    private static MailAccessException connectFailure(ServerEndpoint endpoint, Throwable e, ConnectionProbe probe) {
        if (probe.violation().isPresent()) {
            return ImapErrors.fromThrowable("connect", e, probe);
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        boolean timeout = root instanceof java.net.SocketTimeoutException;
        return new ConnectionException("cannot connect to " + endpoint.host() + ":" + endpoint.port() + ": "
                + ImapErrors.text(rootMessage(e)), e, timeout);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** Feeds the client's listener, redacting commands (PITFALLS S6). */
    private record ListenerEvents(ServerEndpoint endpoint, MailEventListener listener)
            implements ConnectionProbe.Events {
        @Override
        public void commandSent(String line) {
            listener.commandSent(endpoint, WireRedaction.command(line));
        }

        @Override
        public void responseReceived(String line) {
            if (WireRedaction.isStatus(line)) {
                listener.replyReceived(endpoint, line);
            }
        }
    }
}
