package org.mailaccess.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * A scripted failure for a fake server, injected with {@link FakePop3Server#injectFault(Fault)} or
 * {@link FakeImapServer#injectFault(Fault)}.
 *
 * <p>Every fault fires exactly once. A {@link CommandFault} fires on the first matching command received after it was
 * injected (verbs match case-insensitively, on any connection), or on the n-th one with
 * {@link CommandFault#onOccurrence(int)}. When several faults are due on the same command, the one injected first
 * fires and the others wait for the next matching command. {@link DropOnConnect} and {@link Greeting} fire on the
 * next accepted connection.
 *
 * <p>IMAP verbs are the command name after the tag, and for UID commands the two words {@code "UID FETCH"},
 * {@code "UID MOVE"} and so on, exactly as {@link RecordedCommand#verb()} records them: a fault on {@code "FETCH"}
 * never fires on {@code UID FETCH}, and vice versa. On IMAP, {@link #errorReply(String, String)} answers
 * {@code tag NO text}, {@link #badReply(String, String)} {@code tag BAD text}, and
 * {@link #dropAfterProcessing(String)} applies the command (e.g. a MOVE) but loses the tagged {@code OK} (PITFALLS
 * 3.3 M1).
 *
 * <p>These faults reproduce the crash points that decide whether a mail client loses or duplicates mail: a drop during
 * RETR, a lost reply to DELE or QUIT, a hung server, an error reply (PITFALLS D1–D6, P21).
 */
public sealed interface Fault permits Fault.CommandFault, Fault.DropOnConnect, Fault.Greeting {

    /**
     * Closes the connection as soon as the command has been read, before it is processed: server state is untouched.
     *
     * @param verb the command verb, e.g. {@code "RETR"}
     * @return the fault
     */
    static DropOnCommand dropOnCommand(String verb) {
        return new DropOnCommand(verb, 1);
    }

    /**
     * Processes the command but closes the connection instead of replying. For POP3 QUIT this means the UPDATE state
     * ran and the deletions were committed, yet the client never sees {@code +OK} (RFC 1939 section 6).
     *
     * @param verb the command verb
     * @return the fault
     */
    static DropAfterProcessing dropAfterProcessing(String verb) {
        return new DropAfterProcessing(verb, 1);
    }

    /**
     * Processes the command, sends only the first {@code bytes} bytes of the reply, then closes the connection, for
     * example in the middle of a RETR body.
     *
     * @param verb  the command verb
     * @param bytes how many reply bytes to send, at least 0
     * @return the fault
     */
    static DropAfterReplyBytes dropAfterReplyBytes(String verb, long bytes) {
        return new DropAfterReplyBytes(verb, bytes, 1);
    }

    /**
     * Processes the command and waits before replying, or until the connection is closed, whichever comes first.
     *
     * @param verb  the command verb
     * @param delay how long to hold the reply
     * @return the fault
     */
    static Stall stall(String verb, Duration delay) {
        return new Stall(verb, delay, 1);
    }

    /**
     * Replies with an error (POP3 {@code -ERR text}) instead of processing the command.
     *
     * @param verb the command verb
     * @param text the error text; CR and LF are replaced so the reply stays one line
     * @return the fault
     */
    static ErrorReply errorReply(String verb, String text) {
        return new ErrorReply(verb, text, 1);
    }

    /**
     * Replies that the command was malformed (IMAP {@code tag BAD text}) instead of processing it. The fake POP3 server,
     * whose only error is {@code -ERR}, treats it like {@link #errorReply(String, String)}.
     *
     * @param verb the command verb
     * @param text the error text; CR and LF are replaced so the reply stays one line
     * @return the fault
     */
    static BadReply badReply(String verb, String text) {
        return new BadReply(verb, text, 1);
    }

    /**
     * Sends these bytes verbatim instead of processing the command, for malformed or injected replies, e.g. STLS
     * answered with {@code "+OK\r\n+OK injected\r\n"} and no TLS handshake following.
     *
     * @param verb     the command verb
     * @param rawBytes the exact reply, encoded as UTF-8, CRLFs included
     * @return the fault
     */
    static RawReply rawReply(String verb, String rawBytes) {
        return new RawReply(verb, rawBytes, 1);
    }

    /**
     * Accepts the next connection and closes it at once, before any greeting or TLS handshake.
     *
     * @return the fault
     */
    static DropOnConnect dropOnConnect() {
        return new DropOnConnect();
    }

    /**
     * Replaces the greeting of the next connection.
     *
     * @param raw the exact greeting bytes (UTF-8) including CRLF; sent verbatim so malformed greetings can be tested
     * @return the fault
     */
    static Greeting greeting(String raw) {
        return new Greeting(raw);
    }

    /** A fault that fires on a command. */
    sealed interface CommandFault extends Fault
            permits DropOnCommand, DropAfterProcessing, DropAfterReplyBytes, Stall, ErrorReply, BadReply, RawReply {

        /**
         * The upper-case verb this fault matches.
         *
         * @return the verb
         */
        String verb();

        /**
         * Which matching command fires the fault, counted from its injection; 1 is the first.
         *
         * @return the occurrence, at least 1
         */
        int occurrence();

        /**
         * The same fault, firing on the n-th matching command instead of the first.
         *
         * @param n the occurrence, at least 1
         * @return a new fault
         */
        CommandFault onOccurrence(int n);
    }

    /**
     * See {@link Fault#dropOnCommand(String)}.
     *
     * @param verb       the upper-case verb
     * @param occurrence which matching command fires the fault
     */
    record DropOnCommand(String verb, int occurrence) implements CommandFault {
        /**
         * Normalises the verb and checks the occurrence.
         *
         * @param verb       the command verb, any case
         * @param occurrence which matching command fires the fault, from 1
         */
        public DropOnCommand {
            verb = Faults.verb(verb);
            Faults.occurrence(occurrence);
        }

        @Override
        public DropOnCommand onOccurrence(int n) {
            return new DropOnCommand(verb, n);
        }
    }

    /**
     * See {@link Fault#dropAfterProcessing(String)}.
     *
     * @param verb       the upper-case verb
     * @param occurrence which matching command fires the fault
     */
    record DropAfterProcessing(String verb, int occurrence) implements CommandFault {
        /**
         * Normalises the verb and checks the occurrence.
         *
         * @param verb       the command verb, any case
         * @param occurrence which matching command fires the fault, from 1
         */
        public DropAfterProcessing {
            verb = Faults.verb(verb);
            Faults.occurrence(occurrence);
        }

        @Override
        public DropAfterProcessing onOccurrence(int n) {
            return new DropAfterProcessing(verb, n);
        }
    }

    /**
     * See {@link Fault#dropAfterReplyBytes(String, long)}.
     *
     * @param verb       the upper-case verb
     * @param bytes      how many reply bytes are sent before the drop
     * @param occurrence which matching command fires the fault
     */
    record DropAfterReplyBytes(String verb, long bytes, int occurrence) implements CommandFault {
        /**
         * Normalises the verb and checks the byte count and occurrence.
         *
         * @param verb       the command verb, any case
         * @param bytes      how many reply bytes are sent before the drop
         * @param occurrence which matching command fires the fault, from 1
         */
        public DropAfterReplyBytes {
            verb = Faults.verb(verb);
            if (bytes < 0) {
                throw new IllegalArgumentException("bytes must not be negative: " + bytes);
            }
            Faults.occurrence(occurrence);
        }

        @Override
        public DropAfterReplyBytes onOccurrence(int n) {
            return new DropAfterReplyBytes(verb, bytes, n);
        }
    }

    /**
     * See {@link Fault#stall(String, Duration)}.
     *
     * @param verb       the upper-case verb
     * @param delay      how long the reply is held
     * @param occurrence which matching command fires the fault
     */
    record Stall(String verb, Duration delay, int occurrence) implements CommandFault {
        /**
         * Normalises the verb and checks the delay and occurrence.
         *
         * @param verb       the command verb, any case
         * @param delay      how long the reply is held
         * @param occurrence which matching command fires the fault, from 1
         */
        public Stall {
            verb = Faults.verb(verb);
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative: " + delay);
            }
            Faults.occurrence(occurrence);
        }

        @Override
        public Stall onOccurrence(int n) {
            return new Stall(verb, delay, n);
        }
    }

    /**
     * See {@link Fault#errorReply(String, String)}.
     *
     * @param verb       the upper-case verb
     * @param text       the error text
     * @param occurrence which matching command fires the fault
     */
    record ErrorReply(String verb, String text, int occurrence) implements CommandFault {
        /**
         * Normalises the verb and checks the text and occurrence.
         *
         * @param verb       the command verb, any case
         * @param text       the error text
         * @param occurrence which matching command fires the fault, from 1
         */
        public ErrorReply {
            verb = Faults.verb(verb);
            Objects.requireNonNull(text, "text");
            Faults.occurrence(occurrence);
        }

        @Override
        public ErrorReply onOccurrence(int n) {
            return new ErrorReply(verb, text, n);
        }
    }

    /**
     * See {@link Fault#badReply(String, String)}.
     *
     * @param verb       the upper-case verb
     * @param text       the error text
     * @param occurrence which matching command fires the fault
     */
    record BadReply(String verb, String text, int occurrence) implements CommandFault {
        /**
         * Normalises the verb and checks the text and occurrence.
         *
         * @param verb       the command verb, any case
         * @param text       the error text
         * @param occurrence which matching command fires the fault, from 1
         */
        public BadReply {
            verb = Faults.verb(verb);
            Objects.requireNonNull(text, "text");
            Faults.occurrence(occurrence);
        }

        @Override
        public BadReply onOccurrence(int n) {
            return new BadReply(verb, text, n);
        }
    }

    /**
     * See {@link Fault#rawReply(String, String)}.
     *
     * @param verb       the upper-case verb
     * @param rawBytes   the reply sent verbatim
     * @param occurrence which matching command fires the fault
     */
    record RawReply(String verb, String rawBytes, int occurrence) implements CommandFault {
        /**
         * Normalises the verb and checks the bytes and occurrence.
         *
         * @param verb       the command verb, any case
         * @param rawBytes   the reply sent verbatim
         * @param occurrence which matching command fires the fault, from 1
         */
        public RawReply {
            verb = Faults.verb(verb);
            Objects.requireNonNull(rawBytes, "rawBytes");
            Faults.occurrence(occurrence);
        }

        @Override
        public RawReply onOccurrence(int n) {
            return new RawReply(verb, rawBytes, n);
        }
    }

    /** See {@link Fault#dropOnConnect()}. */
    record DropOnConnect() implements Fault {
    }

    /**
     * See {@link Fault#greeting(String)}.
     *
     * @param raw the greeting sent verbatim
     */
    record Greeting(String raw) implements Fault {
        /**
         * Checks the greeting.
         *
         * @param raw the greeting sent verbatim
         */
        public Greeting {
            Objects.requireNonNull(raw, "raw");
        }
    }
}
