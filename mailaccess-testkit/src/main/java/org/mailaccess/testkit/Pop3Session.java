package org.mailaccess.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.mailaccess.testkit.Fault.CommandFault;
import org.mailaccess.testkit.internal.CommandRunner;
import org.mailaccess.testkit.internal.Connection;
import org.mailaccess.testkit.internal.LineTooLongException;
import org.mailaccess.testkit.internal.Reply;

/**
 * One POP3 conversation (RFC 1939): greeting, AUTHORIZATION, TRANSACTION, UPDATE, with CAPA (RFC 2449) and STLS
 * (RFC 2595). Runs on the connection's thread; the socket work is the engine's.
 */
final class Pop3Session {

    /** How long a login waits for a maildrop held by a connection that is going away. */
    private static final Duration LOCK_WAIT = Duration.ofSeconds(2);
    private static final AtomicLong APOP_CLOCK = new AtomicLong();

    private final FakePop3Server server;
    private final Pop3Profile profile;
    private final Connection connection;
    private final Pop3Auth auth;
    private Pop3Maildrop maildrop;

    Pop3Session(FakePop3Server server, Connection connection) {
        this.server = server;
        this.profile = server.profile();
        this.connection = connection;
        this.auth = new Pop3Auth(server, connection, this::login);
    }

    void run() throws IOException {
        try {
            greet();
            String line;
            while ((line = connection.readLine()) != null) {
                RecordedCommand command = RecordedCommand.of(connection.index(), line, connection.isTls());
                server.log().record(command);
                Optional<CommandFault> fault = server.faults().onCommand(command.verb());
                boolean more = CommandRunner.run(connection, fault,
                        text -> Pop3Replies.errLine(null, text).getBytes(StandardCharsets.UTF_8),
                        () -> dispatch(command));
                if (!more) {
                    return;
                }
            }
        } catch (LineTooLongException e) {
            connection.write(Pop3Replies.errLine(null, "line too long"));
            connection.flush();
        } finally {
            if (maildrop != null) {
                maildrop.release();
            }
        }
    }

    private void greet() throws IOException {
        String timestamp = profile.offersApop()
                ? "<" + ProcessHandle.current().pid() + "." + APOP_CLOCK.incrementAndGet() + "." + System.nanoTime()
                        + "@" + server.hostname() + ">"
                : null;
        Optional<String> replaced = server.faults().takeGreeting();
        if (replaced.isPresent()) {
            // A scripted greeting may carry its own APOP timestamp; digests are then checked against that one.
            String raw = replaced.get();
            int open = raw.indexOf('<');
            int close = raw.indexOf('>', open + 1);
            timestamp = open >= 0 && close > open ? raw.substring(open, close + 1) : timestamp;
            connection.write(raw);
        } else {
            connection.write("+OK fake POP3 ready" + (timestamp != null ? " " + timestamp : "") + "\r\n");
        }
        connection.flush();
        auth.apopTimestamp(timestamp);
    }

    private Reply dispatch(RecordedCommand command) throws IOException {
        String args = command.arguments();
        switch (command.verb()) {
            case "CAPA":
                return capa();
            case "QUIT":
                return (maildrop != null ? maildrop.quit() : Pop3Replies.ok("bye")).then(Reply.After.CLOSE);
            default:
                return maildrop == null ? authorization(command.verb(), args) : transaction(command.verb(), args);
        }
    }

    private Reply authorization(String verb, String args) throws IOException {
        switch (verb) {
            case "STLS":
                return stls();
            case "USER":
                return auth.user(args);
            case "PASS":
                return auth.pass(args);
            case "APOP":
                return auth.apop(args);
            case "AUTH":
                return auth.auth(args);
            case "STAT": case "LIST": case "UIDL": case "TOP": case "RETR": case "DELE": case "NOOP": case "RSET":
                return Pop3Replies.err("not authenticated");
            default:
                return unknown();
        }
    }

    private Reply transaction(String verb, String args) {
        switch (verb) {
            case "STAT":
                return maildrop.stat();
            case "LIST":
                return maildrop.list(args);
            case "UIDL":
                return maildrop.uidl(args);
            case "TOP":
                return maildrop.top(args);
            case "RETR":
                return maildrop.retr(args);
            case "DELE":
                return maildrop.dele(args);
            case "NOOP":
                return Pop3Replies.ok("");
            case "RSET":
                return maildrop.rset();
            case "STLS": case "USER": case "PASS": case "APOP": case "AUTH":
                return Pop3Replies.err("already authenticated");
            default:
                return unknown();
        }
    }

    /** Never echoes the verb back: client text in a reply is what S8 forbids. */
    private static Reply unknown() {
        return Pop3Replies.err("unknown command");
    }

    private Reply stls() {
        if (!profile.offersStls() || connection.isTls()) {
            return Pop3Replies.err(connection.isTls() ? "TLS already active" : "STLS not supported");
        }
        auth.reset();
        return Pop3Replies.ok("begin TLS negotiation").then(Reply.After.START_TLS);
    }

    private Reply capa() {
        if (!profile.offersCapa()) {
            return unknown();
        }
        List<String> lines = new ArrayList<>();
        if (profile.offersTop()) {
            lines.add("TOP");
        }
        if (profile.offersUidl()) {
            lines.add("UIDL");
        }
        if (profile.offersUser()) {
            lines.add("USER");
        }
        if (!profile.saslMechanisms().isEmpty()) {
            lines.add("SASL " + String.join(" ", profile.saslMechanisms()));
        }
        if (profile.offersStls() && !connection.isTls() && maildrop == null) {
            lines.add("STLS");
        }
        if (profile.offersPipelining()) {
            lines.add("PIPELINING");
        }
        if (profile.offersRespCodes()) {
            lines.add("RESP-CODES");
            lines.add("AUTH-RESP-CODE");
        }
        profile.expire().ifPresent(days -> lines.add("EXPIRE " + days));
        profile.loginDelay().ifPresent(seconds -> lines.add("LOGIN-DELAY " + seconds));
        lines.add("IMPLEMENTATION mailaccess-testkit");
        return Pop3Replies.multiLine("capability list follows", lines);
    }

    /** Opens the maildrop after a successful login, holding its exclusive lock (RFC 1939 section 4). */
    private Reply login(String user) {
        Mailbox mailbox = server.mailboxOrNull(user);
        if (mailbox == null || !mailbox.tryLock(LOCK_WAIT)) {
            return Pop3Replies.err(profile, "IN-USE", "maildrop already locked");
        }
        maildrop = new Pop3Maildrop(mailbox, profile);
        return Pop3Replies.ok("maildrop locked and ready");
    }
}
