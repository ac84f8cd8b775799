package org.mailaccess.imap.internal;

import java.util.Arrays;
import java.util.Collection;
import org.eclipse.angus.mail.imap.protocol.UIDSet;

/**
 * UID sequence sets (RFC 3501 section 9, {@code sequence-set}), compressed into ranges with Angus's {@link UIDSet}.
 * Only numbers go into the command text, so nothing can be injected through a set.
 */
final class UidSets {

    private UidSets() {
    }

    /**
     * The UIDs sorted, without duplicates.
     *
     * @param uids any UIDs
     * @return a sorted array
     */
    static long[] sorted(Collection<Long> uids) {
        return uids.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
    }

    /**
     * The compressed set, such as {@code 1:3,7,9:12}.
     *
     * @param sortedUids sorted, distinct, positive UIDs; not empty
     * @return the set
     */
    static String of(long[] sortedUids) {
        if (sortedUids.length == 0) {
            throw new IllegalArgumentException("empty UID set");
        }
        return UIDSet.toString(UIDSet.createUIDSets(sortedUids));
    }

    /**
     * Counts the UIDs of a set the server sent (VANISHED) without expanding it.
     *
     * @param set the set text
     * @return how many UIDs it names
     */
    static long count(String set) {
        UIDSet[] parsed = UIDSet.parseUIDSets(set);
        long total = 0;
        for (UIDSet s : parsed == null ? new UIDSet[0] : parsed) {
            total += Math.abs(s.end - s.start) + 1;
        }
        return total;
    }

    /**
     * Expands a set the server sent (COPYUID, APPENDUID, VANISHED), refusing absurd expansions (PITFALLS S5: a
     * hostile {@code 1:4294967295} must not allocate billions of longs).
     *
     * @param set the set text
     * @param max the largest number of UIDs accepted
     * @return the UIDs in the order of the set
     */
    static long[] expand(String set, long max) {
        UIDSet[] parsed = UIDSet.parseUIDSets(set);
        if (parsed == null) {
            return new long[0];
        }
        long total = 0;
        for (UIDSet s : parsed) {
            total += Math.abs(s.end - s.start) + 1;
            if (total > max) {
                throw new org.mailaccess.ProtocolViolationException("the server sent a UID set of more than " + max
                        + " UIDs");
            }
        }
        long[] out = new long[(int) total];
        int i = 0;
        for (UIDSet s : parsed) {
            long step = s.end >= s.start ? 1 : -1;
            for (long u = s.start; ; u += step) {
                out[i++] = u;
                if (u == s.end) {
                    break;
                }
            }
        }
        return Arrays.copyOf(out, i);
    }
}
