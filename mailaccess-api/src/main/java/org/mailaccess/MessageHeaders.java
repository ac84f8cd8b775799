package org.mailaccess;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.time.Instant;
import org.mailaccess.internal.HeaderParser;

/**
 * The parsed header of a message (RFC 5322), with RFC 2047 encoded words decoded and the raw bytes kept.
 *
 * <p>Parsing is done by Eclipse Angus Mail's MIME classes; raw 8-bit header bytes are read as UTF-8 (RFC 6532).
 * Values that cannot be parsed (a broken address list, an unreadable date) are left out of the typed accessors but
 * stay available in {@link #fields()} and {@link #raw()}.
 */
public final class MessageHeaders {

    private final List<HeaderField> fields;
    private final byte[] raw;
    private final List<EmailAddress> from;
    private final List<EmailAddress> to;
    private final List<EmailAddress> cc;
    private final Optional<Instant> date;

    private MessageHeaders(List<HeaderField> fields, byte[] raw, List<EmailAddress> from, List<EmailAddress> to,
            List<EmailAddress> cc, Optional<Instant> date) {
        this.fields = List.copyOf(fields);
        this.raw = raw.clone();
        this.from = List.copyOf(from);
        this.to = List.copyOf(to);
        this.cc = List.copyOf(cc);
        this.date = date;
    }

    /**
     * Parses a header section: the bytes up to and including the first empty line; anything after it is ignored, so
     * a whole message may be passed too.
     *
     * @param raw the header bytes as received
     * @return the parsed header
     */
    public static MessageHeaders parse(byte[] raw) {
        Objects.requireNonNull(raw, "raw");
        byte[] header = HeaderParser.headerSection(raw);
        List<HeaderField> fields = HeaderParser.fields(header);
        return new MessageHeaders(fields, header,
                // Addresses are parsed from the raw values: Angus decodes the display names itself, and decoding
                // first could turn an encoded comma into a list separator.
                HeaderParser.addresses(raw(fields, "From").stream().limit(1).toList()),
                HeaderParser.addresses(raw(fields, "To")),
                HeaderParser.addresses(raw(fields, "Cc")),
                first(fields, "Date").flatMap(HeaderParser::date));
    }

    /**
     * All header fields in the order they were sent.
     *
     * @return the fields
     */
    public List<HeaderField> fields() {
        return fields;
    }

    /**
     * The decoded value of the first field with this name (case-insensitive).
     *
     * @param name the field name
     * @return the value, if present
     */
    public Optional<String> first(String name) {
        return first(fields, name);
    }

    /**
     * The decoded values of every field with this name (case-insensitive), in order.
     *
     * @param name the field name
     * @return the values, possibly empty
     */
    public List<String> all(String name) {
        return all(fields, name);
    }

    /**
     * The From addresses.
     *
     * @return the parsed addresses, empty if missing or unparsable
     */
    public List<EmailAddress> from() {
        return from;
    }

    /**
     * The To addresses, from every To field.
     *
     * @return the parsed addresses
     */
    public List<EmailAddress> to() {
        return to;
    }

    /**
     * The Cc addresses, from every Cc field.
     *
     * @return the parsed addresses
     */
    public List<EmailAddress> cc() {
        return cc;
    }

    /**
     * The decoded Subject.
     *
     * @return the subject, if present
     */
    public Optional<String> subject() {
        return first("Subject");
    }

    /**
     * The origination date (RFC 5322 section 3.6.1).
     *
     * @return the date, if present and readable
     */
    public Optional<Instant> date() {
        return date;
    }

    /**
     * The Message-ID, with its angle brackets.
     *
     * @return the id, if present
     */
    public Optional<String> messageId() {
        return first("Message-ID").map(String::trim);
    }

    /**
     * The header bytes exactly as received, including the terminating empty line when there was one.
     *
     * @return a copy of the bytes
     */
    public byte[] raw() {
        return raw.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageHeaders other && Arrays.equals(raw, other.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "MessageHeaders[from=" + from + ", subject=" + subject().orElse("") + ", date=" + date.orElse(null)
                + ", fields=" + fields.size() + "]";
    }

    private static Optional<String> first(List<HeaderField> fields, String name) {
        return fields.stream().filter(f -> f.name().equalsIgnoreCase(name)).map(HeaderField::value).findFirst();
    }

    private static List<String> raw(List<HeaderField> fields, String name) {
        return fields.stream().filter(f -> f.name().equalsIgnoreCase(name)).map(HeaderField::rawValue).toList();
    }

    private static List<String> all(List<HeaderField> fields, String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return fields.stream().filter(f -> f.name().toLowerCase(Locale.ROOT).equals(n)).map(HeaderField::value)
                .toList();
    }
}
