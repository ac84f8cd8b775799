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
        /**
         * Validates the parts.
         *
         * @param field which part of the message to search: an address header, the subject, the body or all text
         * @param value the substring to look for; matched by the server, case-insensitively on most servers; must
         *              not contain NUL
         * @throws NullPointerException when either part is null
         */
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
        /**
         * Validates the parts.
         *
         * @param name  the header field name, such as {@code List-Id}, not empty; matched case-insensitively
         * @param value the substring to look for in the field's value; empty matches any message that has the field
         * @throws NullPointerException     when either part is null
         * @throws IllegalArgumentException when {@code name} is empty
         */
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
        /**
         * Validates the parts.
         *
         * @param relation how the message's internal date must compare with {@code date}: before, on, or since (on
         *                 or after)
         * @param date     the calendar day compared with, sent as an IMAP {@code date} ({@code 1-Feb-2026})
         * @throws NullPointerException when either part is null
         */
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
        /**
         * Validates the flag.
         *
         * @param flag the system flag that must be set (RFC 3501 section 2.3.2)
         * @throws NullPointerException when {@code flag} is null
         */
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
        /**
         * Validates the keyword.
         *
         * @param keyword the keyword that must be set, such as {@code $Junk}; an IMAP atom, checked when the query is
         *                sent
         * @throws NullPointerException when {@code keyword} is null
         */
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
        /**
         * Validates the size.
         *
         * @param larger true for {@code LARGER} (the message's RFC822.SIZE exceeds {@code octets}), false for
         *               {@code SMALLER} (it is below {@code octets})
         * @param octets the size bound in octets, at least 0
         * @throws IllegalArgumentException when {@code octets} is negative
         */
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
        /**
         * Copies the list into an immutable one.
         *
         * @param all the criteria that must all match, at least one
         * @throws NullPointerException     when the list or one of its criteria is null
         * @throws IllegalArgumentException when the list is empty
         */
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
        /**
         * Validates the parts.
         *
         * @param left  one criterion
         * @param right the other criterion; a message matches when it matches either or both
         * @throws NullPointerException when either part is null
         */
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
        /**
         * Validates the part.
         *
         * @param query the criterion that a message must not match
         * @throws NullPointerException when {@code query} is null
         */
        public Not {
            Objects.requireNonNull(query, "query");
        }
    }

    /**
     * Matches every message in the folder ({@code ALL}).
     *
     * @return the criterion
     */
    static SearchQuery all() {
        return new All();
    }

    /**
     * Matches messages whose {@code From} header contains a substring ({@code FROM}).
     *
     * @param s the substring to look for in the display names and addresses; the empty string matches every message
     *          that has the field
     * @return the criterion
     */
    static SearchQuery from(String s) {
        return new Text(TextField.FROM, s);
    }

    /**
     * Matches messages whose {@code To} header contains a substring ({@code TO}).
     *
     * @param s the substring to look for in the display names and addresses
     * @return the criterion
     */
    static SearchQuery to(String s) {
        return new Text(TextField.TO, s);
    }

    /**
     * Matches messages whose {@code Cc} header contains a substring ({@code CC}).
     *
     * @param s the substring to look for in the display names and addresses
     * @return the criterion
     */
    static SearchQuery cc(String s) {
        return new Text(TextField.CC, s);
    }

    /**
     * Matches messages whose {@code Subject} header contains a substring ({@code SUBJECT}).
     *
     * @param s the substring to look for in the subject
     * @return the criterion
     */
    static SearchQuery subject(String s) {
        return new Text(TextField.SUBJECT, s);
    }

    /**
     * Matches messages whose body, not the header, contains a substring ({@code BODY}).
     *
     * @param s the substring to look for in the body
     * @return the criterion
     */
    static SearchQuery body(String s) {
        return new Text(TextField.BODY, s);
    }

    /**
     * Matches messages whose header or body contains a substring ({@code TEXT}).
     *
     * @param s the substring to look for anywhere in the message
     * @return the criterion
     */
    static SearchQuery text(String s) {
        return new Text(TextField.TEXT, s);
    }

    /**
     * Matches messages with a header field containing a substring ({@code HEADER name value}), for fields that have no
     * factory of their own such as {@code List-Id} or {@code Message-ID}.
     *
     * @param name  the header field name, case-insensitive, not empty
     * @param value the substring to look for in the field's value; the empty string matches every message that has
     *              the field
     * @return the criterion
     * @throws IllegalArgumentException when {@code name} is empty
     */
    static SearchQuery header(String name, String value) {
        return new Header(name, value);
    }

    /**
     * Matches messages whose internal date (usually the day the server received them) is on or after a day
     * ({@code SINCE}); the time of day and time zone are disregarded.
     *
     * @param d the first day that matches
     * @return the criterion
     */
    static SearchQuery since(LocalDate d) {
        return new Date(DateRelation.SINCE, d);
    }

    /**
     * Matches messages whose internal date is strictly before a day ({@code BEFORE}); the time of day and time zone are
     * disregarded.
     *
     * @param d the first day that no longer matches
     * @return the criterion
     */
    static SearchQuery before(LocalDate d) {
        return new Date(DateRelation.BEFORE, d);
    }

    /**
     * Matches messages whose internal date falls on a day ({@code ON}); the time of day and time zone are disregarded.
     *
     * @param d the day
     * @return the criterion
     */
    static SearchQuery on(LocalDate d) {
        return new Date(DateRelation.ON, d);
    }

    /**
     * Matches messages that have a system flag set, such as {@code \Flagged} ({@code FLAGGED}) or {@code \Answered}
     * ({@code ANSWERED}).
     *
     * @param f the system flag that must be set
     * @return the criterion
     */
    static SearchQuery flagged(Flag f) {
        return new HasFlag(f);
    }

    /**
     * Matches messages that have not been read: the {@code \Seen} flag is not set ({@code NOT SEEN}).
     *
     * @return the criterion
     */
    static SearchQuery unseen() {
        return new Not(new HasFlag(Flag.SEEN));
    }

    /**
     * Matches messages that have been read: the {@code \Seen} flag is set ({@code SEEN}).
     *
     * @return the criterion
     */
    static SearchQuery seen() {
        return new HasFlag(Flag.SEEN);
    }

    /**
     * Matches messages that have a keyword set ({@code KEYWORD}).
     *
     * @param k the keyword, such as {@code $Junk}; it must be an IMAP atom, which the IMAP module checks before sending
     * @return the criterion
     */
    static SearchQuery keyword(String k) {
        return new HasKeyword(k);
    }

    /**
     * Matches messages larger than a size ({@code LARGER}), measured as their RFC822.SIZE.
     *
     * @param octets the size in octets that a message must exceed, at least 0
     * @return the criterion
     * @throws IllegalArgumentException when {@code octets} is negative
     */
    static SearchQuery larger(long octets) {
        return new Size(true, octets);
    }

    /**
     * Matches messages smaller than a size ({@code SMALLER}), measured as their RFC822.SIZE.
     *
     * @param octets the size in octets that a message must stay below, at least 0
     * @return the criterion
     * @throws IllegalArgumentException when {@code octets} is negative
     */
    static SearchQuery smaller(long octets) {
        return new Size(false, octets);
    }

    /**
     * Matches messages that match every one of the criteria (IMAP's implicit AND of juxtaposed search keys).
     *
     * @param qs the criteria, at least one
     * @return the criterion
     * @throws IllegalArgumentException when no criterion is given
     */
    static SearchQuery and(SearchQuery... qs) {
        return new And(List.of(qs));
    }

    /**
     * Matches messages that match at least one of two criteria ({@code OR}).
     *
     * @param a one criterion
     * @param b the other criterion
     * @return the criterion
     */
    static SearchQuery or(SearchQuery a, SearchQuery b) {
        return new Or(a, b);
    }

    /**
     * Matches messages that do not match a criterion ({@code NOT}).
     *
     * @param q the criterion to negate
     * @return the criterion
     */
    static SearchQuery not(SearchQuery q) {
        return new Not(q);
    }
}
