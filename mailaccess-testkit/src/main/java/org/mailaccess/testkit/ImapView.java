package org.mailaccess.testkit;

import java.util.ArrayList;
import java.util.List;
import org.mailaccess.testkit.internal.ImapSyntaxException;
import org.mailaccess.testkit.internal.ImapWriter;
import org.mailaccess.testkit.internal.SequenceSet;

/**
 * What one connection knows of its selected folder (RFC 3501 section 2.3.1.2): the message sequence numbers, which
 * are per connection, and which changes it has been told about. Other connections' changes are reported by
 * {@link #update(ImapWriter, boolean)}: EXPUNGE (or VANISHED with QRESYNC, RFC 7162 section 3.2.10) renumbering the
 * following messages one at a time, then EXISTS/RECENT, then FETCH FLAGS. Expunged messages stay addressable until
 * their EXPUNGE has been sent, so a client's sequence numbers never silently point at another message
 * (greenmail#1019, PITFALLS P7). All methods need the account lock.
 */
final class ImapView {

    /** One message as this connection numbers it. */
    static final class Entry {
        final MessageState message;
        final boolean recent;
        long reportedModseq;

        Entry(MessageState message, boolean recent) {
            this.message = message;
            this.recent = recent;
            this.reportedModseq = message.modseq;
        }

        long uid() {
            return message.uid;
        }
    }

    final ImapSession session;
    final ImapFolder folder;
    final boolean readOnly;
    final long uidValidity;
    final List<Entry> entries = new ArrayList<>();
    private long lastUid;
    private long seenVersion;

    ImapView(ImapSession session, ImapFolder folder, boolean readOnly) {
        this.session = session;
        this.folder = folder;
        this.readOnly = readOnly;
        this.uidValidity = folder.uidValidity();
        this.seenVersion = folder.version();
        for (MessageState message : folder.live()) {
            add(message);
        }
    }

    private void add(MessageState message) {
        // RFC 3501 section 2.3.2: \Recent belongs to the first session that sees the message (read-write).
        boolean recent = !message.recentClaimed;
        if (!readOnly) {
            message.recentClaimed = true;
        }
        entries.add(new Entry(message, recent));
        lastUid = Math.max(lastUid, message.uid);
    }

    int recentCount() {
        return (int) entries.stream().filter(e -> e.recent).count();
    }

    /**
     * The 0-based indexes a sequence set or UID set selects, ascending. UID sets skip messages already expunged by
     * another connection (they no longer have a UID, RFC 3501 section 6.4.8); sequence sets include them.
     *
     * @throws ImapSyntaxException (answered BAD) when a sequence set names a number above the message count, as
     *                             Dovecot answers "Invalid messageset": a client whose count went stale must
     *                             notice here, not against a real server (RFC 3501 section 9, seq-number); in an
     *                             empty mailbox every sequence set is refused, {@code *} included
     */
    List<Integer> resolve(String setText, boolean uid) {
        SequenceSet set = SequenceSet.parse(setText);
        List<Integer> selected = new ArrayList<>();
        if (!uid) {
            // Dovecot also refuses "*" and "1:*" in an empty mailbox: there is no message for them to name.
            if (entries.isEmpty() || set.highest(entries.size()) > entries.size()) {
                throw new ImapSyntaxException("Invalid messageset");
            }
            for (int i = 0; i < entries.size(); i++) {
                if (set.contains(i + 1, entries.size())) {
                    selected.add(i);
                }
            }
            return selected;
        }
        long largest = 0;
        for (Entry entry : entries) {
            if (!entry.message.expunged) {
                largest = Math.max(largest, entry.uid());
            }
        }
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            if (!entry.message.expunged && set.contains(entry.uid(), largest)) {
                selected.add(i);
            }
        }
        return selected;
    }

    /**
     * Reports the changes made since the last report.
     *
     * @param out          where the untagged responses go
     * @param allowExpunge false while answering FETCH, STORE or SEARCH by sequence number (RFC 3501 section 7.4.1)
     * @return false if the folder's UIDVALIDITY changed, so the session must end
     */
    boolean uidValidityUnchanged() {
        return folder.uidValidity() == uidValidity;
    }

    boolean update(ImapWriter out, boolean allowExpunge) {
        if (folder.uidValidity() != uidValidity) {
            return false;
        }
        boolean ghosts = entries.stream().anyMatch(e -> e.message.expunged);
        if (folder.version() == seenVersion && !(ghosts && allowExpunge)) {
            return true;
        }
        if (allowExpunge) {
            reportExpunges(out);
        }
        int before = entries.size();
        for (MessageState message : folder.live()) {
            if (message.uid > lastUid) {
                add(message);
            }
        }
        if (entries.size() != before) {
            out.untagged(entries.size() + " EXISTS");
            out.untagged(recentCount() + " RECENT");
        }
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            if (!entry.message.expunged && entry.message.modseq > entry.reportedModseq) {
                out.untagged((i + 1) + " FETCH (" + flagItems(entry, true) + ")");
                entry.reportedModseq = entry.message.modseq;
            }
        }
        seenVersion = folder.version();
        return true;
    }

    private void reportExpunges(ImapWriter out) {
        if (session.qresyncEnabled) {
            List<Long> uids = new ArrayList<>();
            entries.removeIf(e -> {
                if (e.message.expunged) {
                    uids.add(e.uid());
                }
                return e.message.expunged;
            });
            if (!uids.isEmpty()) {
                uids.sort(null);
                out.untagged("VANISHED " + SequenceSet.format(uids));
            }
            return;
        }
        for (int i = 0; i < entries.size(); ) {
            if (entries.get(i).message.expunged) {
                // Each EXPUNGE renumbers the messages after it at once (RFC 3501 section 7.4.1).
                out.untagged((i + 1) + " EXPUNGE");
                entries.remove(i);
            } else {
                i++;
            }
        }
    }

    /** {@code UID u FLAGS (...)} plus {@code MODSEQ (m)} once CONDSTORE is enabled (RFC 7162 section 3.1.4). */
    String flagItems(Entry entry, boolean withUid) {
        StringBuilder items = new StringBuilder();
        if (withUid) {
            items.append("UID ").append(entry.uid()).append(' ');
        }
        items.append("FLAGS ").append(flagList(entry));
        if (session.condstoreEnabled) {
            items.append(" MODSEQ (").append(entry.message.modseq).append(')');
        }
        return items.toString();
    }

    static String flagList(Entry entry) {
        List<String> flags = new ArrayList<>(entry.message.flags);
        if (entry.recent) {
            flags.add("\\Recent");
        }
        return "(" + String.join(" ", flags) + ")";
    }
}
