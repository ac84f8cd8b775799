package org.mailaccess.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mailaccess.testkit.internal.ImapParser;
import org.mailaccess.testkit.internal.ImapSyntaxException;
import org.mailaccess.testkit.internal.MimeNode;

/**
 * A BODY[section] specifier (RFC 3501 section 6.4.5) and its resolution to a byte range of the stored message: the
 * part path ({@code 2.1}), then HEADER, HEADER.FIELDS (list), HEADER.FIELDS.NOT (list), TEXT or MIME. Everything is
 * served as an exact slice of the stored bytes, except HEADER.FIELDS, which is the matching header lines copied
 * byte for byte.
 *
 * @param path   the part numbers, empty for the whole message
 * @param kind   "", "HEADER", "HEADER.FIELDS", "HEADER.FIELDS.NOT", "TEXT" or "MIME"
 * @param fields the field names of HEADER.FIELDS(.NOT), as the client spelled them
 */
record ImapSection(List<Integer> path, String kind, List<String> fields) {

    /** A resolved byte range, or fixed bytes for HEADER.FIELDS. */
    record Slice(byte[] bytes, int from, int to) {
        static final Slice EMPTY = new Slice(new byte[0], 0, 0);
    }

    /** Parses the text between {@code [} and {@code ]}, which the parser is positioned after. */
    static ImapSection parse(ImapParser p) {
        List<Integer> path = new ArrayList<>();
        while (Character.isDigit(p.peek())) {
            long n = p.number();
            if (n < 1 || n > 100_000) {
                throw new ImapSyntaxException("invalid section part number");
            }
            path.add((int) n);
            if (!p.tryConsume('.')) {
                p.expect(']');
                return new ImapSection(path, "", List.of());
            }
        }
        if (p.tryConsume(']')) {
            if (!path.isEmpty()) {
                throw new ImapSyntaxException("invalid section");
            }
            return new ImapSection(path, "", List.of());
        }
        String kind = p.token("[]<").toUpperCase(Locale.ROOT);
        List<String> fields = new ArrayList<>();
        switch (kind) {
            case "HEADER.FIELDS": case "HEADER.FIELDS.NOT":
                p.sp();
                p.expect('(');
                do {
                    p.tryConsume(' ');
                    fields.add(p.peek() == '"' ? p.quoted() : p.atom());
                } while (!p.tryConsume(')'));
                if (fields.stream().anyMatch(f -> !f.matches("[\\x21-\\x39\\x3b-\\x7e]+"))) {
                    throw new ImapSyntaxException("invalid header field name");
                }
                break;
            case "HEADER": case "TEXT":
                break;
            case "MIME":
                if (path.isEmpty()) {
                    throw new ImapSyntaxException("MIME needs a part number");
                }
                break;
            default:
                throw new ImapSyntaxException("invalid section");
        }
        p.expect(']');
        return new ImapSection(List.copyOf(path), kind, List.copyOf(fields));
    }

    /** The section as echoed in the FETCH response, rebuilt from parsed values only (PITFALLS S8). */
    String spec() {
        StringBuilder spec = new StringBuilder();
        for (int n : path) {
            spec.append(spec.length() > 0 ? "." : "").append(n);
        }
        if (!kind.isEmpty()) {
            spec.append(spec.length() > 0 ? "." : "").append(kind);
        }
        if (!fields.isEmpty()) {
            spec.append(" (").append(String.join(" ", fields)).append(')');
        }
        return spec.toString();
    }

    /** The bytes this section selects; a part that does not exist is empty (as Dovecot answers). */
    Slice resolve(MimeNode root) {
        MimeNode node = root;
        for (int i = 0; i < path.size(); i++) {
            List<MimeNode> parts = parts(node, i == 0);
            int n = path.get(i);
            if (n > parts.size()) {
                return Slice.EMPTY;
            }
            node = parts.get(n - 1);
        }
        byte[] bytes = root.bytes();
        if (path.isEmpty()) {
            return of(root, bytes);
        }
        switch (kind) {
            case "":
                return new Slice(bytes, node.bodyStart(), node.end());
            case "MIME":
                return new Slice(bytes, node.start(), node.bodyStart());
            default:
                // HEADER and TEXT of a part refer to the message a message/rfc822 part encapsulates.
                return node.message() == null ? Slice.EMPTY : of(node.message(), bytes);
        }
    }

    private Slice of(MimeNode message, byte[] bytes) {
        switch (kind) {
            case "HEADER":
                return new Slice(bytes, message.start(), message.bodyStart());
            case "TEXT":
                return new Slice(bytes, message.bodyStart(), message.end());
            case "HEADER.FIELDS":
            case "HEADER.FIELDS.NOT":
                byte[] selected = message.headerFields(fields, kind.endsWith(".NOT"));
                return new Slice(selected, 0, selected.length);
            default:
                return new Slice(bytes, message.start(), message.end());
        }
    }

    /** RFC 3501: a non-multipart message has one part, its body; a message/rfc822 part's parts are its message's. */
    private static List<MimeNode> parts(MimeNode node, boolean top) {
        if (node.isMultipart()) {
            return node.children();
        }
        if (!top && node.isMessageRfc822() && node.message() != null) {
            MimeNode message = node.message();
            return message.isMultipart() ? message.children() : List.of(message);
        }
        return List.of(node);
    }
}
