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

    /**
     * Validates the components and copies the flag map into an immutable one.
     *
     * @param folder        the full folder name the snapshot was taken of
     * @param uidValidity   the folder's UIDVALIDITY at the time (RFC 3501 section 2.3.1.1); when the server's differs,
     *                      every UID saved here is void
     * @param uidNext       the folder's UIDNEXT at the time: messages with a UID at or above it arrived later
     * @param highestModSeq the folder's HIGHESTMODSEQ at the time (RFC 7162 CONDSTORE), letting the next sync fetch
     *                      only the flags changed since; empty when the server lacks CONDSTORE
     * @param flags         every message known at the time, by UID, with its flags then
     * @throws NullPointerException when {@code folder}, {@code highestModSeq} or the map, its keys or values are
     *                              null
     */
    public FolderSnapshot {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(highestModSeq, "highestModSeq");
        flags = Map.copyOf(flags);
    }
}
