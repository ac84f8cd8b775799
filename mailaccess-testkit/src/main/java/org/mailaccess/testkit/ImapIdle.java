package org.mailaccess.testkit;

import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import org.mailaccess.testkit.ImapSession.Result;
import org.mailaccess.testkit.internal.ImapWriter;

/**
 * IDLE (RFC 2177): after the {@code +} continuation, changes to the selected folder made by other connections or by
 * the test (deliveries, expunges, flag changes) are pushed as untagged responses within about 50 ms, until the
 * client sends {@code DONE}. The account lock is held only while collecting updates, never while waiting.
 */
final class ImapIdle {

    private static final Duration POLL = Duration.ofMillis(50);

    private final ImapSession session;

    ImapIdle(ImapSession session) {
        this.session = session;
    }

    Result idle(ImapCommand c) throws IOException {
        c.args.end();
        session.connection.write("+ idling\r\n");
        session.connection.flush();
        long deadline = System.nanoTime() + session.connection.idleTimeout().toNanos();
        while (true) {
            push();
            if (session.connection.awaitInput(POLL)) {
                String line = session.connection.readLine();
                if (line == null) {
                    throw new EOFException("client closed the connection during IDLE");
                }
                session.server.log().record(new RecordedCommand(session.connection.index(), "",
                        line.toUpperCase(Locale.ROOT), line, java.util.List.of(), session.connection.isTls()));
                return line.equalsIgnoreCase("DONE") ? Result.ok("IDLE terminated") : Result.bad("expected DONE");
            }
            if (System.nanoTime() > deadline) {
                session.connection.write("* BYE idle for too long\r\n");
                session.connection.flush();
                throw new EOFException("IDLE timed out");
            }
        }
    }

    private void push() throws IOException {
        if (session.view == null) {
            return;
        }
        ImapWriter out = new ImapWriter();
        boolean valid;
        synchronized (session.account) {
            valid = session.view.update(out, true);
        }
        if (!valid) {
            out.untagged("BYE [UIDVALIDITY] mailbox was rebuilt");
        }
        if (!out.isEmpty()) {
            session.connection.write(out.toByteArray());
            session.connection.flush();
        }
        if (!valid) {
            throw new EOFException("UIDVALIDITY changed during IDLE");
        }
    }
}
