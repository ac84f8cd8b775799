package org.mailaccess.internal;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.UnsupportedEncodingException;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import org.mailaccess.EmailAddress;
import org.mailaccess.HeaderField;

/**
 * Header parsing on Angus Mail: we hand-write only the search for the end of the header section.
 */
public final class HeaderParser {

    private HeaderParser() {
    }

    /**
     * The header section of a message: up to and including the first empty line (CRLF CRLF, or bare LF LF from
     * sloppy servers), or everything when there is no body.
     *
     * @param message the message or header bytes
     * @return the header bytes
     */
    public static byte[] headerSection(byte[] message) {
        for (int i = 0; i < message.length; i++) {
            if (message[i] != '\n') {
                continue;
            }
            if (i + 1 < message.length && message[i + 1] == '\n') {
                return java.util.Arrays.copyOf(message, i + 2);
            }
            if (i + 2 < message.length && message[i + 1] == '\r' && message[i + 2] == '\n') {
                return java.util.Arrays.copyOf(message, i + 3);
            }
        }
        if (message.length > 0 && message[0] == '\r' && message.length > 1 && message[1] == '\n') {
            return new byte[] {'\r', '\n'};
        }
        return message.clone();
    }

    /**
     * The fields of a header section, unfolded, with encoded words (RFC 2047) decoded in the value.
     *
     * @param header the header bytes
     * @return the fields in order
     */
    public static List<HeaderField> fields(byte[] header) {
        List<HeaderField> out = new ArrayList<>();
        InternetHeaders parsed;
        try {
            // allowutf8: raw 8-bit header bytes are read as UTF-8 (RFC 6532) rather than mangled as Latin-1.
            parsed = new InternetHeaders(new ByteArrayInputStream(header), true);
        } catch (MessagingException | IndexOutOfBoundsException e) {
            // Angus fails with IndexOutOfBoundsException on a header whose first line is a continuation (starts
            // with white space); server data must never make parsing throw, so such a header has no fields.
            return out;
        }
        for (Enumeration<Header> e = parsed.getAllHeaders(); e.hasMoreElements(); ) {
            Header h = e.nextElement();
            String rawValue = h.getValue() == null ? "" : MimeUtility.unfold(h.getValue()).strip();
            out.add(new HeaderField(h.getName(), decode(rawValue), rawValue));
        }
        return out;
    }

    /**
     * Decodes RFC 2047 encoded words, keeping the text as it is when it is not well formed.
     *
     * @param raw the raw value
     * @return the decoded value
     */
    public static String decode(String raw) {
        try {
            return MimeUtility.decodeText(raw);
        } catch (UnsupportedEncodingException | RuntimeException e) {
            return raw;
        }
    }

    /**
     * Parses an address list leniently; an unparsable list gives no addresses.
     *
     * @param values the raw (undecoded) values of one or more address fields
     * @return the addresses
     */
    public static List<EmailAddress> addresses(List<String> values) {
        List<EmailAddress> out = new ArrayList<>();
        for (String v : values) {
            out.addAll(addresses(Optional.of(v)));
        }
        return out;
    }

    /**
     * Parses one address list leniently.
     *
     * @param value the raw field value, if present
     * @return the addresses
     */
    public static List<EmailAddress> addresses(Optional<String> value) {
        List<EmailAddress> out = new ArrayList<>();
        if (value.isEmpty()) {
            return out;
        }
        try {
            for (InternetAddress a : InternetAddress.parseHeader(value.get(), false)) {
                if (!plausibleAddress(a.getAddress())) {
                    continue;
                }
                String personal = a.getPersonal();
                out.add(new EmailAddress(Optional.ofNullable(personal).filter(p -> !p.isBlank()), a.getAddress()));
            }
        } catch (AddressException e) {
            // Unparsable address lists are common in spam; the raw field stays available to the caller.
        }
        return out;
    }

    // Lenient parsing accepts almost anything; an "address" with brackets or spaces left in it is debris.
    private static boolean plausibleAddress(String address) {
        return address != null && !address.isEmpty()
                && address.chars().noneMatch(c -> c <= ' ' || c == 0x7f || "<>(),;\"".indexOf(c) >= 0);
    }

    /**
     * Parses an RFC 5322 date leniently with Angus's {@link MailDateFormat}.
     *
     * @param value the Date field value
     * @return the instant, if readable
     */
    public static Optional<Instant> date(String value) {
        try {
            return Optional.of(new MailDateFormat().parse(value.strip()).toInstant());
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
