package org.mailaccess.imap.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.mailaccess.Flags;
import org.mailaccess.FolderChanges;
import org.mailaccess.FolderSnapshot;
import org.mailaccess.MessageKey;
import org.mailaccess.MessageSummary;

/**
 * "What changed since last time" (RFC 4549 disconnected sync): with CONDSTORE/QRESYNC (RFC 7162) only the messages
 * changed since the saved HIGHESTMODSEQ are fetched ({@code CHANGEDSINCE}), and QRESYNC reports expunges as
 * {@code VANISHED (EARLIER)}; without them the UIDs and flags of the folder are fetched and compared. A changed
 * UIDVALIDITY voids the snapshot and is reported as such, never papered over (RFC 3501 section 2.3.1.1).
 */
final class ImapSync {

    private static final long MAX_VANISHED = 10_000_000;

    private ImapSync() {
    }

    static FolderSnapshot snapshot(ImapConnection c, String folder) {
        // A fresh SELECT: the snapshot must not start from UIDNEXT/HIGHESTMODSEQ values learned long ago.
        c.deselect();
        SelectedFolder sel = c.select(folder);
        Map<Long, Flags> flags = new HashMap<>();
        long maxModSeq = sel.highestModSeq();
        boolean condstore = condstore(c, sel);
        String items = condstore ? "(UID FLAGS MODSEQ)" : "(UID FLAGS)";
        for (ImapFetch.Fetched f : ImapFetch.fetch(c, "UID FETCH", "UID FETCH 1:* " + items)) {
            flags.put(f.uid(), f.flags());
            maxModSeq = Math.max(maxModSeq, f.modSeq());
        }
        return new FolderSnapshot(folder, sel.uidValidity(), uidNext(sel, flags.keySet(), 1),
                condstore ? OptionalLong.of(maxModSeq) : OptionalLong.empty(), flags);
    }

    static FolderChanges changesSince(ImapConnection c, String folder, FolderSnapshot since) {
        if (!since.folder().equals(folder)) {
            throw new IllegalArgumentException("snapshot of folder '" + since.folder() + "' used with '" + folder
                    + "'");
        }
        c.deselect();
        SelectedFolder sel = c.select(folder);
        if (sel.uidValidity() != since.uidValidity()) {
            return new FolderChanges(true, List.of(), Map.of(), Set.of(), snapshot(c, folder));
        }
        if (condstore(c, sel) && since.highestModSeq().isPresent()) {
            return withModSeq(c, folder, sel, since);
        }
        return byComparison(c, folder, sel, since);
    }

    private static boolean condstore(ImapConnection c, SelectedFolder sel) {
        return (c.has("CONDSTORE") || c.has("QRESYNC")) && sel.highestModSeq() > 0;
    }

    private static FolderChanges byComparison(ImapConnection c, String folder, SelectedFolder sel,
            FolderSnapshot since) {
        Map<Long, Flags> now = new HashMap<>();
        for (ImapFetch.Fetched f : ImapFetch.fetch(c, "UID FETCH", "UID FETCH 1:* (UID FLAGS)")) {
            now.put(f.uid(), f.flags());
        }
        Map<MessageKey, Flags> changed = new LinkedHashMap<>();
        Set<MessageKey> expunged = new HashSet<>();
        List<Long> added = new ArrayList<>();
        for (Map.Entry<Long, Flags> e : since.flags().entrySet()) {
            Flags current = now.get(e.getKey());
            if (current == null) {
                expunged.add(key(folder, sel, e.getKey()));
            } else if (!current.equals(e.getValue())) {
                changed.put(key(folder, sel, e.getKey()), current);
            }
        }
        for (Long uid : now.keySet()) {
            if (!since.flags().containsKey(uid) && uid >= since.uidNext()) {
                added.add(uid);
            }
        }
        FolderSnapshot current = new FolderSnapshot(folder, sel.uidValidity(),
                Math.max(since.uidNext(), uidNext(sel, now.keySet(), since.uidNext())), OptionalLong.empty(), now);
        return new FolderChanges(false, summaries(c, folder, sel, added), changed, expunged, current);
    }

    private static FolderChanges withModSeq(ImapConnection c, String folder, SelectedFolder sel,
            FolderSnapshot since) {
        long modseq = since.highestModSeq().getAsLong();
        boolean qresync = c.has("QRESYNC") && c.protocol().isEnabled("QRESYNC");
        String command = "UID FETCH 1:* (UID FLAGS MODSEQ) (CHANGEDSINCE " + modseq + (qresync ? " VANISHED)" : ")");
        Response[] responses = c.command("UID FETCH", command, null);
        Map<Long, Flags> flags = new HashMap<>(since.flags());
        Map<MessageKey, Flags> changed = new LinkedHashMap<>();
        Set<MessageKey> expunged = new HashSet<>();
        List<Long> added = new ArrayList<>();
        long maxModSeq = Math.max(modseq, sel.highestModSeq());
        for (Response r : responses) {
            if (r instanceof FetchResponse f) {
                ImapFetch.Fetched got = ImapFetch.parse(f);
                if (got == null) {
                    continue;
                }
                maxModSeq = Math.max(maxModSeq, got.modSeq());
                Flags old = since.flags().get(got.uid());
                if (old == null && got.uid() >= since.uidNext()) {
                    added.add(got.uid());
                } else if (old != null && !old.equals(got.flags())) {
                    changed.put(key(folder, sel, got.uid()), got.flags());
                }
                flags.put(got.uid(), got.flags());
            } else if (r instanceof IMAPResponse ir && ir.keyEquals("VANISHED")) {
                for (long uid : vanished(ir)) {
                    if (flags.remove(uid) != null) {
                        expunged.add(key(folder, sel, uid));
                    }
                }
            }
        }
        if (!qresync) {
            // CONDSTORE alone does not report expunges: ask which of the known UIDs still exist.
            Set<Long> known = new HashSet<>(since.flags().keySet());
            if (!known.isEmpty()) {
                Set<Long> present = new HashSet<>();
                Response[] search = c.command("UID SEARCH", "UID SEARCH UID "
                        + UidSets.of(UidSets.sorted(known)), null);
                for (Response r : search) {
                    if (r instanceof IMAPResponse ir && ir.keyEquals("SEARCH")) {
                        long uid;
                        while ((uid = ir.readLong()) != -1) {
                            present.add(uid);
                        }
                    }
                }
                for (Long uid : known) {
                    if (!present.contains(uid)) {
                        flags.remove(uid);
                        expunged.add(key(folder, sel, uid));
                    }
                }
            }
        }
        FolderSnapshot current = new FolderSnapshot(folder, sel.uidValidity(),
                Math.max(since.uidNext(), uidNext(sel, flags.keySet(), since.uidNext())), OptionalLong.of(maxModSeq),
                flags);
        return new FolderChanges(false, summaries(c, folder, sel, added), changed, expunged, current);
    }

    private static long[] vanished(IMAPResponse ir) {
        // "* VANISHED (EARLIER) uid-set" (RFC 7162 section 3.2.10)
        ir.skipSpaces();
        if (ir.peekByte() == '(') {
            ir.readSimpleList();
        }
        String set = ir.readAtom();
        return set == null || set.isEmpty() ? new long[0] : UidSets.expand(set, MAX_VANISHED);
    }

    private static List<MessageSummary> summaries(ImapConnection c, String folder, SelectedFolder sel,
            List<Long> uids) {
        if (uids.isEmpty()) {
            return List.of();
        }
        List<MessageSummary> out = new ArrayList<>();
        for (ImapFetch.Fetched f : ImapFetch.fetch(c, "UID FETCH", "UID FETCH " + UidSets.of(UidSets.sorted(uids))
                + " (UID RFC822.SIZE FLAGS INTERNALDATE)")) {
            out.add(new MessageSummary(key(folder, sel, f.uid()), f.size(), f.flags(), f.internalDate(),
                    f.headers()));
        }
        out.sort(java.util.Comparator.comparingLong(s -> s.key().uid()));
        return out;
    }

    private static long uidNext(SelectedFolder sel, Set<Long> uids, long floor) {
        long max = uids.stream().mapToLong(Long::longValue).max().orElse(0);
        return Math.max(floor, Math.max(sel.uidNext(), max + 1));
    }

    private static MessageKey key(String folder, SelectedFolder sel, long uid) {
        return MessageKey.imap(folder, sel.uidValidity(), uid);
    }
}
