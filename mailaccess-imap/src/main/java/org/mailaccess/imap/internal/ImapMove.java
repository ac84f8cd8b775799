package org.mailaccess.imap.internal;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.Response;
import org.mailaccess.Capability;
import org.mailaccess.CommandFailedException;
import org.mailaccess.DeleteMode;
import org.mailaccess.Flag;
import org.mailaccess.FlagOperation;
import org.mailaccess.Flags;
import org.mailaccess.FolderInfo;
import org.mailaccess.FolderRole;
import org.mailaccess.MessageKey;
import org.mailaccess.UnsupportedCapabilityException;

/**
 * Server-side copy, move, delete and expunge, all addressed by UID.
 *
 * <p>The rules (PITFALLS P8, 3.3): {@code UID MOVE} (RFC 6851) when offered; otherwise {@code UID COPY}, and only if
 * it succeeded {@code UID STORE +FLAGS.SILENT (\Deleted)} and {@code UID EXPUNGE} of exactly those UIDs (RFC 4315),
 * so other clients' {@code \Deleted} messages survive; without UIDPLUS there is no safe way to expunge only ours, so
 * such a move is refused before anything is sent. A mailbox-wide EXPUNGE is sent only by {@link #expungeAll}.
 */
final class ImapMove {

    /** The most UIDs a COPYUID answer may expand to; more is a hostile server (PITFALLS S5). */
    private static final long MAX_COPYUID = 10_000_000;

    private ImapMove() {
    }

    static Map<MessageKey, MessageKey> copy(ImapConnection c, String folder, Collection<MessageKey> keys,
            String target) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        SelectedFolder sel = c.select(folder);
        long[] uids = Keys.uids("UID COPY", sel, keys);
        return transfer(c, "UID COPY", folder, sel, uids, target);
    }

    static Map<MessageKey, MessageKey> move(ImapConnection c, String folder, Collection<MessageKey> keys,
            String target) {
        boolean move = c.has("MOVE");
        if (!move && !c.has("UIDPLUS")) {
            throw new UnsupportedCapabilityException(Capability.MOVE);
        }
        if (keys.isEmpty()) {
            return Map.of();
        }
        SelectedFolder sel = c.select(folder);
        long[] uids = Keys.uids(move ? "UID MOVE" : "UID COPY", sel, keys);
        if (move) {
            return transfer(c, "UID MOVE", folder, sel, uids, target);
        }
        // An exception from the COPY leaves the source untouched: nothing below runs (Pelton#278).
        Map<MessageKey, MessageKey> moved = transfer(c, "UID COPY", folder, sel, uids, target);
        removeExactly(c, uids);
        return moved;
    }

    static void delete(ImapConnection c, String folder, Collection<MessageKey> keys, DeleteMode mode,
            Optional<FolderInfo> trash) {
        if (keys.isEmpty()) {
            return;
        }
        boolean inTrash = trash.map(t -> t.name().equals(folder)).orElse(false);
        switch (mode) {
            case MOVE_TO_TRASH -> {
                if (trash.isEmpty()) {
                    throw new CommandFailedException("UID MOVE", "this mailbox has no folder with the \\Trash role",
                            "NONEXISTENT");
                }
                if (inTrash) {
                    expunge(c, folder, keys);
                } else {
                    move(c, folder, keys, trash.get().name());
                }
            }
            case EXPUNGE -> expunge(c, folder, keys);
            case TRASH_IF_PRESENT -> {
                if (trash.isPresent() && !inTrash) {
                    move(c, folder, keys, trash.get().name());
                } else {
                    expunge(c, folder, keys);
                }
            }
        }
    }

    static void expunge(ImapConnection c, String folder, Collection<MessageKey> keys) {
        if (!c.has("UIDPLUS")) {
            throw new UnsupportedCapabilityException(Capability.UIDPLUS);
        }
        if (keys.isEmpty()) {
            return;
        }
        SelectedFolder sel = c.select(folder);
        removeExactly(c, Keys.uids("UID EXPUNGE", sel, keys));
    }

    static void expungeAll(ImapConnection c, String folder) {
        c.select(folder);
        c.command("EXPUNGE", "EXPUNGE", null);
    }

    private static void removeExactly(ImapConnection c, long[] uids) {
        ImapFlagStore.store(c, uids, FlagOperation.ADD, Flags.of(Flag.DELETED));
        c.command("UID EXPUNGE", "UID EXPUNGE " + UidSets.of(uids), null);
    }

    private static Map<MessageKey, MessageKey> transfer(ImapConnection c, String verb, String folder,
            SelectedFolder sel, long[] uids, String target) {
        Argument args = new Argument();
        args.writeAtom(UidSets.of(uids));
        MailboxNames.write(args, c.protocol(), target);
        Response[] responses = c.command(verb, verb, args);
        return copyUid(responses, folder, sel.uidValidity(), target);
    }

    /**
     * The new keys from the COPYUID response codes (RFC 4315 section 3), which MOVE sends in untagged OKs
     * (RFC 6851 section 4.3) and COPY in the tagged one; each code's two sets correspond in order. A server may split
     * one MOVE into several untagged OK [COPYUID] responses (RFC 6851 section 4.3: "one or more"), so all of them
     * are merged, in the order they arrived.
     */
    static Map<MessageKey, MessageKey> copyUid(Response[] responses, String folder, long uidValidity, String target) {
        Map<MessageKey, MessageKey> out = new LinkedHashMap<>();
        for (Response r : responses) {
            if (r == null || !r.isOK()) {
                continue;
            }
            String rest = ImapErrors.rest(r);
            if (!rest.regionMatches(true, 0, "[COPYUID ", 0, 9) || rest.indexOf(']') < 0) {
                continue;
            }
            String[] parts = rest.substring(9, rest.indexOf(']')).trim().split(" ");
            if (parts.length != 3) {
                continue;
            }
            try {
                long targetValidity = Long.parseLong(parts[0]);
                long[] src = UidSets.expand(parts[1], MAX_COPYUID - out.size());
                long[] dst = UidSets.expand(parts[2], MAX_COPYUID - out.size());
                if (src.length != dst.length) {
                    continue;
                }
                for (int j = 0; j < src.length; j++) {
                    out.put(MessageKey.imap(folder, uidValidity, src[j]),
                            MessageKey.imap(target, targetValidity, dst[j]));
                }
            } catch (NumberFormatException e) {
                // A malformed code only costs the caller these new keys.
            }
        }
        return Collections.unmodifiableMap(out);
    }
}
