package org.mailaccess.pop3.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.mailaccess.AuthenticationException;
import org.mailaccess.Credentials;
import org.mailaccess.internal.Redaction;
import org.mailaccess.pop3.Pop3Options;

/**
 * Logs in once, with one mechanism chosen from what the server advertised after TLS. There is deliberately no
 * fall-back to a second mechanism after a refusal: a refusal usually means a wrong secret, and retrying it with every
 * mechanism only brings an account lock-out closer.
 *
 * <p>Order for a password: APOP first when {@link Pop3Options#preferApop()} and the greeting has a timestamp; then
 * SASL PLAIN (RFC 4616 over RFC 5034) when advertised; then USER/PASS (RFC 1939) when advertised or when the server
 * has no CAPA; then APOP (RFC 1939 section 7). OAuth2 credentials use SASL XOAUTH2 and nothing else.
 *
 * <p>Secrets never reach a listener, a log or an exception: command lines are redacted by {@link Pop3Wire}, SASL
 * continuations are shown as {@code <redacted>}, and server texts are scrubbed of the secret in case a server echoes
 * it.
 */
final class Authenticator {

    /** RFC 5034 section 4: a command line with an initial response must not exceed 255 octets. */
    private static final int MAX_AUTH_LINE = 255;

    private final Pop3Wire wire;
    private final CapaLines capa;
    private final Optional<String> apopTimestamp;
    private final Pop3Options options;

    Authenticator(Pop3Wire wire, CapaLines capa, Optional<String> apopTimestamp, Pop3Options options) {
        this.wire = wire;
        this.capa = capa;
        this.apopTimestamp = apopTimestamp;
        this.options = options;
    }

    /**
     * Authenticates.
     *
     * @return the mechanism used: {@code USER}, {@code APOP}, {@code PLAIN} or {@code XOAUTH2}
     * @throws AuthenticationException when refused or when no mechanism fits
     */
    String login(Credentials credentials) throws IOException {
        requireClean("user name", credentials.user(), false);
        if (credentials instanceof Credentials.OAuth2 oauth) {
            return xoauth2(oauth);
        }
        Credentials.Password password = (Credentials.Password) credentials;
        boolean apop = apopTimestamp.isPresent();
        if (options.preferApop() && apop) {
            return apop(password);
        }
        if (capa.saslMechanisms().contains("PLAIN")) {
            return plain(password);
        }
        if (capa.has("USER") || !capa.known()) {
            return userPass(password);
        }
        if (apop) {
            return apop(password);
        }
        throw new AuthenticationException("No login mechanism in common with the server: it advertises neither SASL"
                + " PLAIN nor USER, and its greeting has no APOP timestamp (CAPA: " + capa.lines() + ")", null);
    }

    private String userPass(Credentials.Password credentials) throws IOException {
        requireClean("password", credentials.password(), true);
        Reply user = wire.command("USER " + credentials.user());
        if (!user.ok()) {
            throw refused("USER", user, credentials.password());
        }
        Reply pass = wire.command("PASS " + credentials.password());
        if (!pass.ok()) {
            throw refused("USER/PASS", pass, credentials.password());
        }
        return "USER";
    }

    private String apop(Credentials.Password credentials) throws IOException {
        String digest = md5Hex(apopTimestamp.orElseThrow() + credentials.password());
        Reply reply = wire.command("APOP " + credentials.user() + " " + digest);
        if (!reply.ok()) {
            throw refused("APOP", reply, credentials.password(), digest);
        }
        return "APOP";
    }

    private String plain(Credentials.Password credentials) throws IOException {
        String blob = base64("\0" + credentials.user() + "\0" + credentials.password());
        sasl("PLAIN", blob, credentials.password());
        return "PLAIN";
    }

    private String xoauth2(Credentials.OAuth2 credentials) throws IOException {
        if (!capa.saslMechanisms().contains("XOAUTH2")) {
            throw new AuthenticationException("The server does not advertise SASL XOAUTH2 (CAPA SASL mechanisms: "
                    + capa.saslMechanisms() + "), so OAuth2 credentials cannot be used", null);
        }
        // Asked on every authentication, so that a refreshed token is used (PITFALLS P11).
        String token = credentials.token().get();
        if (token == null || token.isEmpty()) {
            throw new AuthenticationException("The OAuth2 token supplier returned no token", null);
        }
        requireClean("token", token, false);
        String blob = base64("user=" + credentials.user() + "\u0001auth=Bearer " + token + "\u0001\u0001");
        sasl("XOAUTH2", blob, token);
        return "XOAUTH2";
    }

    /**
     * RFC 5034 AUTH: the initial response on the command line when it fits in 255 octets, otherwise after the
     * server's empty challenge (the exchange Microsoft documents for long XOAUTH2 tokens).
     */
    private void sasl(String mechanism, String blob, String secret) throws IOException {
        String withInitial = "AUTH " + mechanism + " " + blob;
        Reply reply;
        if (withInitial.length() <= MAX_AUTH_LINE) {
            reply = wire.command(withInitial);
        } else {
            reply = wire.command("AUTH " + mechanism);
            if (reply.kind() == Reply.Kind.CONTINUE) {
                wire.sendContinuation(blob);
                wire.flush();
                reply = wire.readReply();
            }
        }
        if (reply.kind() == Reply.Kind.CONTINUE) {
            // XOAUTH2 reports a failure as a challenge carrying an error document; an empty answer gets the -ERR.
            wire.sendContinuation("");
            wire.flush();
            reply = wire.readReply();
            if (reply.kind() == Reply.Kind.CONTINUE) {
                wire.sendContinuation("*");
                wire.flush();
                reply = wire.readReply();
            }
        }
        if (!reply.ok()) {
            throw refused("AUTH " + mechanism, reply, secret, blob);
        }
    }

    private static AuthenticationException refused(String mechanism, Reply reply, String... secrets) {
        String text = reply.text();
        for (String s : secrets) {
            if (s != null && !s.isEmpty()) {
                text = text.replace(s, Redaction.REDACTED);
            }
        }
        return new AuthenticationException("The server refused the login (" + mechanism + "): " + text, text);
    }

    private static void requireClean(String what, String value, boolean allowSpace) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < ' ' && c != '\t' || c == 0x7f || (!allowSpace && c == ' ')) {
                throw new IllegalArgumentException("The " + what + " contains a control character"
                        + (allowSpace ? "" : " or a space") + ", which POP3 cannot carry");
            }
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String md5Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required on every Java platform", e);
        }
    }
}
