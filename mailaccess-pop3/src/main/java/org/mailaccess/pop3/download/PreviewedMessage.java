package org.mailaccess.pop3.download;

import java.util.Objects;
import java.util.Optional;
import org.mailaccess.MessageHeaders;
import org.mailaccess.MessageKey;

/**
 * A new message seen by its header only (POP3 {@code TOP n 0}, RFC 1939 section 7), for the application to decide about with
 * {@link Pop3Downloader#mark}.
 *
 * @param key     the message
 * @param size    the size the server listed
 * @param headers the parsed header; empty when the server has no TOP
 * @param mark    the application's current mark, if any
 */
public record PreviewedMessage(MessageKey key, long size, Optional<MessageHeaders> headers, Optional<Mark> mark) {

    /**
     * Checks the components.
     *
     * @param key     the message
     * @param size    the size in octets the server listed (RFC 1939 LIST)
     * @param headers the parsed header from {@code TOP n 0}; empty when the server has no TOP or refused it
     * @param mark    the application's current mark; empty when unmarked
     * @throws NullPointerException if {@code key}, {@code headers} or {@code mark} is null
     */
    public PreviewedMessage {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(mark, "mark");
    }
}
