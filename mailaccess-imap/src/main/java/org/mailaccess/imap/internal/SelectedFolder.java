package org.mailaccess.imap.internal;

/**
 * What SELECT told us about the selected folder (RFC 3501 section 6.3.1; RFC 7162 HIGHESTMODSEQ), kept up to date
 * from untagged responses.
 *
 * @param name          the folder name
 * @param uidValidity   the UIDVALIDITY
 * @param uidNext       the UIDNEXT, or -1 when the server did not say
 * @param highestModSeq the HIGHESTMODSEQ, or -1 without CONDSTORE
 * @param exists        the number of messages
 */
record SelectedFolder(String name, long uidValidity, long uidNext, long highestModSeq, int exists) {

    SelectedFolder withExists(int n) {
        return new SelectedFolder(name, uidValidity, uidNext, highestModSeq, n);
    }

    SelectedFolder withUidValidity(long v) {
        return new SelectedFolder(name, v, uidNext, highestModSeq, exists);
    }
}
