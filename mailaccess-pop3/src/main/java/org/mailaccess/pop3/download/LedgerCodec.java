package org.mailaccess.pop3.download;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.zip.CRC32;

/**
 * The text format of {@link FileLedger}: a header line, then transactions. A transaction is a line
 * {@code T <count> <crc32>} followed by {@code count} record lines; the CRC-32 (hex) covers those record lines,
 * newlines included. A record line is a one-letter code and space-separated fields:
 *
 * <pre>
 * D uidl downloadedAt size storeId|- fingerprint|-   Downloaded
 * M uidl MARK                                      Marked
 * U uidl                                           Unmarked
 * R uidl at                                        RemovedFromTrash
 * P uidl                                           DeleteRequested
 * G uidl at                                        Gone
 * F uidl                                           Forgotten
 * I uidl fingerprint                               Fingerprinted
 * L at delaySeconds|-                              LoggedIn
 * </pre>
 *
 * <p>Version 2 added the store id and fingerprint to {@code D} and the {@code I} record. A version 1 file (header
 * {@code mailaccess-ledger 1}, {@code D} with three fields) is read as it is and rewritten as version 2 when opened,
 * so that older code never sees records it does not know.
 *
 * Times are ISO-8601 instants. UIDLs are written as they are, except that bytes outside {@code !..~} and {@code %}
 * itself are percent-encoded, and so are store ids (RFC 1939 allows only {@code 0x21..0x7E}, but servers are not always right).
 */
final class LedgerCodec {

    static final String HEADER = "mailaccess-ledger 2\n";
    static final String HEADER_V1 = "mailaccess-ledger 1\n";

    private LedgerCodec() {
    }

    /** One whole transaction, ready to be appended with a single write. */
    static byte[] transaction(List<? extends LedgerChange> changes) {
        StringBuilder body = new StringBuilder();
        for (LedgerChange c : changes) {
            body.append(encode(c)).append('\n');
        }
        byte[] records = body.toString().getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(records);
        byte[] head = ("T " + changes.size() + " " + Long.toHexString(crc.getValue()) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + records.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(records, 0, all, head.length, records.length);
        return all;
    }

    static String encode(LedgerChange c) {
        if (c instanceof LedgerChange.Downloaded x) {
            return "D " + uidl(x.uidl()) + " " + x.at() + " " + x.size() + " " + x.storeId().map(LedgerCodec::uidl)
                    .orElse("-") + " " + x.fingerprint().orElse("-");
        } else if (c instanceof LedgerChange.Fingerprinted x) {
            return "I " + uidl(x.uidl()) + " " + x.fingerprint();
        } else if (c instanceof LedgerChange.Marked x) {
            return "M " + uidl(x.uidl()) + " " + x.mark().name();
        } else if (c instanceof LedgerChange.Unmarked x) {
            return "U " + uidl(x.uidl());
        } else if (c instanceof LedgerChange.RemovedFromTrash x) {
            return "R " + uidl(x.uidl()) + " " + x.at();
        } else if (c instanceof LedgerChange.DeleteRequested x) {
            return "P " + uidl(x.uidl());
        } else if (c instanceof LedgerChange.Gone x) {
            return "G " + uidl(x.uidl()) + " " + x.at();
        } else if (c instanceof LedgerChange.Forgotten x) {
            return "F " + uidl(x.uidl());
        } else if (c instanceof LedgerChange.LoggedIn x) {
            return "L " + x.at() + " "
                    + (x.loginDelaySeconds().isPresent() ? Integer.toString(x.loginDelaySeconds().getAsInt()) : "-");
        }
        throw new IllegalArgumentException("unknown change " + c);
    }

    static LedgerChange decode(String line) throws IOException {
        String[] f = line.split(" ", -1);
        try {
            switch (f[0]) {
                case "D": {
                    if (f.length == 4) { // version 1
                        return new LedgerChange.Downloaded(unUidl(f[1]), Instant.parse(f[2]), Long.parseLong(f[3]));
                    }
                    need(f, 6, line);
                    return new LedgerChange.Downloaded(unUidl(f[1]), Instant.parse(f[2]), Long.parseLong(f[3]),
                            optional(f[4]).map(LedgerCodec::unUidl), optional(f[5]));
                }
                case "I": {
                    need(f, 3, line);
                    return new LedgerChange.Fingerprinted(unUidl(f[1]), f[2]);
                }
                case "M": {
                    need(f, 3, line);
                    return new LedgerChange.Marked(unUidl(f[1]), Mark.valueOf(f[2]));
                }
                case "U": {
                    need(f, 2, line);
                    return new LedgerChange.Unmarked(unUidl(f[1]));
                }
                case "R": {
                    need(f, 3, line);
                    return new LedgerChange.RemovedFromTrash(unUidl(f[1]), Instant.parse(f[2]));
                }
                case "P": {
                    need(f, 2, line);
                    return new LedgerChange.DeleteRequested(unUidl(f[1]));
                }
                case "G": {
                    need(f, 3, line);
                    return new LedgerChange.Gone(unUidl(f[1]), Instant.parse(f[2]));
                }
                case "F": {
                    need(f, 2, line);
                    return new LedgerChange.Forgotten(unUidl(f[1]));
                }
                case "L": {
                    need(f, 3, line);
                    return new LedgerChange.LoggedIn(Instant.parse(f[1]),
                            f[2].equals("-") ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(f[2])));
                }
                default:
                    throw new IOException("unknown ledger record: " + line);
            }
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IOException("malformed ledger record: " + line, e);
        }
    }

    private static java.util.Optional<String> optional(String field) {
        return field.equals("-") ? java.util.Optional.empty() : java.util.Optional.of(field);
    }

    private static void need(String[] fields, int n, String line) throws IOException {
        if (fields.length != n) {
            throw new IOException("malformed ledger record: " + line);
        }
    }

    static String uidl(String uidl) {
        StringBuilder b = new StringBuilder(uidl.length());
        for (byte x : uidl.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c > 0x20 && c < 0x7f && c != '%') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return b.toString();
    }

    static String unUidl(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new IllegalArgumentException("bad escape in " + s);
                }
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The records that rebuild a state from nothing, for compaction. */
    static List<LedgerChange> snapshot(LedgerState state) {
        List<LedgerChange> out = new ArrayList<>();
        state.downloads().forEach((uidl, r) -> {
            out.add(new LedgerChange.Downloaded(uidl, r.downloadedAt(), r.size(), r.storeId(), r.fingerprint()));
            r.removedFromTrashAt().ifPresent(at -> out.add(new LedgerChange.RemovedFromTrash(uidl, at)));
            if (r.deletePending()) {
                out.add(new LedgerChange.DeleteRequested(uidl));
            }
            r.goneAt().ifPresent(at -> out.add(new LedgerChange.Gone(uidl, at)));
        });
        // Marks last: Downloaded and Gone clear the mark of their UIDL.
        state.marks().forEach((uidl, m) -> out.add(new LedgerChange.Marked(uidl, m)));
        state.lastLogin().ifPresent(l -> out.add(new LedgerChange.LoggedIn(l.at(), l.loginDelaySeconds())));
        return out;
    }
}
