package org.mailaccess.pop3.download;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.mailaccess.HeaderField;
import org.mailaccess.MessageHeaders;

/**
 * A message's identity beyond its UIDL and size, for servers that reuse UIDLs (RFC 1939 section 7 forbids it;
 * cyrus-imapd#374, mailbox migrations that restart counters). Recorded when a message is downloaded, from the first
 * bytes of its RETR data; checked before a later session deletes it, from {@code TOP n 0} (RFC 1939 section 7) of the
 * message now under that UIDL. A mismatch means another message: it is downloaded, never deleted unread.
 *
 * <p>What goes in: the header fields within the first {@value #HEAD_BYTES} octets (cut at the last complete line),
 * names lower-cased, raw values with whitespace runs collapsed, except fields that servers add or change per session
 * or per command ({@link #VOLATILE}); then SHA-256. Fields rather than raw bytes, so that a server whose TOP output
 * differs from RETR only in folding or in such status fields still matches. A session keeps at least 1024 octets of
 * a TOP reply ({@code Pop3Options.maxHeaderBytes}); a reply of 1024 octets or more without the blank line that ends
 * a header may have been cut, and is reported {@linkplain #UNVERIFIABLE unverifiable} rather than compared: the
 * message then stays on the server.
 *
 * <p>Cheap: nothing extra at download time (the bytes pass through anyway), one pipelined batch of TOP at delete
 * time. Sound within its limits: two different messages with equal UIDL, size and identical header fields in the head
 * (Received, Date, Message-ID, Subject...) are not told apart; that takes a server that reuses UIDLs and a sender
 * that repeats every header byte.
 */
final class Fingerprint {

    /** How much of the header counts. */
    static final int HEAD_BYTES = 8 * 1024;

    /** Returned by {@link #ofTop} when the TOP reply was cut before the head ended. */
    static final String UNVERIFIABLE = "unverifiable";

    /** Fields some servers add in TOP or RETR output, or change as a message is read (mbox status, Dovecot). */
    static final Set<String> VOLATILE = Set.of("status", "x-status", "x-uidl", "x-keywords", "x-imap", "x-imapbase",
            "content-length", "lines", "x-mozilla-status", "x-mozilla-status2", "x-original-to", "delivered-to");

    private static final String PREFIX = "h1:";

    /** The smallest {@code Pop3Options.maxHeaderBytes}: a shorter TOP reply was not cut. */
    private static final int MIN_KEPT = 1024;

    private Fingerprint() {
    }

    /**
     * The fingerprint of a message from its first bytes.
     *
     * @param head   the first bytes of the message: at least {@link #HEAD_BYTES} of them, or the whole message
     * @param length how many bytes of {@code head} are valid
     * @return the fingerprint, a printable token
     */
    static String of(byte[] head, int length) {
        MessageDigest sha = MaildirName.sha256();
        for (HeaderField f : MessageHeaders.parse(cut(head, length)).fields()) {
            String name = f.name().toLowerCase(Locale.ROOT);
            if (VOLATILE.contains(name)) {
                continue;
            }
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) ':');
            sha.update(f.rawValue().strip().replaceAll("\\s+", " ").getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
        }
        return PREFIX + HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    /**
     * The fingerprint from a {@code TOP n 0} reply, or {@link #UNVERIFIABLE} when the session may have cut it.
     *
     * @param headers the parsed TOP reply
     * @return the fingerprint or {@link #UNVERIFIABLE}
     */
    static String ofTop(MessageHeaders headers) {
        byte[] raw = headers.raw();
        if (raw.length >= MIN_KEPT && raw.length < HEAD_BYTES && !endsWithBlankLine(raw)) {
            return UNVERIFIABLE;
        }
        return of(raw, raw.length);
    }

    /** Whether a fingerprint has the form this class produces (ledgers might hold other tokens in future). */
    static boolean known(Optional<String> fingerprint) {
        return fingerprint.isPresent() && fingerprint.get().startsWith(PREFIX);
    }

    /** The first {@link #HEAD_BYTES} octets at most, cut after the last LF: the same cut for TOP and RETR bytes. */
    private static byte[] cut(byte[] head, int length) {
        int lf = Math.min(length, HEAD_BYTES) - 1;
        while (lf >= 0 && head[lf] != '\n') {
            lf--;
        }
        return Arrays.copyOf(head, lf + 1);
    }

    private static boolean endsWithBlankLine(byte[] raw) {
        int n = raw.length;
        return n >= 2 && raw[n - 1] == '\n' && (raw[n - 2] == '\n' || n >= 3 && raw[n - 2] == '\r'
                && raw[n - 3] == '\n');
    }
}
