package org.mailaccess;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What changed in a folder since a {@link FolderSnapshot}: new messages, flag changes and expunged messages, and the
 * snapshot to save for next time.
 *
 * <p>When {@code uidValidityChanged} is true, the server renumbered the folder (RFC 3501 section 2.3.1.1): every key
 * of the old snapshot is void, the lists are empty, and the caller must resynchronise from {@code current}.
 *
 * @param uidValidityChanged whether the saved UIDs are void
 * @param added              the new messages, with flags
 * @param flagChanges        known messages whose flags changed, with their new flags
 * @param expunged           known messages that are gone
 * @param current            the snapshot to save now
 */
public record FolderChanges(boolean uidValidityChanged, List<MessageSummary> added, Map<MessageKey, Flags> flagChanges,
        Set<MessageKey> expunged, FolderSnapshot current) {

    /**
     * Copies the collections into immutable ones.
     *
     * @param uidValidityChanged whether the folder's UIDVALIDITY differs from the saved snapshot's, so that every
     *                           saved UID is void and the three collections are empty
     * @param added              the messages that arrived since the snapshot (UID at or above its UIDNEXT), with
     *                           their flags
     * @param flagChanges        messages known to the snapshot whose flags changed, mapped to their flags now
     * @param expunged           messages known to the snapshot that the server no longer has
     * @param current            the folder's state now, to save and pass to the next sync
     * @throws NullPointerException when a collection, one of their elements, or {@code current} is null
     */
    public FolderChanges {
        added = List.copyOf(added);
        flagChanges = Map.copyOf(flagChanges);
        expunged = Set.copyOf(expunged);
        Objects.requireNonNull(current, "current");
    }
}
