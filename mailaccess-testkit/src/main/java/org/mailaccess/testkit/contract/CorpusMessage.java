package org.mailaccess.testkit.contract;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One message of the {@link ContractCorpus}: its exact bytes and the facts the contract checks about it, so that
 * assertions never have to re-parse what they seeded.
 *
 * @param name       a short name for failure messages, e.g. {@code "dot-lines"}
 * @param bytes      the RFC 5322 message, CRLF line ends, as delivered to the backend
 * @param subject    the Subject as a client must decode it (RFC 2047 encoded words and RFC 6532 UTF-8 decoded)
 * @param from       the address of the From mailbox, e.g. {@code "alice@example.test"}
 * @param messageId  the Message-ID with its angle brackets
 * @param bodyMarker a word that occurs in this message's body and in no other message of the corpus (for body
 *                   search), or the empty string when the body has no searchable text
 */
public record CorpusMessage(String name, byte[] bytes, String subject, String from, String messageId,
        String bodyMarker) {

    /**
     * Copies the bytes and checks the components.
     *
     * @param name       the short name
     * @param bytes      the message bytes, copied
     * @param subject    the decoded subject
     * @param from       the From address
     * @param messageId  the Message-ID
     * @param bodyMarker the unique body word, or empty
     */
    public CorpusMessage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(bodyMarker, "bodyMarker");
        bytes = bytes.clone();
    }

    /**
     * The message bytes.
     *
     * @return a copy
     */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * The size in octets.
     *
     * @return the number of bytes
     */
    public int size() {
        return bytes.length;
    }

    /**
     * The message as text (UTF-8), for {@code contains} assertions.
     *
     * @return the text
     */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Equal when all components, the bytes included, are equal.
     *
     * @param other the other object
     * @return whether both describe the same message
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof CorpusMessage that && name.equals(that.name) && Arrays.equals(bytes, that.bytes)
                && subject.equals(that.subject) && from.equals(that.from) && messageId.equals(that.messageId)
                && bodyMarker.equals(that.bodyMarker);
    }

    /**
     * Consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(bytes), subject, from, messageId, bodyMarker);
    }

    /**
     * A short description without the content.
     *
     * @return the name, size and Message-ID
     */
    @Override
    public String toString() {
        return "CorpusMessage[" + name + ", " + bytes.length + " bytes, " + messageId + "]";
    }
}
