package org.mailaccess.testkit.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import org.mailaccess.testkit.Fault;
import org.mailaccess.testkit.Fault.CommandFault;

/**
 * Runs one command through an optional {@link CommandFault}. Protocol sessions supply the processing and the error
 * format; the fault semantics live here once, for every protocol.
 */
public final class CommandRunner {

    /** Processes a command; may exchange continuation lines with the client before returning the final reply. */
    @FunctionalInterface
    public interface Processor {
        /**
         * Applies the command to the server state.
         *
         * @return the final reply
         * @throws IOException on network errors during continuations
         */
        Reply process() throws IOException;
    }

    private CommandRunner() {
    }

    /**
     * Processes a command and sends its reply, both as the fault dictates.
     *
     * @param connection the client connection
     * @param fault      the fault due on this command, if any
     * @param errorReply formats the protocol's error reply for {@link Fault.ErrorReply}
     * @param processor  the command's processing
     * @return true if the session should read the next command, false once the connection is finished
     * @throws IOException on network errors
     */
    public static boolean run(Connection connection, Optional<CommandFault> fault, Function<String, byte[]> errorReply,
                              Processor processor) throws IOException {
        return run(connection, fault, errorReply, errorReply, processor);
    }

    /**
     * Processes a command and sends its reply, both as the fault dictates, for protocols with two kinds of error
     * (IMAP {@code NO} and {@code BAD}).
     *
     * @param connection the client connection
     * @param fault      the fault due on this command, if any
     * @param errorReply formats the protocol's error reply for {@link Fault.ErrorReply}
     * @param badReply   formats the protocol's syntax-error reply for {@link Fault.BadReply}
     * @param processor  the command's processing
     * @return true if the session should read the next command, false once the connection is finished
     * @throws IOException on network errors
     */
    public static boolean run(Connection connection, Optional<CommandFault> fault, Function<String, byte[]> errorReply,
                              Function<String, byte[]> badReply, Processor processor) throws IOException {
        if (fault.isEmpty()) {
            return send(connection, processor.process());
        }
        CommandFault f = fault.get();
        if (f instanceof Fault.DropOnCommand) {
            connection.abort();
            return false;
        }
        if (f instanceof Fault.ErrorReply error) {
            return send(connection, new Reply(errorReply.apply(error.text()), Reply.After.CONTINUE));
        }
        if (f instanceof Fault.BadReply bad) {
            return send(connection, new Reply(badReply.apply(bad.text()), Reply.After.CONTINUE));
        }
        if (f instanceof Fault.RawReply raw) {
            return send(connection, new Reply(raw.rawBytes().getBytes(StandardCharsets.UTF_8), Reply.After.CONTINUE));
        }
        Reply reply = processor.process();
        if (f instanceof Fault.DropAfterProcessing) {
            connection.abort();
            return false;
        }
        if (f instanceof Fault.DropAfterReplyBytes truncate) {
            int n = (int) Math.min(truncate.bytes(), reply.bytes().length);
            connection.write(Arrays.copyOf(reply.bytes(), n));
            connection.flush();
            connection.abort();
            return false;
        }
        if (f instanceof Fault.Stall stall && awaitClosed(connection, stall)) {
            return false;
        }
        return send(connection, reply);
    }

    private static boolean awaitClosed(Connection connection, Fault.Stall stall) throws IOException {
        try {
            return connection.awaitClosed(stall.delay());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("stall interrupted");
        }
    }

    private static boolean send(Connection connection, Reply reply) throws IOException {
        connection.write(reply.bytes());
        connection.flush();
        switch (reply.after()) {
            case START_TLS:
                connection.startTls();
                return true;
            case CLOSE:
                connection.close();
                return false;
            default:
                return true;
        }
    }
}
