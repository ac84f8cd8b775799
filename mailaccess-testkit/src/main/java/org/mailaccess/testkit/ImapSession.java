package org.mailaccess.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.mailaccess.testkit.Fault.CommandFault;
import org.mailaccess.testkit.internal.CommandRunner;
import org.mailaccess.testkit.internal.Connection;
import org.mailaccess.testkit.internal.ImapRequest;
import org.mailaccess.testkit.internal.ImapSyntaxException;
import org.mailaccess.testkit.internal.ImapWriter;
import org.mailaccess.testkit.internal.LineTooLongException;
import org.mailaccess.testkit.internal.LiteralTooLargeException;
import org.mailaccess.testkit.internal.Reply;

/**
 * One IMAP connection (RFC 3501 section 3): greeting, the not-authenticated, authenticated and selected states, and
 * LOGOUT. Reads whole commands (literals included), records them, applies faults through the shared
 * {@link CommandRunner}, and sends each reply with the untagged updates that other connections' changes caused.
 * Runs on the connection's thread; the socket work is the engine's.
 */
final class ImapSession {

    private static final System.Logger LOG = System.getLogger(ImapSession.class.getName());

    final FakeImapServer server;
    final ImapProfile profile;
    final Connection connection;
    ImapAccount account;
    ImapView view;
    boolean condstoreEnabled;
    boolean qresyncEnabled;

    ImapSession(FakeImapServer server, Connection connection) {
        this.server = server;
        this.profile = server.profile();
        this.connection = connection;
    }

    /** The final status of a command: {@code tag status [code] text}. */
    record Result(String status, String code, String text, Reply.After after) {
        static Result ok(String text) {
            return new Result("OK", null, text, Reply.After.CONTINUE);
        }

        static Result ok(String code, String text) {
            return new Result("OK", code, text, Reply.After.CONTINUE);
        }

        static Result no(String text) {
            return new Result("NO", null, text, Reply.After.CONTINUE);
        }

        static Result no(String code, String text) {
            return new Result("NO", code, text, Reply.After.CONTINUE);
        }

        static Result bad(String text) {
            return new Result("BAD", null, text, Reply.After.CONTINUE);
        }

        Result then(Reply.After next) {
            return new Result(status, code, text, next);
        }
    }

    void run() throws IOException {
        if (!greet()) {
            return;
        }
        while (true) {
            ImapRequest request;
            try {
                request = ImapRequest.read(connection, server.maxLiteralSize());
            } catch (LiteralTooLargeException | LineTooLongException e) {
                // Neither can be skipped safely: the rest of the stream is unknown data (PITFALLS S5).
                connection.write("* BYE [LIMIT] command too large\r\n");
                connection.flush();
                return;
            }
            if (request == null) {
                return;
            }
            ImapCommand command = ImapCommand.of(request);
            server.log().record(new RecordedCommand(connection.index(), command.tag, command.verb,
                    request.rawText(), request.literals(), connection.isTls()));
            if (command.tag.isEmpty()) {
                connection.write("* BAD invalid or missing tag\r\n");
                connection.flush();
                continue;
            }
            Optional<CommandFault> fault = command.verb.isEmpty() ? Optional.empty()
                    : server.faults().onCommand(command.verb);
            boolean more = CommandRunner.run(connection, fault,
                    text -> tagged(command.tag, "NO", text), text -> tagged(command.tag, "BAD", text),
                    () -> execute(command));
            if (!more) {
                return;
            }
        }
    }

    private static byte[] tagged(String tag, String status, String text) {
        return (tag + " " + status + " " + ImapWriter.sanitize(text) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private boolean greet() throws IOException {
        Optional<String> scripted = server.faults().takeGreeting();
        if (scripted.isPresent()) {
            connection.write(scripted.get());
            connection.flush();
            return true;
        }
        if (profile.has(ImapProfile.Feature.PREAUTH)) {
            account = server.firstAccount();
            if (account == null) {
                connection.write("* BYE no user to pre-authenticate\r\n");
                connection.flush();
                return false;
            }
            connection.write("* PREAUTH [CAPABILITY " + capabilities() + "] logged in\r\n");
        } else {
            connection.write("* OK [CAPABILITY " + capabilities() + "] fake IMAP ready\r\n");
        }
        connection.flush();
        return true;
    }

    String capabilities() {
        return String.join(" ", profile.capabilities(connection.isTls(), account != null));
    }

    private Reply execute(ImapCommand command) throws IOException {
        ImapWriter out = new ImapWriter();
        Result result;
        try {
            if (view != null && syncsBefore(command)) {
                // Like Dovecot, bring the view up to date before running the command, so "UID FETCH 1:*" sees a
                // message another connection just delivered (its EXISTS goes out first, RFC 3501 section 7.3.1).
                synchronized (account) {
                    if (view.uidValidityUnchanged()) {
                        view.update(out, allowsExpunge(command));
                    }
                }
            }
            result = dispatch(command, out);
            if (result.status().equals("BAD")) {
                // A rejected command leaves no partial responses behind.
                out = new ImapWriter();
            }
        } catch (ImapSyntaxException e) {
            out = new ImapWriter();
            result = Result.bad(e.getMessage());
        } catch (RuntimeException e) {
            // A bug in the fake must not look like a network failure to the client under test.
            LOG.log(System.Logger.Level.WARNING, "fake IMAP server failed on " + command.verb, e);
            out = new ImapWriter();
            result = Result.no("SERVERBUG", "internal error in the fake server");
        }
        if (view != null && result.after() == Reply.After.CONTINUE) {
            synchronized (account) {
                if (!view.update(out, allowsExpunge(command))) {
                    out.untagged("BYE [UIDVALIDITY] mailbox was rebuilt");
                    result = result.then(Reply.After.CLOSE);
                }
            }
        }
        out.raw(command.tag).raw(" ").raw(result.status()).raw(" ");
        if (result.code() != null) {
            out.raw("[").raw(result.code()).raw("] ");
        }
        out.text(result.text()).crlf();
        return new Reply(out.toByteArray(), result.after());
    }

    /** Commands that replace or leave the view, or wait for changes themselves, need no update before them. */
    private static boolean syncsBefore(ImapCommand command) {
        switch (command.verb) {
            case "SELECT", "EXAMINE", "UNSELECT", "CLOSE", "LOGOUT", "IDLE":
                return false;
            default:
                return true;
        }
    }

    /** RFC 3501 section 7.4.1: no EXPUNGE while answering FETCH, STORE or SEARCH by sequence number. */
    private static boolean allowsExpunge(ImapCommand command) {
        return command.uid || !(command.verb.equals("FETCH") || command.verb.equals("STORE")
                || command.verb.equals("SEARCH"));
    }

    private Result dispatch(ImapCommand c, ImapWriter out) throws IOException {
        switch (c.verb) {
            case "CAPABILITY":
                c.args.end();
                out.untagged("CAPABILITY " + capabilities());
                return Result.ok("capability completed");
            case "NOOP":
            case "CHECK":
                c.args.end();
                return c.verb.equals("CHECK") && view == null ? notSelected() : Result.ok(c.verb + " completed");
            case "LOGOUT":
                c.args.end();
                out.untagged("BYE logging out");
                view = null;
                return Result.ok("logout completed").then(Reply.After.CLOSE);
            case "ID":
                out.untagged("ID (\"name\" \"mailaccess-testkit\")");
                return Result.ok("ID completed");
            default:
                break;
        }
        if (account == null) {
            return new ImapAuth(this).handle(c, out);
        }
        if (c.verb.equals("IDLE")) {
            // IDLE waits for the client, so it must not hold the account lock while it does.
            return profile.has(ImapProfile.Feature.IDLE) ? new ImapIdle(this).idle(c) : unknown();
        }
        synchronized (account) {
            return authenticated(c, out);
        }
    }

    private Result authenticated(ImapCommand c, ImapWriter out) {
        switch (c.verb) {
            case "STARTTLS": case "LOGIN": case "AUTHENTICATE":
                return Result.bad("already authenticated");
            case "SELECT": case "EXAMINE":
                return new ImapSelect(this).select(c, out);
            case "CLOSE": case "UNSELECT":
                return view == null ? notSelected() : new ImapSelect(this).close(c);
            case "LIST": case "LSUB": case "CREATE": case "DELETE": case "RENAME": case "SUBSCRIBE":
            case "UNSUBSCRIBE": case "STATUS": case "NAMESPACE":
                return new ImapMailboxes(this).handle(c, out);
            case "ENABLE":
                return profile.has(ImapProfile.Feature.ENABLE) ? new ImapSelect(this).enable(c, out) : unknown();
            case "APPEND":
                return new ImapAppend(this).append(c, out);
            case "GETQUOTA": case "GETQUOTAROOT": case "SETQUOTA":
                return profile.has(ImapProfile.Feature.QUOTA) ? new ImapQuota(this).handle(c, out) : unknown();
            default:
                return selected(c, out);
        }
    }

    private Result selected(ImapCommand c, ImapWriter out) {
        switch (c.name()) {
            case "FETCH": case "SEARCH": case "STORE": case "COPY": case "MOVE": case "EXPUNGE":
                break;
            default:
                return unknown();
        }
        if (view == null) {
            return notSelected();
        }
        switch (c.name()) {
            case "FETCH":
                return new ImapFetch(this).fetch(c, out);
            case "SEARCH":
                return new ImapSearch(this).search(c, out);
            case "STORE":
                return new ImapFlagStore(this).store(c, out);
            case "COPY":
                return new ImapCopyMove(this).copy(c, out, false);
            case "MOVE":
                return profile.has(ImapProfile.Feature.MOVE) ? new ImapCopyMove(this).copy(c, out, true) : unknown();
            default:
                if (c.uid && !profile.has(ImapProfile.Feature.UIDPLUS)) {
                    return unknown();
                }
                return new ImapCopyMove(this).expunge(c);
        }
    }

    static Result notSelected() {
        // A command in the wrong state is a client error: BAD, as Dovecot answers (RFC 3501 section 6).
        return Result.bad("No mailbox selected.");
    }

    /** Never echoes the verb back: client text in a reply is what S8 forbids. */
    static Result unknown() {
        return Result.bad("unknown command");
    }

    /** CONDSTORE becomes enabled by ENABLE, SELECT (CONDSTORE) or any MODSEQ use (RFC 7162 section 3.1). */
    void enableCondstore() {
        condstoreEnabled = true;
    }

    boolean condstoreOffered() {
        return profile.has(ImapProfile.Feature.CONDSTORE);
    }
}
