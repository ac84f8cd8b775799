package org.mailaccess.testkit.internal;

import java.util.Base64;

/**
 * IMAP's modified UTF-7 for mailbox names (RFC 3501 section 5.1.3): printable US-ASCII stands for itself except
 * {@code &}, which becomes {@code &-}; every other run of characters is UTF-16BE in base64 with {@code ,} instead of
 * {@code /}, without padding, between {@code &} and {@code -}.
 *
 * <p>UTF-16 units are encoded one by one, so even unpaired surrogates round-trip.
 */
public final class ModifiedUtf7 {

    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private ModifiedUtf7() {
    }

    /**
     * Encodes a mailbox name for the wire.
     *
     * @param name the name in Unicode
     * @return the name in modified UTF-7, printable US-ASCII only
     */
    public static String encode(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (direct(c)) {
                out.append(c == '&' ? "&-" : String.valueOf(c));
                i++;
                continue;
            }
            int j = i;
            while (j < name.length() && !direct(name.charAt(j))) {
                j++;
            }
            byte[] utf16 = new byte[(j - i) * 2];
            for (int k = i; k < j; k++) {
                utf16[(k - i) * 2] = (byte) (name.charAt(k) >> 8);
                utf16[(k - i) * 2 + 1] = (byte) name.charAt(k);
            }
            out.append('&').append(ENCODER.encodeToString(utf16).replace('/', ',')).append('-');
            i = j;
        }
        return out.toString();
    }

    /**
     * Decodes a mailbox name received from a client. Raw non-ASCII characters are passed through, leniently, for
     * clients that send UTF-8 names without UTF8=ACCEPT.
     *
     * @param wire the name as sent
     * @return the name in Unicode
     * @throws IllegalArgumentException if a {@code &...-} sequence is malformed
     */
    public static String decode(String wire) {
        StringBuilder out = new StringBuilder(wire.length());
        int i = 0;
        while (i < wire.length()) {
            char c = wire.charAt(i);
            if (c != '&') {
                out.append(c);
                i++;
                continue;
            }
            int end = wire.indexOf('-', i + 1);
            if (end < 0) {
                throw new IllegalArgumentException("unterminated modified UTF-7 sequence");
            }
            if (end == i + 1) {
                out.append('&');
            } else {
                String base64 = wire.substring(i + 1, end);
                if (!base64.matches("[A-Za-z0-9+,]+")) {
                    throw new IllegalArgumentException("invalid modified UTF-7 sequence");
                }
                byte[] utf16 = DECODER.decode(base64.replace(',', '/'));
                if (utf16.length % 2 != 0) {
                    throw new IllegalArgumentException("modified UTF-7 sequence with an odd byte count");
                }
                for (int k = 0; k < utf16.length; k += 2) {
                    out.append((char) (((utf16[k] & 0xff) << 8) | (utf16[k + 1] & 0xff)));
                }
            }
            i = end + 1;
        }
        return out.toString();
    }

    private static boolean direct(char c) {
        return c >= 0x20 && c <= 0x7e;
    }
}
