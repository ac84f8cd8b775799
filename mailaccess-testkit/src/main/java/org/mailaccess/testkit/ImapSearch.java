package org.mailaccess.testkit;

import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeUtility;
import java.nio.charset.StandardCharsets;
import java.text.ParsePosition;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.mailaccess.testkit.ImapSession.Result;
import org.mailaccess.testkit.internal.ImapParser;
import org.mailaccess.testkit.internal.ImapSyntaxException;
import org.mailaccess.testkit.internal.ImapWriter;
import org.mailaccess.testkit.internal.MimeNode;
import org.mailaccess.testkit.internal.SequenceSet;

/**
 * SEARCH and UID SEARCH (RFC 3501 section 6.4.4) with every RFC 3501 search key, parenthesised lists, OR and NOT,
 * CHARSET US-ASCII/UTF-8, and MODSEQ (RFC 7162 section 3.1.5). String arguments are read as atoms, quoted strings or
 * literals alike, so a search string arrives exactly as the client meant it (PITFALLS S4). Text matching is a
 * case-insensitive substring test: header keys match the raw and the RFC 2047-decoded value, BODY and TEXT match
 * the raw bytes decoded as UTF-8. Dates compare in UTC.
 */
final class ImapSearch {

    private static final DateTimeFormatter SEARCH_DATE = new java.time.format.DateTimeFormatterBuilder()
            .parseCaseInsensitive().appendPattern("d-MMM-yyyy").toFormatter(Locale.US);
    private static final int MAX_DEPTH = 100;

    /** What a key is evaluated against. */
    private record Candidate(int seq, ImapView.Entry entry) {
        MessageState message() {
            return entry.message;
        }
    }

    private final ImapSession session;
    private final ImapView view;
    private boolean usesModseq;

    ImapSearch(ImapSession session) {
        this.session = session;
        this.view = session.view;
    }

    Result search(ImapCommand c, ImapWriter out) {
        c.args.sp();
        if (c.args.tryConsumeIgnoreCase("CHARSET ")) {
            String charset = c.args.astring();
            if (!charset.equalsIgnoreCase("UTF-8") && !charset.equalsIgnoreCase("US-ASCII")) {
                return Result.no("BADCHARSET (US-ASCII UTF-8)", "unsupported charset");
            }
            c.args.sp();
        }
        Predicate<Candidate> all = x -> true;
        do {
            c.args.tryConsume(' ');
            all = all.and(key(c.args, c.uid, 0));
        } while (!c.args.atEnd());
        List<Long> hits = new ArrayList<>();
        long highest = 0;
        for (int i = 0; i < view.entries.size(); i++) {
            ImapView.Entry entry = view.entries.get(i);
            if (entry.message.expunged && c.uid) {
                continue;
            }
            if (all.test(new Candidate(i + 1, entry))) {
                hits.add(c.uid ? entry.uid() : i + 1);
                highest = Math.max(highest, entry.message.modseq);
            }
        }
        StringBuilder line = new StringBuilder("SEARCH");
        hits.forEach(n -> line.append(' ').append(n));
        if (usesModseq && !hits.isEmpty()) {
            line.append(" (MODSEQ ").append(highest).append(')');
        }
        out.untagged(line.toString());
        return Result.ok(c.verb + " completed");
    }

    private Predicate<Candidate> key(ImapParser p, boolean uidCommand, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ImapSyntaxException("search too deeply nested");
        }
        if (p.tryConsume('(')) {
            Predicate<Candidate> all = x -> true;
            do {
                p.tryConsume(' ');
                all = all.and(key(p, uidCommand, depth + 1));
            } while (!p.tryConsume(')'));
            return all;
        }
        char first = p.peek();
        if (first == '*' || Character.isDigit(first)) {
            SequenceSet set = SequenceSet.parse(p.token(""));
            return c -> set.contains(c.seq(), view.entries.size());
        }
        String name = p.atom().toUpperCase(Locale.ROOT);
        switch (name) {
            case "ALL": return c -> true;
            case "ANSWERED": return flag("\\Answered");
            case "DELETED": return flag("\\Deleted");
            case "DRAFT": return flag("\\Draft");
            case "FLAGGED": return flag("\\Flagged");
            case "SEEN": return flag("\\Seen");
            case "UNANSWERED": return flag("\\Answered").negate();
            case "UNDELETED": return flag("\\Deleted").negate();
            case "UNDRAFT": return flag("\\Draft").negate();
            case "UNFLAGGED": return flag("\\Flagged").negate();
            case "UNSEEN": return flag("\\Seen").negate();
            case "RECENT": return c -> c.entry().recent;
            case "OLD": return c -> !c.entry().recent;
            case "NEW": return c -> c.entry().recent && !c.message().hasFlag("\\Seen");
            case "KEYWORD": return flag(argument(p));
            case "UNKEYWORD": return flag(argument(p)).negate();
            case "NOT":
                p.sp();
                return key(p, uidCommand, depth + 1).negate();
            case "OR":
                p.sp();
                Predicate<Candidate> left = key(p, uidCommand, depth + 1);
                p.sp();
                return left.or(key(p, uidCommand, depth + 1));
            case "FROM": case "TO": case "CC": case "BCC": case "SUBJECT":
                return header(name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT), argument(p));
            case "HEADER": {
                String field = argument(p);
                return header(field, argument(p));
            }
            case "BODY": {
                String text = lower(argument(p));
                return c -> lower(body(c.message().mime())).contains(text);
            }
            case "TEXT": {
                String text = lower(argument(p));
                return c -> lower(new String(c.message().bytes, StandardCharsets.UTF_8)).contains(text);
            }
            case "LARGER": {
                long size = number(p);
                return c -> c.message().bytes.length > size;
            }
            case "SMALLER": {
                long size = number(p);
                return c -> c.message().bytes.length < size;
            }
            case "UID": {
                p.sp();
                SequenceSet set = SequenceSet.parse(p.token(""));
                long largest = view.entries.stream().mapToLong(ImapView.Entry::uid).max().orElse(0);
                return c -> set.contains(c.entry().uid(), largest);
            }
            case "BEFORE": case "ON": case "SINCE": {
                LocalDate date = date(p);
                return c -> compare(c.message().internalDate.atZone(ZoneOffset.UTC).toLocalDate(), date, name);
            }
            case "SENTBEFORE": case "SENTON": case "SENTSINCE": {
                LocalDate date = date(p);
                return c -> {
                    LocalDate sent = sentDate(c.message().mime());
                    return sent != null && compare(sent, date, name.substring(4));
                };
            }
            case "MODSEQ":
                return modseq(p);
            default:
                throw new ImapSyntaxException("unknown search key");
        }
    }

    /** RFC 7162: {@code MODSEQ [entry-name entry-type-req] mod-sequence-valzer}. */
    private Predicate<Candidate> modseq(ImapParser p) {
        if (!session.condstoreOffered()) {
            throw new ImapSyntaxException("unknown search key");
        }
        session.enableCondstore();
        usesModseq = true;
        p.sp();
        if (p.peek() == '"') {
            p.quoted();
            p.sp();
            p.atom();
            p.sp();
        }
        long modseq = p.number();
        return c -> c.message().modseq >= modseq;
    }

    private static Predicate<Candidate> flag(String flag) {
        return c -> c.message().hasFlag(flag);
    }

    private static Predicate<Candidate> header(String field, String text) {
        String needle = lower(text);
        return c -> {
            String[] values = c.message().mime().headers().getHeader(field);
            if (values == null) {
                return false;
            }
            for (String value : values) {
                String unfolded = value.replaceAll("\r?\n", "");
                if (lower(unfolded).contains(needle) || lower(decode(unfolded)).contains(needle)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static String decode(String value) {
        try {
            return MimeUtility.decodeText(value);
        } catch (java.io.UnsupportedEncodingException | RuntimeException e) {
            return value;
        }
    }

    private static String body(MimeNode root) {
        return new String(root.bytes(), root.bodyStart(), root.end() - root.bodyStart(), StandardCharsets.UTF_8);
    }

    private static LocalDate sentDate(MimeNode root) {
        String value = root.header("Date");
        if (value == null) {
            return null;
        }
        Date date = new MailDateFormat().parse(value, new ParsePosition(0));
        return date == null ? null : date.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static boolean compare(LocalDate actual, LocalDate wanted, String how) {
        switch (how) {
            case "BEFORE": return actual.isBefore(wanted);
            case "ON": return actual.isEqual(wanted);
            default: return !actual.isBefore(wanted);
        }
    }

    private static String argument(ImapParser p) {
        p.sp();
        return p.astring();
    }

    private static long number(ImapParser p) {
        p.sp();
        return p.number();
    }

    private static LocalDate date(ImapParser p) {
        String text = argument(p);
        try {
            return LocalDate.parse(text.strip(), SEARCH_DATE);
        } catch (DateTimeParseException e) {
            throw new ImapSyntaxException("invalid date");
        }
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
