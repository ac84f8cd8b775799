package org.mailaccess.testkit;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParameterList;
import jakarta.mail.internet.ParseException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Locale;
import org.mailaccess.testkit.internal.ImapWriter;
import org.mailaccess.testkit.internal.MimeNode;

/**
 * ENVELOPE and BODY/BODYSTRUCTURE (RFC 3501 sections 7.4.2 and 9, body-type-1part/body-type-mpart) computed from a
 * message's {@link MimeNode} tree, with addresses parsed by Angus Mail's {@link InternetAddress}. Every header-derived
 * value is written as a quoted string or a literal, never spliced in raw (PITFALLS S8).
 */
final class ImapBodyStructure {

    private static final int MAX_DEPTH = 40;

    private ImapBodyStructure() {
    }

    static void envelope(MimeNode message, ImapWriter out) {
        out.raw("(").nstring(message.header("Date")).raw(" ").nstring(message.header("Subject")).raw(" ");
        String from = message.header("From");
        addresses(from, out);
        out.raw(" ");
        addresses(message.header("Sender") != null ? message.header("Sender") : from, out);
        out.raw(" ");
        addresses(message.header("Reply-To") != null ? message.header("Reply-To") : from, out);
        for (String field : new String[] {"To", "Cc", "Bcc"}) {
            out.raw(" ");
            addresses(message.header(field), out);
        }
        out.raw(" ").nstring(message.header("In-Reply-To")).raw(" ").nstring(message.header("Message-ID")).raw(")");
    }

    private static void addresses(String header, ImapWriter out) {
        InternetAddress[] list;
        try {
            list = header == null ? new InternetAddress[0] : InternetAddress.parseHeader(header, false);
        } catch (AddressException e) {
            list = new InternetAddress[0];
        }
        if (list.length == 0) {
            out.raw("NIL");
            return;
        }
        out.raw("(");
        for (InternetAddress address : list) {
            if (address.isGroup()) {
                group(address, out);
            } else {
                address(address, out);
            }
        }
        out.raw(")");
    }

    /** RFC 3501 section 7.4.2: a group is a start marker with the group name, its members and an end marker. */
    private static void group(InternetAddress group, ImapWriter out) {
        String text = group.getAddress();
        out.raw("(NIL NIL ").string(text.substring(0, Math.max(0, text.indexOf(':'))).strip()).raw(" NIL)");
        try {
            InternetAddress[] members = group.getGroup(false);
            for (InternetAddress member : members == null ? new InternetAddress[0] : members) {
                address(member, out);
            }
        } catch (AddressException e) {
            // Members that cannot be parsed are left out; the group markers still balance.
        }
        out.raw("(NIL NIL NIL NIL)");
    }

    private static void address(InternetAddress address, ImapWriter out) {
        String email = address.getAddress() == null ? "" : address.getAddress();
        int at = email.lastIndexOf('@');
        out.raw("(").nstring(personal(address)).raw(" NIL ").nstring(at < 0 ? email : email.substring(0, at))
                .raw(" ").nstring(at < 0 ? null : email.substring(at + 1)).raw(")");
    }

    /** Non-ASCII display names go back out RFC 2047-encoded, as they normally arrived. */
    private static String personal(InternetAddress address) {
        String personal = address.getPersonal();
        if (personal == null || personal.chars().allMatch(c -> c < 0x80)) {
            return personal;
        }
        try {
            return MimeUtility.encodeText(personal, "UTF-8", "B");
        } catch (UnsupportedEncodingException e) {
            return personal;
        }
    }

    /**
     * Writes BODYSTRUCTURE (with extension data) or BODY (without).
     *
     * @param root       the message
     * @param extensible true for BODYSTRUCTURE
     */
    static void write(MimeNode root, boolean extensible, ImapWriter out) {
        part(root, extensible, out, 0);
    }

    private static void part(MimeNode node, boolean extensible, ImapWriter out, int depth) {
        if (node.isMultipart() && depth < MAX_DEPTH) {
            out.raw("(");
            for (MimeNode child : node.children()) {
                part(child, extensible, out, depth + 1);
            }
            out.raw(" ").string(node.contentType().getSubType());
            if (extensible) {
                out.raw(" ");
                parameters(node.contentType().getParameterList(), out);
                extension(node, out);
            }
            out.raw(")");
            return;
        }
        ContentType type = node.contentType();
        String primary = type.getPrimaryType();
        if (primary.equalsIgnoreCase("multipart")) {
            // A multipart without parseable parts is described as the opaque text it is.
            type = new ContentType("text", "plain", null);
            primary = "text";
        }
        String encoding = node.header("Content-Transfer-Encoding");
        out.raw("(").string(primary).raw(" ").string(type.getSubType()).raw(" ");
        parameters(type.getParameterList(), out);
        out.raw(" ").nstring(node.header("Content-ID")).raw(" ").nstring(node.header("Content-Description"))
                .raw(" ").string(encoding == null ? "7BIT" : encoding.toUpperCase(Locale.ROOT))
                .raw(" " + (node.end() - node.bodyStart()));
        if (node.isMessageRfc822() && node.message() != null && depth < MAX_DEPTH) {
            out.raw(" ");
            envelope(node.message(), out);
            out.raw(" ");
            part(node.message(), extensible, out, depth + 1);
            out.raw(" " + node.bodyLines());
        } else if (primary.equalsIgnoreCase("text")) {
            out.raw(" " + node.bodyLines());
        }
        if (extensible) {
            out.raw(" ").nstring(node.header("Content-MD5"));
            extension(node, out);
        }
        out.raw(")");
    }

    /** body-fld-dsp SP body-fld-lang SP body-fld-loc, shared by both kinds of part. */
    private static void extension(MimeNode node, ImapWriter out) {
        out.raw(" ");
        String disposition = node.header("Content-Disposition");
        ContentDisposition parsed = null;
        try {
            parsed = disposition == null ? null : new ContentDisposition(disposition);
        } catch (ParseException e) {
            // A malformed disposition is reported as absent.
        }
        if (parsed == null || parsed.getDisposition() == null) {
            out.raw("NIL");
        } else {
            out.raw("(").string(parsed.getDisposition().toUpperCase(Locale.ROOT)).raw(" ");
            parameters(parsed.getParameterList(), out);
            out.raw(")");
        }
        String language = node.header("Content-Language");
        out.raw(" ");
        if (language == null) {
            out.raw("NIL");
        } else {
            out.string(language);
        }
        out.raw(" ").nstring(node.header("Content-Location"));
    }

    private static void parameters(ParameterList parameters, ImapWriter out) {
        if (parameters == null || parameters.size() == 0) {
            out.raw("NIL");
            return;
        }
        out.raw("(");
        boolean first = true;
        for (Enumeration<String> names = parameters.getNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            String value = parameters.get(name) == null ? "" : parameters.get(name);
            out.raw(first ? "" : " ");
            if (value.chars().allMatch(c -> c < 0x80)) {
                out.string(name.toUpperCase(Locale.ROOT)).raw(" ").string(value);
            } else {
                // Angus has already decoded RFC 2231 values; like Dovecot, send the extended form the header had
                // ("FILENAME*" "UTF-8''...") so clients decode it, rather than raw 8-bit text they would misread.
                out.string(name.toUpperCase(Locale.ROOT) + "*").raw(" ").string("UTF-8''" + percentEncoded(value));
            }
            first = false;
        }
        out.raw(")");
    }

    /** RFC 2231 section 7 extended-value: attribute-chars as they are, every other UTF-8 octet as %XX. */
    private static String percentEncoded(String value) {
        StringBuilder b = new StringBuilder();
        for (byte octet : value.getBytes(StandardCharsets.UTF_8)) {
            int c = octet & 0xff;
            if (c > 0x20 && c < 0x7f && "*'%()<>@,;:\\\"/[]?=".indexOf(c) < 0) {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return b.toString();
    }
}
