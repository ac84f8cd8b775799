package org.mailaccess.testkit.internal;

import jakarta.activation.DataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The MIME structure of a stored message as byte offsets into its exact bytes, so BODY[section] can be served as a
 * slice (RFC 3501 section 6.4.5) and BODYSTRUCTURE computed from it. The parsing is Angus Mail's: headers by
 * {@link InternetHeaders}, part boundaries by {@link MimeMultipart} over a shared stream whose offsets we can read;
 * nothing here parses MIME by hand.
 */
public final class MimeNode {

    /** Nesting deeper than this is served as opaque leaves, so a hostile message cannot exhaust the stack. */
    private static final int MAX_DEPTH = 40;
    private static final ContentType TEXT_PLAIN = contentType("text/plain; charset=us-ascii", null);
    private static final ContentType MESSAGE_RFC822 = contentType("message/rfc822", null);

    private final byte[] bytes;
    private final int start;
    private final int bodyStart;
    private final int end;
    private final InternetHeaders headers;
    private final ContentType contentType;
    private final List<MimeNode> children;
    private final MimeNode message;

    private MimeNode(byte[] bytes, int start, int end, ContentType defaultType, int depth) {
        this.bytes = bytes;
        this.start = start;
        this.end = end;
        Slice slice = new Slice(bytes, start, end - start);
        InternetHeaders parsed;
        try {
            parsed = new InternetHeaders(slice, true);
        } catch (MessagingException e) {
            parsed = new InternetHeaders();
        }
        this.headers = parsed;
        this.bodyStart = Math.min(end, start + (int) slice.getPosition());
        this.contentType = contentType(headers.getHeader("Content-Type", null), defaultType);
        List<MimeNode> parts = new ArrayList<>();
        MimeNode encapsulated = null;
        if (depth < MAX_DEPTH && contentType.getPrimaryType().equalsIgnoreCase("multipart")) {
            ContentType childDefault = contentType.getSubType().equalsIgnoreCase("digest") ? MESSAGE_RFC822 : TEXT_PLAIN;
            for (int[] range : partRanges()) {
                parts.add(new MimeNode(bytes, range[0], range[1], childDefault, depth + 1));
            }
        } else if (depth < MAX_DEPTH && isMessageRfc822()) {
            encapsulated = new MimeNode(bytes, bodyStart, end, TEXT_PLAIN, depth + 1);
        }
        this.children = List.copyOf(parts);
        this.message = encapsulated;
    }

    /**
     * Parses a whole message.
     *
     * @param bytes the message bytes, kept by reference
     * @return the root node
     */
    public static MimeNode parse(byte[] bytes) {
        return new MimeNode(bytes, 0, bytes.length, TEXT_PLAIN, 0);
    }

    private List<int[]> partRanges() {
        try {
            RangeRecorder multipart =
                    new RangeRecorder(new SliceSource(bytes, bodyStart, end, contentType.toString()));
            multipart.getCount();
            return multipart.ranges;
        } catch (MessagingException e) {
            // Unparseable multipart bodies are served as a single opaque body, as lenient servers do.
            return List.of();
        }
    }

    /**
     * The message bytes this node points into.
     *
     * @return the shared array; do not modify
     */
    public byte[] bytes() {
        return bytes;
    }

    /**
     * Offset of the first header byte.
     *
     * @return the offset
     */
    public int start() {
        return start;
    }

    /**
     * Offset of the first body byte, just after the blank line ending the header.
     *
     * @return the offset
     */
    public int bodyStart() {
        return bodyStart;
    }

    /**
     * Offset just past the last byte.
     *
     * @return the offset
     */
    public int end() {
        return end;
    }

    /**
     * The parsed header fields.
     *
     * @return Angus's headers
     */
    public InternetHeaders headers() {
        return headers;
    }

    /**
     * The first value of a header field, unfolded (RFC 5322 section 2.2.3), or null.
     *
     * @param name the field name
     * @return the raw value without the CRLFs of folding
     */
    public String header(String name) {
        String value = headers.getHeader(name, null);
        return value == null ? null : value.replaceAll("\r?\n(?=[ \t])", "").strip();
    }

    /**
     * The Content-Type, or the RFC 2045/2046 default.
     *
     * @return the type
     */
    public ContentType contentType() {
        return contentType;
    }

    /**
     * The parts of a multipart body.
     *
     * @return the parts, empty for non-multipart nodes
     */
    public List<MimeNode> children() {
        return children;
    }

    /**
     * The encapsulated message of a message/rfc822 part.
     *
     * @return the message, or null
     */
    public MimeNode message() {
        return message;
    }

    /**
     * Whether this is a multipart node with parsed parts.
     *
     * @return true for multipart
     */
    public boolean isMultipart() {
        return contentType.getPrimaryType().equalsIgnoreCase("multipart") && !children.isEmpty();
    }

    /**
     * Whether this is a message/rfc822 (or message/global) part.
     *
     * @return true if it encapsulates a message
     */
    public boolean isMessageRfc822() {
        return contentType.getPrimaryType().equalsIgnoreCase("message")
                && (contentType.getSubType().equalsIgnoreCase("rfc822")
                || contentType.getSubType().equalsIgnoreCase("global"));
    }

    /**
     * The number of lines in the body, as BODYSTRUCTURE reports for text and message/rfc822 parts.
     *
     * @return the line count
     */
    public int bodyLines() {
        int lines = 0;
        for (int i = bodyStart; i < end; i++) {
            lines += bytes[i] == '\n' ? 1 : 0;
        }
        if (end > bodyStart && bytes[end - 1] != '\n') {
            lines++;
        }
        return lines;
    }

    /**
     * The header lines whose names are (or, with {@code exclude}, are not) in the list, byte-exact with their folded
     * continuation lines, followed by the blank line (RFC 3501 HEADER.FIELDS and HEADER.FIELDS.NOT).
     *
     * @param names   field names, any case
     * @param exclude true for HEADER.FIELDS.NOT
     * @return the selected bytes
     */
    public byte[] headerFields(List<String> names, boolean exclude) {
        List<String> wanted = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = start;
        boolean keep = false;
        while (i < bodyStart) {
            int lineEnd = i;
            while (lineEnd < bodyStart && bytes[lineEnd] != '\n') {
                lineEnd++;
            }
            lineEnd = Math.min(lineEnd + 1, bodyStart);
            boolean blank = lineEnd - i <= 2 && (bytes[i] == '\r' || bytes[i] == '\n');
            if (blank) {
                break;
            }
            if (bytes[i] != ' ' && bytes[i] != '\t') {
                int colon = i;
                while (colon < lineEnd && bytes[colon] != ':') {
                    colon++;
                }
                String name = new String(bytes, i, colon - i, java.nio.charset.StandardCharsets.ISO_8859_1).strip();
                keep = wanted.contains(name.toLowerCase(Locale.ROOT)) != exclude;
            }
            if (keep) {
                out.write(bytes, i, lineEnd - i);
            }
            i = lineEnd;
        }
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }

    private static ContentType contentType(String value, ContentType fallback) {
        if (value != null) {
            try {
                return new ContentType(value.replaceAll("\r?\n", ""));
            } catch (ParseException e) {
                // Fall through: RFC 2045 section 5.2 says a malformed Content-Type means the default.
            }
        }
        return fallback;
    }

    /** A shared stream that can say where it starts and ends in the underlying array. */
    private static final class Slice extends SharedByteArrayInputStream {
        Slice(byte[] buffer, int offset, int length) {
            super(buffer, offset, length);
        }

        int from() {
            return start;
        }

        @Override
        public InputStream newStream(long from, long to) {
            long stop = to == -1 ? count - start : to;
            return new Slice(buf, start + (int) from, (int) (stop - from));
        }
    }

    /** Angus's multipart parser, asked only for where each part starts and ends. */
    private static final class RangeRecorder extends MimeMultipart {
        private final List<int[]> ranges = new ArrayList<>();

        RangeRecorder(DataSource source) throws MessagingException {
            super(source);
        }

        @Override
        protected MimeBodyPart createMimeBodyPart(InputStream part) {
            Slice slice = (Slice) part;
            ranges.add(new int[] {slice.from(), slice.from() + slice.available()});
            return new MimeBodyPart();
        }
    }

    /** Hands the multipart parser a fresh shared stream over the body. */
    private static final class SliceSource implements DataSource {
        private final byte[] bytes;
        private final int from;
        private final int to;
        private final String type;

        SliceSource(byte[] bytes, int from, int to, String type) {
            this.bytes = bytes;
            this.from = from;
            this.to = to;
            this.type = type;
        }

        @Override
        public InputStream getInputStream() {
            return new Slice(bytes, from, to - from);
        }

        @Override
        public OutputStream getOutputStream() {
            throw new UnsupportedOperationException("read-only");
        }

        @Override
        public String getContentType() {
            return type;
        }

        @Override
        public String getName() {
            return "part";
        }
    }
}
