package org.mailaccess.testkit;

import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds small RFC 5322 test messages with CRLF line endings, for {@link Mailbox#deliver(MessageBuilder)}.
 *
 * <pre>{@code
 * byte[] bytes = MessageBuilder.message().from("a@example.test").to("b@example.test")
 *         .subject("Grüße").body("Hello").build();
 * }</pre>
 *
 * <p>Non-ASCII subjects and extra header values become RFC 2047 encoded-words; a non-ASCII body is sent as 8bit UTF-8.
 * Unset fields get harmless defaults, and every message gets a unique Message-ID unless one is given. Not
 * thread-safe.
 */
public final class MessageBuilder {

    private static final AtomicLong MESSAGE_IDS = new AtomicLong();

    private String from = "sender@example.test";
    private String[] to = {"recipient@example.test"};
    private String subject = "Test message";
    private String body = "Hello from the mailaccess testkit.\r\n";
    private ZonedDateTime date;
    private String messageId;
    private final List<String> extraHeaders = new ArrayList<>();

    private MessageBuilder() {
    }

    /**
     * Starts a message.
     *
     * @return a new builder
     */
    public static MessageBuilder message() {
        return new MessageBuilder();
    }

    /**
     * Sets the From address.
     *
     * @param address an RFC 5322 mailbox, e.g. {@code a@example.test} or {@code "A <a@example.test>"}
     * @return this builder
     */
    public MessageBuilder from(String address) {
        this.from = headerValue(address);
        return this;
    }

    /**
     * Sets the To addresses.
     *
     * @param addresses one or more RFC 5322 mailboxes
     * @return this builder
     */
    public MessageBuilder to(String... addresses) {
        if (addresses.length == 0) {
            throw new IllegalArgumentException("at least one recipient is needed");
        }
        String[] copy = addresses.clone();
        for (String address : copy) {
            headerValue(address);
        }
        this.to = copy;
        return this;
    }

    /**
     * Sets the subject; non-ASCII text is encoded as RFC 2047 encoded-words.
     *
     * @param text the subject
     * @return this builder
     */
    public MessageBuilder subject(String text) {
        this.subject = headerValue(text);
        return this;
    }

    /**
     * Sets the body. Line endings are normalised to CRLF and a final CRLF is added if missing.
     *
     * @param text the body text
     * @return this builder
     */
    public MessageBuilder body(String text) {
        String crlf = text.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
        this.body = crlf.isEmpty() || crlf.endsWith("\r\n") ? crlf : crlf + "\r\n";
        return this;
    }

    /**
     * Sets a generated ASCII body of exactly this many bytes, in CRLF-terminated lines of at most 78 characters.
     *
     * @param bytes the body size; 0 or at least 2 (room for one CRLF)
     * @return this builder
     */
    public MessageBuilder bodyOfSize(int bytes) {
        if (bytes < 0 || bytes == 1) {
            throw new IllegalArgumentException("body size must be 0 or at least 2: " + bytes);
        }
        StringBuilder text = new StringBuilder(bytes);
        int remaining = bytes;
        int line = 0;
        while (remaining > 0) {
            int lineLength = Math.min(78, remaining - 2);
            if (remaining - lineLength - 2 == 1) {
                lineLength--; // never leave a single byte, which could not hold a CRLF
            }
            for (int i = 0; i < lineLength; i++) {
                text.append((char) ('a' + (line + i) % 26));
            }
            text.append("\r\n");
            remaining -= lineLength + 2;
            line++;
        }
        this.body = text.toString();
        return this;
    }

    /**
     * Adds a header field after the standard ones; non-ASCII values are encoded as RFC 2047 encoded-words.
     *
     * @param name  the field name
     * @param value the unstructured value
     * @return this builder
     */
    public MessageBuilder header(String name, String value) {
        if (name.isEmpty() || name.chars().anyMatch(c -> c <= ' ' || c >= 0x7f || c == ':')) {
            throw new IllegalArgumentException("invalid header name: '" + name + "'");
        }
        extraHeaders.add(name + ": " + encodeIfNeeded(name, headerValue(value)));
        return this;
    }

    /**
     * Sets the Date header; the default is the build time.
     *
     * @param dateTime the date
     * @return this builder
     */
    public MessageBuilder date(ZonedDateTime dateTime) {
        this.date = Objects.requireNonNull(dateTime, "dateTime");
        return this;
    }

    /**
     * Sets the Message-ID; angle brackets are added if missing. The default is unique per JVM.
     *
     * @param id the message id, e.g. {@code <1@example.test>}
     * @return this builder
     */
    public MessageBuilder messageId(String id) {
        String value = headerValue(id);
        this.messageId = value.startsWith("<") ? value : "<" + value + ">";
        return this;
    }

    /**
     * Renders the message.
     *
     * @return RFC 5322 bytes with CRLF line endings, ending with CRLF
     */
    public byte[] build() {
        StringBuilder out = new StringBuilder(body.length() + 512);
        ZonedDateTime when = date != null ? date : ZonedDateTime.now();
        line(out, "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(when));
        line(out, "From: " + from);
        line(out, "To: " + String.join(", ", to));
        line(out, "Subject: " + encodeIfNeeded("Subject", subject));
        line(out, "Message-ID: " + (messageId != null ? messageId
                : "<" + MESSAGE_IDS.incrementAndGet() + "." + System.nanoTime() + "@testkit.mailaccess.test>"));
        line(out, "MIME-Version: 1.0");
        line(out, "Content-Type: text/plain; charset=UTF-8");
        line(out, "Content-Transfer-Encoding: " + (isAscii(body) ? "7bit" : "8bit"));
        extraHeaders.forEach(header -> line(out, header));
        out.append("\r\n").append(body);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder out, String text) {
        out.append(text).append("\r\n");
    }

    /** Header values are single lines here; folding is the builder's job, not the caller's. */
    private static String headerValue(String value) {
        Objects.requireNonNull(value, "value");
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("header values must not contain CR or LF");
        }
        return value;
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }

    /** RFC 2047 encoded-words through Angus Mail, folded to fit the header line (RFC 5322 section 2.2.3). */
    private static String encodeIfNeeded(String fieldName, String text) {
        if (isAscii(text)) {
            return text;
        }
        try {
            return MimeUtility.fold(fieldName.length() + 2, MimeUtility.encodeText(text, "UTF-8", "B"));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }
}
