package org.mailaccess.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A complete reply to one command, built in memory before any byte is sent so that faults can truncate, delay or
 * withhold it, plus what the connection does after sending it.
 *
 * @param bytes the reply bytes, terminators included
 * @param after what happens once the bytes are sent
 */
public record Reply(byte[] bytes, After after) {

    /** What the connection does after a reply. */
    public enum After {
        /** Read the next command. */
        CONTINUE,
        /** Run the TLS handshake (STLS, STARTTLS). */
        START_TLS,
        /** Close the connection cleanly (QUIT, LOGOUT). */
        CLOSE
    }

    /**
     * Checks the components.
     *
     * @param bytes the reply bytes
     * @param after the follow-up action
     */
    public Reply {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(after, "after");
    }

    /**
     * A reply after which the session continues.
     *
     * @param text the reply text, CRLFs included
     * @return the reply
     */
    public static Reply of(String text) {
        return new Reply(text.getBytes(StandardCharsets.UTF_8), After.CONTINUE);
    }

    /**
     * This reply with another follow-up action.
     *
     * @param then the action
     * @return a new reply
     */
    public Reply then(After then) {
        return new Reply(bytes, then);
    }
}
