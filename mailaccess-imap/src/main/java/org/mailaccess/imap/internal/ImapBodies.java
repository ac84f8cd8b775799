package org.mailaccess.imap.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.protocol.BODYSTRUCTURE;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.mailaccess.CommandFailedException;
import org.mailaccess.MailAccessException;
import org.mailaccess.MessageKey;
import org.mailaccess.MessagePart;

/**
 * Message content: whole messages streamed with {@code BODY.PEEK[]} in partial chunks, the MIME structure from
 * {@code BODYSTRUCTURE} (RFC 3501 section 7.4.2), and single parts streamed with {@code BODY.PEEK[section]} and
 * decoded on the fly, without downloading the rest of the message.
 */
final class ImapBodies {

    /** Section numbers only: they go into the command text unquoted. */
    private static final Pattern PART_ID = Pattern.compile("[1-9][0-9]{0,5}(\\.[1-9][0-9]{0,5}){0,31}");

    private ImapBodies() {
    }

    static InputStream openMessage(ImapConnection c, Supplier<AutoCloseable> guard, MessageKey key) {
        c.select(key.folder());
        return new ChunkedBodyStream(c, guard, key, "").open();
    }

    static long writeMessage(ImapConnection c, Supplier<AutoCloseable> guard, MessageKey key, OutputStream sink) {
        try (InputStream in = openMessage(c, guard, key)) {
            return in.transferTo(sink);
        } catch (IOException e) {
            if (e.getCause() instanceof MailAccessException m) {
                throw m;
            }
            // The sink failed; the connection is fine.
            throw new UncheckedIOException("writing message " + key.id() + " to the sink failed", e);
        }
    }

    static List<MessagePart> parts(ImapConnection c, MessageKey key) {
        List<MessagePart> out = new ArrayList<>();
        collect(structure(c, key), "", true, out);
        return out;
    }

    static InputStream openPart(ImapConnection c, Supplier<AutoCloseable> guard, MessageKey key, String partId) {
        if (!PART_ID.matcher(partId).matches()) {
            throw new IllegalArgumentException("not an IMAP section number: " + partId);
        }
        BODYSTRUCTURE part = find(structure(c, key), partId);
        if (part == null || part.isMulti()) {
            throw new CommandFailedException("UID FETCH", "message " + key.id() + " has no leaf part " + partId,
                    "NONEXISTENT");
        }
        InputStream raw = new ChunkedBodyStream(c, guard, key, partId).open();
        String encoding = part.encoding == null ? "7bit" : part.encoding.toLowerCase(Locale.ROOT);
        try {
            return MimeUtility.decode(raw, encoding);
        } catch (MessagingException e) {
            // An encoding we do not know: hand out the raw bytes rather than nothing (RFC 2045 section 6.4).
            return raw;
        }
    }

    private static BODYSTRUCTURE structure(ImapConnection c, MessageKey key) {
        SelectedFolder sel = c.select(key.folder());
        long uid = Keys.uid("UID FETCH", sel, key);
        Response[] responses = c.command("UID FETCH", "UID FETCH " + uid + " (UID BODYSTRUCTURE)", null);
        for (Response r : responses) {
            if (r instanceof FetchResponse f) {
                org.eclipse.angus.mail.imap.protocol.UID u = f.getItem(org.eclipse.angus.mail.imap.protocol.UID.class);
                BODYSTRUCTURE bs = f.getItem(BODYSTRUCTURE.class);
                if (bs != null && (u == null || u.uid == uid)) {
                    return bs;
                }
            }
        }
        throw new CommandFailedException("UID FETCH", "message " + uid + " of '" + key.folder()
                + "' no longer exists", "NONEXISTENT");
    }

    /**
     * Walks the structure: children of a multipart are numbered 1, 2...; a message whose body is a single part has
     * that part as section 1 (RFC 3501 section 6.4.5). A nested message/rfc822 is a leaf here (an attachment).
     */
    private static void collect(BODYSTRUCTURE bs, String id, boolean top, List<MessagePart> out) {
        if (bs.isMulti()) {
            for (int i = 0; i < bs.bodies.length; i++) {
                collect(bs.bodies[i], id.isEmpty() ? Integer.toString(i + 1) : id + "." + (i + 1), false, out);
            }
            return;
        }
        String partId = top ? "1" : id;
        String type = (nonNull(bs.type, "text") + "/" + nonNull(bs.subtype, "plain")).toLowerCase(Locale.ROOT);
        out.add(new MessagePart(partId, type, fileName(bs), Math.max(0, bs.size),
                "attachment".equalsIgnoreCase(bs.disposition)));
    }

    private static BODYSTRUCTURE find(BODYSTRUCTURE root, String partId) {
        if (!root.isMulti()) {
            return partId.equals("1") ? root : null;
        }
        BODYSTRUCTURE node = root;
        for (String level : partId.split("\\.")) {
            int i = Integer.parseInt(level) - 1;
            if (node == null || !node.isMulti() || node.bodies == null || i >= node.bodies.length) {
                return null;
            }
            node = node.bodies[i];
        }
        return node;
    }

    private static Optional<String> fileName(BODYSTRUCTURE bs) {
        String name = null;
        if (bs.dParams != null) {
            name = bs.dParams.get("filename");
        }
        if (name == null && bs.cParams != null) {
            name = bs.cParams.get("name");
        }
        return Optional.ofNullable(name).map(org.mailaccess.internal.HeaderParser::decode);
    }

    private static String nonNull(String s, String fallback) {
        return s == null ? fallback : s;
    }

}
