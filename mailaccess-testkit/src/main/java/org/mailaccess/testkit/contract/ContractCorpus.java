package org.mailaccess.testkit.contract;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.ParameterList;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;

/**
 * The deterministic messages and folder names the {@link MailboxSessionContract} seeds: every call returns the same
 * bytes on every machine, so a failure can be replayed. The messages are generated with Angus Mail's
 * {@link MimeMessage} and {@link MimeMultipart} (no hand-written MIME), with fixed dates, Message-IDs and multipart
 * boundaries, and CRLF line ends throughout.
 *
 * <ul>
 *   <li>{@link #plain()}: ASCII text/plain;</li>
 *   <li>{@link #encodedWords()}: Subject and From display name as RFC 2047 encoded words (UTF-8, with a character
 *       outside the BMP), quoted-printable UTF-8 body;</li>
 *   <li>{@link #utf8Headers()}: a raw UTF-8 Subject (RFC 6532), 8bit body;</li>
 *   <li>{@link #multipart()}: multipart/mixed with a multipart/alternative text and HTML part and a small binary
 *       attachment whose file name needs RFC 2231 encoding;</li>
 *   <li>{@link #dotLines()}: a body whose lines start with {@code "."}, including a line that is only {@code "."}
 *       as the first and the last body line (what POP3 must dot-stuff, RFC 1939 section 3);</li>
 *   <li>{@link #largeAttachment()}: a {@value #LARGE_ATTACHMENT_BYTES}-byte pseudo-random attachment, about 4.2 MB
 *       once base64-encoded.</li>
 * </ul>
 *
 * <p>Thread-safe; the large message is generated once per JVM.
 */
public final class ContractCorpus {

    /** The size of the large message's attachment before base64: 3 MiB. */
    public static final int LARGE_ATTACHMENT_BYTES = 3 * 1024 * 1024;

    /**
     * Folder names that exercise modified UTF-7 (RFC 3501 section 5.1.3) or UTF-8 (RFC 6855) mailbox names: umlauts
     * with {@code &} and spaces, Cyrillic, Japanese, and a character outside the BMP. None contains a hierarchy
     * delimiter ({@code /} or {@code .}) or a LIST wildcard.
     */
    public static final List<String> NON_ASCII_FOLDER_NAMES =
            List.of("Entwürfe & Notizen", "Архив", "日本語フォルダ", "Post 📬");

    /** Written as text: Angus would format a Date in the JVM's time zone. */
    private static final String DATE = "Thu, 1 Jan 2026 10:00:00 +0000";
    /** The file name of the attachment of {@link #multipart()}; it needs RFC 2231 encoding. */
    public static final String MULTIPART_ATTACHMENT_NAME = "Bericht-ä.bin";

    private static final String TO = "contract@example.test";
    private static volatile CorpusMessage large;

    private ContractCorpus() {
    }

    /**
     * A plain ASCII message.
     *
     * @return the message; subject "Quarterly figures", from alice@example.test, body marker "zanzibar"
     */
    public static CorpusMessage plain() {
        String subject = "Quarterly figures";
        return build("plain", subject, "alice@example.test", "zanzibar", (m, s) -> {
            m.setFrom(new InternetAddress("alice@example.test", "Alice Example", "UTF-8"));
            m.setSubject(subject);
            m.setText("Hello,\r\n\r\nthe quarterly figures are attached in spirit: zanzibar.\r\n\r\nAlice\r\n",
                    "US-ASCII");
        });
    }

    /**
     * A message whose Subject and From display name are RFC 2047 encoded words.
     *
     * @return the message; subject "Grüße aus Köln – 日本語 ✓ 📬", from juergen@example.test, body marker "kölsch"
     */
    public static CorpusMessage encodedWords() {
        String subject = "Grüße aus Köln – 日本語 ✓ 📬";
        return build("encoded-words", subject, "juergen@example.test", "kölsch", (m, s) -> {
            m.setFrom(new InternetAddress("juergen@example.test", "Jürgen Müller", "UTF-8"));
            m.setSubject(subject, "UTF-8");
            m.setText("Schöne Grüße aus Köln, mit einem Kölsch: kölsch.\r\n", "UTF-8");
        });
    }

    /**
     * A message with a raw UTF-8 Subject (RFC 6532), as sent by servers that accept SMTPUTF8.
     *
     * @return the message; subject "Ünïcödé raw UTF-8 – Привет", from zoe@example.test, body marker "grapefruit"
     */
    public static CorpusMessage utf8Headers() {
        String subject = "Ünïcödé raw UTF-8 – Привет";
        return build("utf8-headers", subject, "zoe@example.test", "grapefruit", (m, s) -> {
            m.setFrom(new InternetAddress("zoe@example.test"));
            // With mail.mime.allowutf8 the header is written as raw UTF-8 instead of encoded words.
            m.setHeader("Subject", subject);
            m.setText("Raw UTF-8 header, 8bit body: Привет, grapefruit.\r\n", "UTF-8");
            m.setHeader("Content-Transfer-Encoding", "8bit");
        });
    }

    /**
     * A multipart/mixed message: a multipart/alternative (text and HTML) and a small binary attachment.
     *
     * @return the message; subject "Multipart with attachment", from carol@example.test, body marker "pomegranate"
     */
    public static CorpusMessage multipart() {
        String subject = "Multipart with attachment";
        return build("multipart", subject, "carol@example.test", "pomegranate", (m, s) -> {
            m.setFrom(new InternetAddress("carol@example.test"));
            m.setSubject(subject);
            MimeBodyPart text = new MimeBodyPart();
            text.setText("The plain text part: pomegranate.\r\n", "US-ASCII");
            MimeBodyPart html = new MimeBodyPart();
            html.setContent("<html><body><p>The HTML part: <b>pomegranate</b>.</p></body></html>\r\n",
                    "text/html; charset=US-ASCII");
            MimeMultipart alternative = multipart("alternative", "=_contract_alternative_1");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(alternative);
            MimeMultipart mixed = multipart("mixed", "=_contract_mixed_1");
            mixed.addBodyPart(body);
            mixed.addBodyPart(attachment(MULTIPART_ATTACHMENT_NAME, multipartAttachment()));
            m.setContent(mixed);
        });
    }

    /**
     * The decoded content of the attachment of {@link #multipart()}, 2000 pseudo-random bytes.
     *
     * @return a fresh copy
     */
    public static byte[] multipartAttachment() {
        return randomBytes(2_000, 11);
    }

    /**
     * A message whose body lines start with {@code "."}: {@code "."} alone as the first and the last line,
     * {@code ".."}, {@code "..x"}, {@code ".leading dot"} and {@code ". "}.
     *
     * @return the message; subject "Lines starting with a dot", from dave@example.test, body marker "dotted"
     */
    public static CorpusMessage dotLines() {
        String subject = "Lines starting with a dot";
        return build("dot-lines", subject, "dave@example.test", "dotted", (m, s) -> {
            m.setFrom(new InternetAddress("dave@example.test"));
            m.setSubject(subject);
            m.setText(".\r\n..\r\n..x\r\n.leading dot\r\n\r\n. \r\nmiddle, dotted\r\n.\r\n", "US-ASCII");
        });
    }

    /**
     * A message with a {@value #LARGE_ATTACHMENT_BYTES}-byte pseudo-random attachment (about 4.2 MB in all).
     *
     * @return the message; subject "Large attachment", from erin@example.test, body marker "oversized"
     */
    public static CorpusMessage largeAttachment() {
        CorpusMessage m = large;
        if (m == null) {
            synchronized (ContractCorpus.class) {
                m = large;
                if (m == null) {
                    m = buildLarge();
                    large = m;
                }
            }
        }
        return m;
    }

    /**
     * The small messages, in a fixed order: plain, encoded words, UTF-8 headers, multipart, dot lines.
     *
     * @return five messages of at most a few KB each
     */
    public static List<CorpusMessage> small() {
        return List.of(plain(), encodedWords(), utf8Headers(), multipart(), dotLines());
    }

    private static CorpusMessage buildLarge() {
        String subject = "Large attachment";
        return build("large-attachment", subject, "erin@example.test", "oversized", (m, s) -> {
            m.setFrom(new InternetAddress("erin@example.test"));
            m.setSubject(subject);
            MimeBodyPart text = new MimeBodyPart();
            text.setText("An oversized attachment follows.\r\n", "US-ASCII");
            MimeMultipart mixed = multipart("mixed", "=_contract_large_1");
            mixed.addBodyPart(text);
            mixed.addBodyPart(attachment("large.bin", randomBytes(LARGE_ATTACHMENT_BYTES, 3)));
            m.setContent(mixed);
        });
    }

    /** Fills a message; the Message-ID and Date are set by {@link #build}. */
    @FunctionalInterface
    private interface Filler {
        void fill(MimeMessage message, Session session) throws MessagingException, IOException;
    }

    private static CorpusMessage build(String name, String subject, String from, String marker, Filler filler) {
        Properties properties = new Properties();
        properties.setProperty("mail.mime.allowutf8", "true");
        Session session = Session.getInstance(properties);
        String messageId = "<" + name + "@contract.mailaccess.test>";
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        try {
            message.setHeader("Date", DATE);
            message.setRecipients(MimeMessage.RecipientType.TO, TO);
            filler.fill(message, session);
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return new CorpusMessage(name, out.toByteArray(), subject, from, messageId, marker);
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot build corpus message " + name, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build corpus message " + name, e);
        }
    }

    /** A multipart with a fixed boundary: Angus would otherwise put the time and a hash code into it. */
    private static MimeMultipart multipart(String subtype, String boundary) {
        return new MimeMultipart(subtype) {
            {
                ParameterList parameters = new ParameterList();
                parameters.set("boundary", boundary);
                contentType = new ContentType("multipart", subtype, parameters).toString();
            }
        };
    }

    private static MimeBodyPart attachment(String fileName, byte[] content) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, "application/octet-stream")));
        part.setFileName(fileName);
        part.setDisposition(MimeBodyPart.ATTACHMENT);
        part.setHeader("Content-Transfer-Encoding", "base64");
        return part;
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }
}
