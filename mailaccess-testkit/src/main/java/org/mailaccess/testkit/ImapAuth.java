package org.mailaccess.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import org.mailaccess.testkit.ImapSession.Result;
import org.mailaccess.testkit.internal.ImapWriter;
import org.mailaccess.testkit.internal.Reply;

/**
 * The not-authenticated state (RFC 3501 section 6.2): STARTTLS, LOGIN and AUTHENTICATE with SASL PLAIN (RFC 4616) and
 * XOAUTH2 (bearer token = password), each with an initial response (SASL-IR, RFC 4959) or a continuation. A successful
 * login answers with the post-login capabilities in the tagged OK, as Dovecot does.
 */
final class ImapAuth {

    /** Commands that exist but need a login first. */
    private static final Set<String> NEEDS_LOGIN = Set.of("SELECT", "EXAMINE", "CREATE", "DELETE", "RENAME",
            "SUBSCRIBE", "UNSUBSCRIBE", "LIST", "LSUB", "STATUS", "APPEND", "IDLE", "ENABLE", "NAMESPACE", "GETQUOTA",
            "GETQUOTAROOT", "CLOSE", "UNSELECT", "EXPUNGE", "SEARCH", "FETCH", "STORE", "COPY", "MOVE");

    private final ImapSession session;

    ImapAuth(ImapSession session) {
        this.session = session;
    }

    Result handle(ImapCommand c, ImapWriter out) throws IOException {
        switch (c.verb) {
            case "STARTTLS":
                c.args.end();
                return starttls();
            case "LOGIN":
                return login(c);
            case "AUTHENTICATE":
                return session.profile.has(ImapProfile.Feature.SASL) ? authenticate(c) : ImapSession.unknown();
            default:
                return NEEDS_LOGIN.contains(c.name()) ? Result.no("not authenticated") : ImapSession.unknown();
        }
    }

    private Result starttls() {
        if (!session.profile.offersStarttls() || session.connection.isTls()) {
            return Result.bad(session.connection.isTls() ? "TLS already active" : "STARTTLS not supported");
        }
        // The engine discards anything pipelined behind STARTTLS in plaintext (PITFALLS S1).
        return Result.ok("begin TLS negotiation now").then(Reply.After.START_TLS);
    }

    private boolean loginDisabled() {
        return session.profile.has(ImapProfile.Feature.LOGIN_DISABLED) && !session.connection.isTls();
    }

    private Result login(ImapCommand c) {
        c.args.sp();
        String user = c.args.astring();
        c.args.sp();
        String password = c.args.astring();
        c.args.end();
        if (loginDisabled()) {
            return Result.no("PRIVACYREQUIRED", "LOGIN is disabled before STARTTLS");
        }
        return session.server.checkPassword(user, password) ? loggedIn(user) : failed();
    }

    private Result authenticate(ImapCommand c) throws IOException {
        c.args.sp();
        String mechanism = c.args.atom().toUpperCase(Locale.ROOT);
        String response = null;
        if (c.args.tryConsume(' ')) {
            response = c.args.atom();
        }
        c.args.end();
        if (loginDisabled()) {
            return Result.no("PRIVACYREQUIRED", "AUTHENTICATE is disabled before STARTTLS");
        }
        if (!mechanism.equals("PLAIN") && !mechanism.equals("XOAUTH2")) {
            return Result.no("unsupported SASL mechanism");
        }
        if (response == null) {
            response = challenge();
            if (response == null) {
                return Result.bad("connection closed").then(Reply.After.CLOSE);
            }
        }
        if (response.equals("*")) {
            return Result.bad("authentication cancelled");
        }
        byte[] decoded;
        try {
            // RFC 4959: "=" is an empty initial response.
            decoded = response.equals("=") ? new byte[0] : Base64.getDecoder().decode(response);
        } catch (IllegalArgumentException e) {
            return Result.bad("invalid base64");
        }
        String user = mechanism.equals("PLAIN") ? plainUser(decoded) : xoauth2User(decoded);
        return user != null ? loggedIn(user) : failed();
    }

    /** RFC 3501 section 7.5: an empty challenge is {@code "+ "}; the answer is recorded as a continuation. */
    private String challenge() throws IOException {
        session.connection.write("+ \r\n");
        session.connection.flush();
        String line = session.connection.readLine();
        if (line != null) {
            session.server.log().record(new RecordedCommand(session.connection.index(),
                    RecordedCommand.CONTINUATION, line, session.connection.isTls()));
        }
        return line;
    }

    /** RFC 4616: {@code [authzid] NUL authcid NUL passwd}; an authzid other than the user is refused. */
    private String plainUser(byte[] message) {
        String[] parts = new String(message, StandardCharsets.UTF_8).split("\0", -1);
        if (parts.length != 3 || !(parts[0].isEmpty() || parts[0].equals(parts[1]))) {
            return null;
        }
        return session.server.checkPassword(parts[1], parts[2]) ? parts[1] : null;
    }

    /** {@code user=U ^A auth=Bearer TOKEN ^A ^A}, as specified by Google's XOAUTH2 documentation. */
    private String xoauth2User(byte[] message) {
        String[] parts = new String(message, StandardCharsets.UTF_8).split("\u0001", -1);
        if (parts.length != 4 || !parts[2].isEmpty() || !parts[3].isEmpty()
                || !parts[0].startsWith("user=") || !parts[1].startsWith("auth=Bearer ")) {
            return null;
        }
        String user = parts[0].substring("user=".length());
        return session.server.checkPassword(user, parts[1].substring("auth=Bearer ".length())) ? user : null;
    }

    private Result loggedIn(String user) {
        ImapAccount account = session.server.accountOrNull(user);
        if (account == null) {
            return failed();
        }
        session.account = account;
        return Result.ok("CAPABILITY " + session.capabilities(), "logged in");
    }

    private static Result failed() {
        return Result.no("AUTHENTICATIONFAILED", "invalid credentials");
    }
}
