package org.mailaccess.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Function;
import org.mailaccess.testkit.internal.Connection;
import org.mailaccess.testkit.internal.Reply;

/**
 * The AUTHORIZATION state logins of one POP3 session: USER/PASS and APOP (RFC 1939), AUTH PLAIN (RFC 5034, RFC 4616)
 * and AUTH XOAUTH2, whose bearer token must equal the user's password.
 */
final class Pop3Auth {

    private final FakePop3Server server;
    private final Pop3Profile profile;
    private final Connection connection;
    private final Function<String, Reply> login;
    private String apopTimestamp;
    private String pendingUser;

    /**
     * @param login opens the maildrop of an authenticated user and returns the final reply
     */
    Pop3Auth(FakePop3Server server, Connection connection, Function<String, Reply> login) {
        this.server = server;
        this.profile = server.profile();
        this.connection = connection;
        this.login = login;
    }

    void apopTimestamp(String timestamp) {
        this.apopTimestamp = timestamp;
    }

    /** RFC 2595 section 4: state from before the TLS handshake must not carry over. */
    void reset() {
        pendingUser = null;
    }

    Reply user(String args) {
        if (!profile.offersUser()) {
            return Pop3Replies.err("USER/PASS not supported");
        }
        if (args.isEmpty()) {
            return Pop3Replies.err("usage: USER name");
        }
        pendingUser = args;
        // Answer +OK for unknown users too, so that the reply does not reveal which names exist.
        return Pop3Replies.ok("send PASS");
    }

    Reply pass(String args) {
        if (!profile.offersUser()) {
            return Pop3Replies.err("USER/PASS not supported");
        }
        if (pendingUser == null) {
            return Pop3Replies.err("send USER first");
        }
        String user = pendingUser;
        pendingUser = null;
        // RFC 1939 allows spaces inside the password, so the whole rest of the line is the password.
        return server.checkPassword(user, args) ? login.apply(user) : invalidCredentials();
    }

    Reply apop(String args) {
        if (!profile.offersApop() || apopTimestamp == null) {
            return Pop3Replies.err("APOP not supported");
        }
        String[] parts = args.split(" ", -1);
        if (parts.length != 2) {
            return Pop3Replies.err("usage: APOP name digest");
        }
        String password = server.passwordOf(parts[0]);
        boolean ok = password != null && md5Hex(apopTimestamp + password).equals(parts[1]);
        return ok ? login.apply(parts[0]) : invalidCredentials();
    }

    Reply auth(String args) throws IOException {
        if (profile.saslMechanisms().isEmpty()) {
            return Pop3Replies.err("AUTH not supported");
        }
        if (args.isEmpty()) {
            return Pop3Replies.multiLine("SASL mechanisms follow", profile.saslMechanisms());
        }
        int space = args.indexOf(' ');
        String mechanism = (space < 0 ? args : args.substring(0, space)).toUpperCase(Locale.ROOT);
        if (!profile.saslMechanisms().contains(mechanism)) {
            return Pop3Replies.err("unsupported SASL mechanism");
        }
        String response = space < 0 ? challenge() : args.substring(space + 1);
        if (response == null) {
            return new Reply(new byte[0], Reply.After.CLOSE);
        }
        if (response.equals("*")) {
            return Pop3Replies.err("authentication cancelled");
        }
        byte[] decoded;
        try {
            decoded = response.equals("=") ? new byte[0] : java.util.Base64.getDecoder().decode(response);
        } catch (IllegalArgumentException e) {
            return Pop3Replies.err("invalid base64");
        }
        String user = mechanism.equals("PLAIN") ? plainUser(decoded) : xoauth2User(decoded);
        return user != null ? login.apply(user) : invalidCredentials();
    }

    /** RFC 5034 section 4: an empty server challenge is {@code "+ "}. */
    private String challenge() throws IOException {
        connection.write("+ \r\n");
        connection.flush();
        String line = connection.readLine();
        if (line != null) {
            server.log().record(new RecordedCommand(connection.index(), RecordedCommand.CONTINUATION, line,
                    connection.isTls()));
        }
        return line;
    }

    /** RFC 4616: {@code [authzid] NUL authcid NUL passwd}; an authzid other than the user is refused. */
    private String plainUser(byte[] message) {
        String[] parts = new String(message, StandardCharsets.UTF_8).split("\0", -1);
        if (parts.length != 3 || !(parts[0].isEmpty() || parts[0].equals(parts[1]))) {
            return null;
        }
        return server.checkPassword(parts[1], parts[2]) ? parts[1] : null;
    }

    /** {@code user=U ^A auth=Bearer TOKEN ^A ^A}, as specified by Google's XOAUTH2 documentation. */
    private String xoauth2User(byte[] message) {
        String text = new String(message, StandardCharsets.UTF_8);
        String[] parts = text.split("\u0001", -1);
        if (parts.length != 4 || !parts[2].isEmpty() || !parts[3].isEmpty()
                || !parts[0].startsWith("user=") || !parts[1].startsWith("auth=Bearer ")) {
            return null;
        }
        String user = parts[0].substring("user=".length());
        return server.checkPassword(user, parts[1].substring("auth=Bearer ".length())) ? user : null;
    }

    private Reply invalidCredentials() {
        return Pop3Replies.err(profile, "AUTH", "invalid user name or password");
    }

    static String md5Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every Java platform", e);
        }
    }
}
