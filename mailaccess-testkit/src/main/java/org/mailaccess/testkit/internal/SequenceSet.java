package org.mailaccess.testkit.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 3501 sequence-set such as {@code 1:4,7,9:*}, kept as ranges and never expanded, so {@code 1:4294967295}
 * costs nothing (PITFALLS S5). {@code *} stands for the largest number in use, given at lookup time; a range matches
 * regardless of the order of its ends ({@code 5:*} includes the largest number even when that is below 5).
 */
public final class SequenceSet {

    /** Marks {@code *} in a range end. */
    private static final long STAR = -1;

    private final List<long[]> ranges;

    private SequenceSet(List<long[]> ranges) {
        this.ranges = ranges;
    }

    /**
     * Parses a sequence-set.
     *
     * @param text the set as sent
     * @return the set
     * @throws ImapSyntaxException if it is malformed or uses 0
     */
    public static SequenceSet parse(String text) {
        List<long[]> ranges = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            int colon = part.indexOf(':');
            long low = number(colon < 0 ? part : part.substring(0, colon));
            long high = colon < 0 ? low : number(part.substring(colon + 1));
            ranges.add(new long[] {low, high});
        }
        return new SequenceSet(ranges);
    }

    private static long number(String text) {
        if (text.equals("*")) {
            return STAR;
        }
        if (!text.matches("[1-9][0-9]{0,9}")) {
            throw new ImapSyntaxException("invalid sequence set");
        }
        long n = Long.parseLong(text);
        if (n > 0xffffffffL) {
            throw new ImapSyntaxException("invalid sequence set");
        }
        return n;
    }

    /**
     * Whether the set contains a number.
     *
     * @param n       the message sequence number or UID
     * @param largest what {@code *} stands for
     * @return true if contained
     */
    public boolean contains(long n, long largest) {
        for (long[] range : ranges) {
            long a = range[0] == STAR ? largest : range[0];
            long b = range[1] == STAR ? largest : range[1];
            if (n >= Math.min(a, b) && n <= Math.max(a, b)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The largest number the set names.
     *
     * @param largest what {@code *} stands for
     * @return the largest range end, with {@code *} replaced
     */
    public long highest(long largest) {
        long max = 0;
        for (long[] range : ranges) {
            max = Math.max(max, Math.max(range[0] == STAR ? largest : range[0], range[1] == STAR ? largest : range[1]));
        }
        return max;
    }

    /**
     * Whether the set mentions {@code *}.
     *
     * @return true if a range end is {@code *}
     */
    public boolean hasStar() {
        return ranges.stream().anyMatch(r -> r[0] == STAR || r[1] == STAR);
    }

    /**
     * Formats ascending numbers compactly as a sequence-set ({@code 1:3,7}), as COPYUID and VANISHED need.
     *
     * @param numbers ascending numbers
     * @return the set, or the empty string for no numbers
     */
    public static String format(List<Long> numbers) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < numbers.size()) {
            int j = i;
            while (j + 1 < numbers.size() && numbers.get(j + 1) == numbers.get(j) + 1) {
                j++;
            }
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(numbers.get(i));
            if (j > i) {
                out.append(':').append(numbers.get(j));
            }
            i = j + 1;
        }
        return out.toString();
    }
}
