package org.mailaccess.search;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.mailaccess.Flag;

/**
 * A typed server-side search (IMAP SEARCH, RFC 3501 section 6.4.4), built from the static factories and combined with
 * {@link #and}, {@link #or} and {@link #not}. Strings are sent quoted or as literals, so no value can inject a
 * command; matching is done by the server (substring, case-insensitive for most servers), never on the client.
 *
 * <pre>{@code
 * SearchQuery q = SearchQuery.and(SearchQuery.from("bob@example.org"), SearchQuery.unseen(),
 *         SearchQuery.since(LocalDate.of(2026, 1, 1)));
 * }</pre>
 */
public sealed interface SearchQuery {

    /** Every message ({@code ALL}). */
    record All() implements SearchQuery { }

    /**
     * A header or text criterion.
     *
     * @param field which field
     * @param value the substring to look for
     */
    record Text(TextField field, String value) implements SearchQuery {
        /** Validates the parts. */
        public Text {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(value, "value");
        }
    }

    /** The fields {@link Text} can search. */
    enum TextField {
        /** {@code FROM}. */
        FROM,
        /** {@code TO}. */
        TO,
        /** {@code CC}. */
        CC,
        /** {@code BCC}. */
        BCC,
        /** {@code SUBJECT}. */
        SUBJECT,
        /** {@code BODY}: the body only. */
        BODY,
        /** {@code TEXT}: header and body. */
        TEXT
    }

    /**
     * {@code HEADER name value}: a header field containing a substring (an empty value matches any message that has
     * the field).
     *
     * @param name  the field name
     * @param value the substring
     */
    record Header(String name, String value) implements SearchQuery {
        /** Validates the parts. */
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("header name must not be empty");
            }
        }
    }

    /**
     * A date criterion on the internal date, disregarding time and time zone (RFC 3501 BEFORE, ON, SINCE).
     *
     * @param relation before, on, or since (on or after)
     * @param date     the date
     */
    record Date(DateRelation relation, LocalDate date) implements SearchQuery {
        /** Validates the parts. */
        public Date {
            Objects.requireNonNull(relation, "relation");
            Objects.requireNonNull(date, "date");
        }
    }

    /** How a {@link Date} compares. */
    enum DateRelation {
        /** Strictly before the date. */
        BEFORE,
        /** On the date. */
        ON,
        /** On or after the date. */
        SINCE
    }

    /**
     * A system flag is set ({@code SEEN}, {@code FLAGGED}, ...).
     *
     * @param flag the flag
     */
    record HasFlag(Flag flag) implements SearchQuery {
        /** Validates the flag. */
        public HasFlag {
            Objects.requireNonNull(flag, "flag");
        }
    }

    /**
     * A keyword is set ({@code KEYWORD}).
     *
     * @param keyword the keyword, an IMAP atom
     */
    record HasKeyword(String keyword) implements SearchQuery {
        /** Validates the keyword. */
        public HasKeyword {
            Objects.requireNonNull(keyword, "keyword");
        }
    }

    /**
     * A size criterion ({@code LARGER n} / {@code SMALLER n}, in octets).
     *
     * @param larger true for LARGER, false for SMALLER
     * @param octets the size
     */
    record Size(boolean larger, long octets) implements SearchQuery {
        /** Validates the size. */
        public Size {
            if (octets < 0) {
                throw new IllegalArgumentException("size must not be negative");
            }
        }
    }

    /**
     * All criteria match.
     *
     * @param all the criteria, at least one
     */
    record And(List<SearchQuery> all) implements SearchQuery {
        /** Copies the list. */
        public And {
            all = List.copyOf(all);
            if (all.isEmpty()) {
                throw new IllegalArgumentException("AND needs at least one criterion");
            }
        }
    }

    /**
     * Either criterion matches.
     *
     * @param left  one criterion
     * @param right the other
     */
    record Or(SearchQuery left, SearchQuery right) implements SearchQuery {
        /** Validates the parts. */
        public Or {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    /**
     * The criterion does not match.
     *
     * @param query the negated criterion
     */
    record Not(SearchQuery query) implements SearchQuery {
        /** Validates the part. */
        public Not {
            Objects.requireNonNull(query, "query");
        }
    }

    /** @return every message */
    static SearchQuery all() {
        return new All();
    }

    /** @param s substring of From @return the criterion */
    static SearchQuery from(String s) {
        return new Text(TextField.FROM, s);
    }

    /** @param s substring of To @return the criterion */
    static SearchQuery to(String s) {
        return new Text(TextField.TO, s);
    }

    /** @param s substring of Cc @return the criterion */
    static SearchQuery cc(String s) {
        return new Text(TextField.CC, s);
    }

    /** @param s substring of Subject @return the criterion */
    static SearchQuery subject(String s) {
        return new Text(TextField.SUBJECT, s);
    }

    /** @param s substring of the body @return the criterion */
    static SearchQuery body(String s) {
        return new Text(TextField.BODY, s);
    }

    /** @param s substring of the header or body @return the criterion */
    static SearchQuery text(String s) {
        return new Text(TextField.TEXT, s);
    }

    /** @param name header field name @param value substring @return the criterion */
    static SearchQuery header(String name, String value) {
        return new Header(name, value);
    }

    /** @param d the date @return messages received on or after the date */
    static SearchQuery since(LocalDate d) {
        return new Date(DateRelation.SINCE, d);
    }

    /** @param d the date @return messages received before the date */
    static SearchQuery before(LocalDate d) {
        return new Date(DateRelation.BEFORE, d);
    }

    /** @param d the date @return messages received on the date */
    static SearchQuery on(LocalDate d) {
        return new Date(DateRelation.ON, d);
    }

    /** @param f the flag @return messages with the flag set */
    static SearchQuery flagged(Flag f) {
        return new HasFlag(f);
    }

    /** @return messages without {@code \Seen} */
    static SearchQuery unseen() {
        return new Not(new HasFlag(Flag.SEEN));
    }

    /** @return messages with {@code \Seen} */
    static SearchQuery seen() {
        return new HasFlag(Flag.SEEN);
    }

    /** @param k the keyword @return messages with the keyword */
    static SearchQuery keyword(String k) {
        return new HasKeyword(k);
    }

    /** @param octets the size @return messages larger than the size */
    static SearchQuery larger(long octets) {
        return new Size(true, octets);
    }

    /** @param octets the size @return messages smaller than the size */
    static SearchQuery smaller(long octets) {
        return new Size(false, octets);
    }

    /** @param qs the criteria @return messages matching all */
    static SearchQuery and(SearchQuery... qs) {
        return new And(List.of(qs));
    }

    /** @param a one @param b other @return messages matching either */
    static SearchQuery or(SearchQuery a, SearchQuery b) {
        return new Or(a, b);
    }

    /** @param q the criterion @return messages not matching it */
    static SearchQuery not(SearchQuery q) {
        return new Not(q);
    }
}
