package org.mailaccess;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a client knew of a folder at one moment, saved to find out later what other clients changed (RFC 4549
 * disconnected sync; RFC 7162 CONDSTORE/QRESYNC when the server offers it). Applications persist it between runs.
 *
 * @param folder        the folder name
 * @param uidValidity   the folder's UIDVALIDITY; if the server's changes, every saved UID is void
 * @param uidNext       the UIDNEXT: messages with a UID at or above it are new
 * @param highestModSeq the HIGHESTMODSEQ when the server supports CONDSTORE
 * @param flags         the known messages, by UID, with their flags
 */
public record FolderSnapshot(String folder, long uidValidity, long uidNext, OptionalLong highestModSeq,
        Map<Long, Flags> flags) {

    /** Validates and copies the components. */
    public FolderSnapshot {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(highestModSeq, "highestModSeq");
        flags = Map.copyOf(flags);
    }
}
