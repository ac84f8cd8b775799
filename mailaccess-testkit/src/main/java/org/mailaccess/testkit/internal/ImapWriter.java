package org.mailaccess.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds IMAP responses in memory (so faults can cut or hold them, see {@link Reply}). Every string that reaches the
 * wire goes through {@link #string(String)} or {@link #nstring(String)}: quoted with escapes when it is short printable
 * ASCII, otherwise sent as a literal, so no value can end a response line early and forge the next response
 * (PITFALLS S8, greenmail#999/#1010/#1016). Fixed texts go through {@link #text(String)}, which replaces controls.
 */
public final class ImapWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    /**
     * Appends protocol text that the server composed itself (atoms, numbers, parentheses).
     *
     * @param protocol the text; must not contain client input except through the string methods
     * @return this writer
     */
    public ImapWriter raw(String protocol) {
        out.writeBytes(protocol.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /**
     * Appends a human-readable text, with control characters replaced so it stays on one line.
     *
     * @param text the text
     * @return this writer
     */
    public ImapWriter text(String text) {
        return raw(sanitize(text));
    }

    /**
     * Ends the current response line.
     *
     * @return this writer
     */
    public ImapWriter crlf() {
        out.write('\r');
        out.write('\n');
        return this;
    }

    /**
     * Appends one complete untagged response line, {@code * } + text + CRLF.
     *
     * @param protocol the response after {@code * }, composed by the server
     * @return this writer
     */
    public ImapWriter untagged(String protocol) {
        return raw("* ").raw(protocol).crlf();
    }

    /**
     * Appends an IMAP string: quoted if possible, else a literal.
     *
     * @param value the value
     * @return this writer
     */
    public ImapWriter string(String value) {
        if (quotable(value)) {
            return raw(quote(value));
        }
        return literal(value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Appends an nstring: {@code NIL} for null, else {@link #string(String)}.
     *
     * @param value the value or null
     * @return this writer
     */
    public ImapWriter nstring(String value) {
        return value == null ? raw("NIL") : string(value);
    }

    /**
     * Appends a literal: {@code {n}}, CRLF and the bytes.
     *
     * @param bytes the content
     * @return this writer
     */
    public ImapWriter literal(byte[] bytes) {
        return literal(bytes, 0, bytes.length);
    }

    /**
     * Appends a slice of bytes as a literal, for byte-exact body sections.
     *
     * @param bytes  the array
     * @param offset the first byte
     * @param length the number of bytes
     * @return this writer
     */
    public ImapWriter literal(byte[] bytes, int offset, int length) {
        raw("{" + length + "}").crlf();
        out.write(bytes, offset, length);
        return this;
    }

    /**
     * Whether anything has been written.
     *
     * @return true if empty
     */
    public boolean isEmpty() {
        return out.size() == 0;
    }

    /**
     * The bytes written so far.
     *
     * @return a copy
     */
    public byte[] toByteArray() {
        return out.toByteArray();
    }

    /**
     * Whether a value can be sent as a quoted string: printable ASCII, and short, as RFC 3501 section 4.3 advises.
     *
     * @param value the value
     * @return true if quotable
     */
    public static boolean quotable(String value) {
        return value.length() < 1000 && value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    }

    /**
     * Quotes a printable-ASCII value, escaping {@code \} and {@code "}.
     *
     * @param value a {@link #quotable(String)} value
     * @return the quoted string
     */
    public static String quote(String value) {
        if (!quotable(value)) {
            throw new IllegalArgumentException("not quotable");
        }
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * Replaces control characters with {@code ?}.
     *
     * @param text any text
     * @return the text on one line
     */
    public static String sanitize(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(c -> clean.appendCodePoint(c < 0x20 || c == 0x7f ? '?' : c));
        return clean.toString();
    }
}
