package org.mailaccess.imap.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.protocol.FLAGS;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.mailaccess.Flags;
import org.mailaccess.MailboxEvent;
import org.mailaccess.MessageKey;

/**
 * What a watch knows of its folder (UIDs by sequence number, flags, UIDNEXT) and how it learns more: every untagged
 * response on the watch's connection passes through {@link #untagged}, in the order the server sent it, whichever
 * command it came with (RFC 3501 section 7: any command may carry EXISTS, EXPUNGE or FETCH FLAGS; section 7.4.1
 * allows EXPUNGE during UID FETCH). Skipping one would shift every later sequence number, so that the next EXPUNGE
 * reports the wrong UID.
 *
 * <p>Used by the watch thread only; not thread-safe.
 */
final class WatchedFolder {

    private static final long MAX_VANISHED = 10_000_000;

    private final String folder;
    private final Consumer<MailboxEvent> emit;
    private final Runnable onNewMail;

    private long uidValidity = -1;
    private long uidNext = 1;
    private final List<Long> bySequence = new ArrayList<>();
    private final Map<Long, Flags> flags = new HashMap<>();
    private int exists;
    private boolean pendingNew;

    /**
     * Creates the state of one watched folder.
     *
     * @param folder    the folder name, for the keys of events
     * @param emit      where events go
     * @param onNewMail called when EXISTS announces new mail, so that the watch leaves IDLE to fetch its UIDs
     */
    WatchedFolder(String folder, Consumer<MailboxEvent> emit, Runnable onNewMail) {
        this.folder = folder;
        this.emit = emit;
        this.onNewMail = onNewMail;
    }

    /** Whether EXISTS announced messages whose UIDs are not fetched yet. */
    boolean hasPendingNew() {
        return pendingNew;
    }

    /**
     * Tracks EXISTS, EXPUNGE, VANISHED and FETCH FLAGS (RFC 3501 section 7.3.1, 7.4.1, 7.4.2; RFC 7162 section
     * 3.2.10) and reports what changed. Other responses are ignored.
     *
     * @param r any response
     */
    void untagged(Response r) {
        if (!(r instanceof IMAPResponse ir) || !r.isUnTagged()) {
            return;
        }
        if (ir.keyEquals("EXISTS")) {
            exists = ir.getNumber();
            if (exists > bySequence.size()) {
                pendingNew = true;
                onNewMail.run();
            }
        } else if (ir.keyEquals("EXPUNGE")) {
            int n = ir.getNumber();
            exists = Math.max(0, exists - 1);
            if (n >= 1 && n <= bySequence.size()) {
                long uid = bySequence.remove(n - 1);
                flags.remove(uid);
                emit.accept(new MailboxEvent.Expunged(Set.of(key(uid))));
            }
        } else if (ir.keyEquals("VANISHED")) {
            vanished(ir);
        } else if (r instanceof FetchResponse f) {
            flagsChanged(f);
        }
    }

    private void vanished(IMAPResponse ir) {
        // VANISHED (EARLIER) only answers our own resync commands: nothing new.
        String set = ImapConnection.vanishedSet(ir);
        if (set == null) {
            return;
        }
        Set<MessageKey> gone = new HashSet<>();
        for (long uid : UidSets.expand(set, MAX_VANISHED)) {
            if (bySequence.remove(uid)) {
                flags.remove(uid);
                gone.add(key(uid));
            }
        }
        exists = Math.max(0, exists - gone.size());
        if (!gone.isEmpty()) {
            emit.accept(new MailboxEvent.Expunged(gone));
        }
    }

    private void flagsChanged(FetchResponse f) {
        FLAGS fl = f.getItem(FLAGS.class);
        if (fl == null) {
            return;
        }
        UID u = f.getItem(UID.class);
        long uid = u != null ? u.uid
                : (f.getNumber() >= 1 && f.getNumber() <= bySequence.size() ? bySequence.get(f.getNumber() - 1) : -1);
        if (uid < 0 || !flags.containsKey(uid)) {
            return;
        }
        Flags now = FlagCodec.fromJakarta(fl);
        if (!now.equals(flags.put(uid, now))) {
            emit.accept(new MailboxEvent.FlagsChanged(key(uid), now));
        }
    }

    /**
     * Fetches the UIDs of messages announced by EXISTS. The answer's other untagged responses are handled in order
     * with the new messages, then the count is checked; if it does not add up, everything is compared anew.
     *
     * @param c the watch's connection
     */
    void flushPending(ImapConnection c) {
        if (!pendingNew) {
            return;
        }
        pendingNew = false;
        boolean lost = false;
        List<MessageKey> added = new ArrayList<>();
        for (Response r : c.command("UID FETCH", "UID FETCH " + uidNext + ":* (UID FLAGS)", null)) {
            ImapFetch.Fetched f = r instanceof FetchResponse fr ? ImapFetch.parse(fr) : null;
            if (f != null && f.uid() >= uidNext && !flags.containsKey(f.uid())) {
                // New messages follow every known one: UIDs ascend with sequence numbers (RFC 3501 section 2.3.1.1).
                lost |= ((FetchResponse) r).getNumber() != bySequence.size() + 1;
                bySequence.add(f.uid());
                flags.put(f.uid(), f.flags());
                added.add(key(f.uid()));
                uidNext = f.uid() + 1;
                continue;
            }
            if (!added.isEmpty() && r.isUnTagged() && !(r instanceof FetchResponse)) {
                // Report arrivals before whatever followed them, such as their own expunge.
                emit.accept(new MailboxEvent.NewMessages(List.copyOf(added)));
                added.clear();
            }
            untagged(r);
        }
        if (!added.isEmpty()) {
            emit.accept(new MailboxEvent.NewMessages(added));
        }
        exists = Math.max(exists, 0);
        pendingNew = exists > bySequence.size();
        if (lost || bySequence.size() != exists) {
            // We lost track (an expunge we did not see): compare everything rather than guess.
            resync(c, c.selected() == null ? c.select(folder) : c.selected(), false);
        }
    }

    /**
     * Loads the folder's UIDs and flags; unless this is the first load, reports the difference from what was known:
     * what arrived, disappeared or changed while the watch was not listening. An EXPUNGE or VANISHED inside the
     * answer removes the message it names from the listing as it stood at that point.
     *
     * @param c     the watch's connection, with the folder selected
     * @param sel   what SELECT reported
     * @param first true for the initial load, which reports nothing
     */
    void resync(ImapConnection c, SelectedFolder sel, boolean first) {
        boolean renumbered = !first && sel.uidValidity() != uidValidity;
        List<Long> order = new ArrayList<>();
        Map<Long, Flags> now = new HashMap<>();
        for (Response r : c.command("UID FETCH", "UID FETCH 1:* (UID FLAGS)", null)) {
            listing(r, order, now);
        }
        if (!first) {
            report(sel, renumbered, order, now);
        }
        uidValidity = sel.uidValidity();
        bySequence.clear();
        bySequence.addAll(order);
        flags.clear();
        flags.putAll(now);
        exists = bySequence.size();
        long max = bySequence.isEmpty() ? 0 : bySequence.get(bySequence.size() - 1);
        uidNext = Math.max(Math.max(renumbered ? 1 : uidNext, sel.uidNext()), max + 1);
        pendingNew = false;
    }

    /** Applies one response of a full listing to the listing being built, by sequence number. */
    private static void listing(Response r, List<Long> order, Map<Long, Flags> now) {
        if (r instanceof FetchResponse fr) {
            ImapFetch.Fetched f = ImapFetch.parse(fr);
            int n = fr.getNumber();
            if (f == null) {
                return;
            }
            if (n >= 1 && n <= order.size()) {
                order.set(n - 1, f.uid());
            } else {
                // A listing of 1:* is contiguous; a gap would be a server bug, and never grows the list by more.
                order.add(f.uid());
            }
            now.put(f.uid(), f.flags());
        } else if (r instanceof IMAPResponse ir && r.isUnTagged()) {
            if (ir.keyEquals("EXPUNGE") && ir.getNumber() >= 1 && ir.getNumber() <= order.size()) {
                now.remove(order.remove(ir.getNumber() - 1));
            } else if (ir.keyEquals("VANISHED") && ImapConnection.vanishedSet(ir) != null) {
                for (long uid : UidSets.expand(ImapConnection.vanishedSet(ir), MAX_VANISHED)) {
                    order.remove(uid);
                    now.remove(uid);
                }
            }
        }
    }

    private void report(SelectedFolder sel, boolean renumbered, List<Long> order, Map<Long, Flags> now) {
        Set<MessageKey> gone = new HashSet<>();
        for (Long uid : flags.keySet()) {
            if (renumbered || !now.containsKey(uid)) {
                gone.add(key(uid));
            }
        }
        if (!gone.isEmpty()) {
            emit.accept(new MailboxEvent.Expunged(gone));
        }
        long oldValidity = uidValidity;
        uidValidity = sel.uidValidity();
        List<MessageKey> added = new ArrayList<>();
        for (long uid : order) {
            Flags old = renumbered || oldValidity < 0 ? null : flags.get(uid);
            if (old == null && (renumbered || uid >= uidNext || !flags.containsKey(uid))) {
                added.add(key(uid));
            } else if (old != null && !old.equals(now.get(uid))) {
                emit.accept(new MailboxEvent.FlagsChanged(key(uid), now.get(uid)));
            }
        }
        if (!added.isEmpty()) {
            emit.accept(new MailboxEvent.NewMessages(added));
        }
    }

    private MessageKey key(long uid) {
        return MessageKey.imap(folder, uidValidity, uid);
    }
}
