package org.mailaccess.imap.internal;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.eclipse.angus.mail.iap.Argument;
import org.mailaccess.search.SearchQuery;

/**
 * Translates a {@link SearchQuery} into the arguments of {@code UID SEARCH} (RFC 3501 section 6.4.4).
 *
 * <p>Injection safety (PITFALLS S4): no caller string is ever written as an atom. Text goes through Angus's
 * {@link Argument#writeString}, which sends it as an atom only when it has no special character, quoted (with
 * {@code "} and {@code \} escaped) otherwise, and as a literal when it holds CR, LF or 8-bit bytes or exceeds 1 KiB;
 * NUL, which IMAP cannot carry at all, is refused here. Keywords must be atoms and are checked. Non-ASCII text is sent
 * as UTF-8 with {@code CHARSET UTF-8}, or without it once {@code UTF8=ACCEPT} is enabled (RFC 6855 section 3).
 */
final class ImapSearchEncoder {

    /** IMAP dates are English whatever the default locale ({@code date-month} in RFC 3501 section 9). */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d-MMM-yyyy", Locale.ENGLISH);

    /** The encoded criteria. */
    record Encoded(Argument args, boolean needsCharset) {
    }

    private ImapSearchEncoder() {
    }

    static Encoded encode(SearchQuery query) {
        Argument args = new Argument();
        boolean[] nonAscii = {false};
        write(args, query, true, nonAscii);
        return new Encoded(args, nonAscii[0]);
    }

    private static void write(Argument args, SearchQuery q, boolean topLevel, boolean[] nonAscii) {
        if (q instanceof SearchQuery.All) {
            args.writeAtom("ALL");
        } else if (q instanceof SearchQuery.Text t) {
            args.writeAtom(t.field().name());
            string(args, t.value(), nonAscii);
        } else if (q instanceof SearchQuery.Header h) {
            args.writeAtom("HEADER");
            string(args, h.name(), nonAscii);
            string(args, h.value(), nonAscii);
        } else if (q instanceof SearchQuery.Date d) {
            args.writeAtom(d.relation().name());
            args.writeAtom(DATE.format(d.date()));
        } else if (q instanceof SearchQuery.HasFlag f) {
            args.writeAtom(f.flag().name());
        } else if (q instanceof SearchQuery.HasKeyword k) {
            if (!FlagCodec.isAtom(k.keyword())) {
                throw new IllegalArgumentException("not a valid IMAP keyword");
            }
            args.writeAtom("KEYWORD");
            args.writeAtom(k.keyword());
        } else if (q instanceof SearchQuery.Size s) {
            args.writeAtom(s.larger() ? "LARGER" : "SMALLER");
            args.writeNumber(s.octets());
        } else if (q instanceof SearchQuery.And and) {
            if (topLevel || and.all().size() == 1) {
                for (SearchQuery each : and.all()) {
                    write(args, each, topLevel, nonAscii);
                }
            } else {
                // A parenthesised list is one search key (RFC 3501 section 9, "(" search-key *(SP search-key) ")").
                Argument group = new Argument();
                for (SearchQuery each : and.all()) {
                    write(group, each, true, nonAscii);
                }
                args.writeArgument(group);
            }
        } else if (q instanceof SearchQuery.Or or) {
            args.writeAtom("OR");
            write(args, or.left(), false, nonAscii);
            write(args, or.right(), false, nonAscii);
        } else if (q instanceof SearchQuery.Not not) {
            args.writeAtom("NOT");
            write(args, not.query(), false, nonAscii);
        } else {
            throw new IllegalArgumentException("unknown search criterion: " + q.getClass().getSimpleName());
        }
    }

    private static void string(Argument args, String s, boolean[] nonAscii) {
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("IMAP cannot search for a string containing NUL");
        }
        boolean ascii = s.chars().allMatch(ch -> ch < 0x80);
        if (ascii) {
            args.writeString(s);
        } else {
            nonAscii[0] = true;
            args.writeString(s, StandardCharsets.UTF_8);
        }
    }
}
