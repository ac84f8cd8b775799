package org.mailaccess.pop3.download;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file names of {@link MaildirStore}: {@code <seconds>.X<key>_<content>.<host>,S=<size>,U=<uidl>}.
 *
 * <ul>
 *   <li>{@code seconds}: the commit time, so that Maildir readers that order by name see delivery order;</li>
 *   <li>{@code key}: 16 hex digits of SHA-256(account, LF, UIDL), the deterministic per-account-and-UIDL part;</li>
 *   <li>{@code content}: 16 hex digits of the SHA-256 of the bytes, which tells a re-download of the same message
 *       (same key, same content: stored once) from a reused UIDL (same key, new content: stored again);</li>
 *   <li>{@code host}: the host name, as the Maildir convention asks, limited to {@code [A-Za-z0-9.-]};</li>
 *   <li>{@code ,S=}: the size, a Dovecot extension other readers ignore;</li>
 *   <li>{@code ,U=}: the UIDL in unpadded base64url, so that the store can be listed with its keys; a UIDL longer
 *       than {@value #MAX_UIDL_BYTES} bytes (RFC 1939 section 7 allows 70) is replaced by
 *       {@code uidl-sha256:<hex>} of it (see {@link #nameUidl}), which keeps the name under 255 bytes: such a message
 *       is listed under that key, the ledger keeps the full UIDL;</li>
 *   <li>{@code ,N=}: a counter, only when a name is already taken (the same message stored twice in one second).</li>
 * </ul>
 * Readers that move the file to {@code cur/} and append {@code :2,S} keep the base name, and with it everything above.
 */
final class MaildirName {

    /** UIDLs are at most 70 characters (RFC 1939 section 7); this leaves room for broken servers under 255 bytes. */
    static final int MAX_UIDL_BYTES = 100;

    private static final Pattern BASE = Pattern.compile(
            "(\\d{1,12})\\.X([0-9a-f]{16})_([0-9a-f]{16})\\.([A-Za-z0-9.\\-]*)((?:,[^,]*)*)");

    private MaildirName() {
    }

    /** The parts of one of our names. */
    record Parsed(String base, long seconds, String keyHash, String contentHash, long size, String uidl) {
    }

    static String format(long seconds, String keyHash, String contentHash, String host, long size, String uidl) {
        return seconds + ".X" + keyHash + "_" + contentHash + "." + host + ",S=" + size + ",U="
                + Base64.getUrlEncoder().withoutPadding().encodeToString(uidl.getBytes(StandardCharsets.UTF_8));
    }

    /** The base name of a file in {@code new/} or {@code cur/}, without the info part readers add. */
    static String base(String fileName) {
        for (int i = 0; i < fileName.length(); i++) {
            char c = fileName.charAt(i);
            // ':' is the Maildir info separator; '!' and ';' stand in for it on file systems that forbid ':'.
            if (c == ':' || c == '!' || c == ';') {
                return fileName.substring(0, i);
            }
        }
        return fileName;
    }

    /** Our name parts, or empty for a file some other program put in the Maildir. */
    static Optional<Parsed> parse(String fileName) {
        String base = base(fileName);
        Matcher m = BASE.matcher(base);
        if (!m.matches()) {
            return Optional.empty();
        }
        long size = -1;
        String uidl = null;
        for (String field : m.group(5).split(",")) {
            try {
                if (field.startsWith("S=")) {
                    size = Long.parseLong(field.substring(2));
                } else if (field.startsWith("U=")) {
                    uidl = new String(Base64.getUrlDecoder().decode(field.substring(2)), StandardCharsets.UTF_8);
                }
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        if (size < 0 || uidl == null || uidl.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(base, Long.parseLong(m.group(1)), m.group(2), m.group(3), size, uidl));
    }

    /** The UIDL as the file name carries it: itself, or a hash when it is too long for a file name. */
    static String nameUidl(String uidl) {
        if (uidl.getBytes(StandardCharsets.UTF_8).length <= MAX_UIDL_BYTES) {
            return uidl;
        }
        return "uidl-sha256:" + HexFormat.of().formatHex(sha256().digest(uidl.getBytes(StandardCharsets.UTF_8)), 0,
                16);
    }

    static String keyHash(String account, String uidl) {
        MessageDigest sha = sha256();
        sha.update(account.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
        sha.update(uidl.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest(), 0, 8);
    }

    static String contentHash(byte[] sha256) {
        return HexFormat.of().formatHex(sha256, 0, 8);
    }

    static String host(String hostName) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < hostName.length() && b.length() < 32; i++) {
            char c = hostName.charAt(i);
            b.append((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '-' ? c : '-');
        }
        return b.length() == 0 ? "localhost" : b.toString();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
