package org.mailaccess.pop3.download;

import java.util.Objects;
import org.mailaccess.MessageKey;

/**
 * A new message a run left on the server without downloading or previewing it.
 *
 * @param key    the message
 * @param size   the size the server listed
 * @param reason why
 */
public record SkippedMessage(MessageKey key, long size, Reason reason) {

    /** Why a message was skipped. */
    public enum Reason {
        /** The application marked it {@link Mark#IGNORE}. */
        IGNORED,
        /** It is larger than {@link SizePolicy#skipAbove(long)} allows. */
        TOO_LARGE
    }

    /**
     * Checks the components.
     *
     * @param key    the message
     * @param size   the size in octets the server listed (RFC 1939 LIST)
     * @param reason why it was skipped
     * @throws NullPointerException if {@code key} or {@code reason} is null
     */
    public SkippedMessage {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(reason, "reason");
    }
}
