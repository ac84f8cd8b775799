package org.mailaccess.pop3.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.mailaccess.CommandFailedException;
import org.mailaccess.ProtocolViolationException;
import org.mailaccess.internal.Redaction;
import org.mailaccess.internal.TimedOutputStream;

/**
 * Commands out, replies in, on the streams taken over from Commons Net (see {@link Pop3Socket} for why). Pipelining
 * (RFC 2449 section 6.6) is write N commands, flush once, read N replies; one command at a time is the same with N=1.
 *
 * <p>I/O errors surface as {@link IOException}; the session turns them into a closed session and a
 * {@link org.mailaccess.ConnectionException}.
 */
final class Pop3Wire {

    private static final byte[] CRLF = {'\r', '\n'};

    private final LineInput in;
    private final OutputStream out;
    private final Events events;
    private final Pop3Socket socket;
    private final Duration readTimeout;

    Pop3Wire(Pop3Socket socket, Duration readTimeout, Duration writeTimeout, Events events) {
        this.socket = socket;
        this.readTimeout = readTimeout;
        this.in = new LineInput(socket.input());
        this.out = new BufferedOutputStream(new TimedOutputStream(socket.output(), socket.tcpSocket(), writeTimeout),
                8192);
        this.events = events;
    }

    /** Handles the reply to the command at {@code index} of a batch; must read any multi-line data in full. */
    @FunctionalInterface
    interface ReplyHandler {
        void handle(int index, Reply reply) throws IOException;
    }

    /**
     * Buffers one command; nothing goes out before {@link #flush()}. Listeners see it with secrets redacted.
     *
     * @throws IllegalArgumentException when the line holds CR, LF or NUL, which would smuggle in another command
     */
    void send(String line) throws IOException {
        write(line);
        events.commandSent(Redaction.pop3(line));
    }

    /** Buffers an answer to a SASL challenge (RFC 5034 section 4), shown to listeners only as redacted. */
    void sendContinuation(String line) throws IOException {
        write(line);
        events.commandSent(Redaction.REDACTED);
    }

    void flush() throws IOException {
        out.flush();
    }

    /** Reads one status line. */
    Reply readReply() throws IOException {
        String line = in.readLine();
        events.replyReceived(line);
        return Reply.parse(line);
    }

    /** Sends one command and reads its status line. */
    Reply command(String line) throws IOException {
        send(line);
        flush();
        return readReply();
    }

    /**
     * Reads the lines of a multi-line protocol listing (CAPA, UIDL, LIST), byte-stuffing removed.
     *
     * @param maxLines how many lines the caller can expect at most (for UIDL and LIST: the STAT count plus slack); a
     *                 server that sends more is broken or hostile, and keeping its lines would grow without bound
     * @throws ProtocolViolationException when the listing has more lines; the session is then out of step and closed
     */
    List<String> readListing(String verb, long maxLines) throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = in.readLine();
            if (line.equals(".")) {
                return lines;
            }
            if (lines.size() >= maxLines) {
                throw new ProtocolViolationException("The server's " + verb + " listing has more than " + maxLines
                        + " lines");
            }
            lines.add(line.startsWith(".") ? line.substring(1) : line);
        }
    }

    /**
     * Arms a deadline for one operation on this connection: when it fires, the TCP socket is closed and the blocked
     * read fails (translate its exception with {@link Deadline#translate}).
     */
    Deadline deadline(String what, Duration limit) {
        return Deadline.arm(what, limit, socket::abort);
    }

    /** The read timeout the session was opened with (SO_TIMEOUT, per read). */
    Duration readTimeout() {
        return readTimeout;
    }

    /** The data of the multi-line reply whose status line was just read. */
    DotStuffedInputStream body() {
        return new DotStuffedInputStream(in);
    }

    /**
     * Sends commands in batches of {@code batchSize}, each batch flushed once, and hands every reply to the handler
     * in order. With a batch size of 1 this is the plain lock-step conversation.
     *
     * <p>A handler may refuse an {@code -ERR} with {@link CommandFailedException} (which carries no data to read);
     * every other reply is still read and handled, so the conversation stays in step, and the first refusal is thrown
     * at the end, with the number of further refusals appended.
     */
    void pipeline(List<String> commands, int batchSize, ReplyHandler handler) throws IOException {
        CommandFailedException first = null;
        int failures = 0;
        for (int start = 0; start < commands.size(); start += batchSize) {
            int end = Math.min(commands.size(), start + batchSize);
            for (int i = start; i < end; i++) {
                send(commands.get(i));
            }
            flush();
            for (int i = start; i < end; i++) {
                try {
                    handler.handle(i, readReply());
                } catch (CommandFailedException e) {
                    failures++;
                    first = first == null ? e : first;
                }
            }
        }
        if (first != null) {
            throw failures == 1 ? first : new CommandFailedException(first.command(), first.serverText() + " (and "
                    + (failures - 1) + " more of " + commands.size() + " refused)", first.responseCode().orElse(null));
        }
    }

    private void write(String line) throws IOException {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("A POP3 command must not contain CR, LF or NUL");
            }
        }
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.write(CRLF);
    }
}
