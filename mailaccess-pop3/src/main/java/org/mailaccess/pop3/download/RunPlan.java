package org.mailaccess.pop3.download;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mailaccess.MessageKey;
import org.mailaccess.MessageSummary;

/**
 * What a run will do, decided from the ledger and the server's listing alone: no I/O, so every policy decision is
 * tested without a server.
 *
 * @param reconcile      ledger changes for what is no longer on the server, and for reused UIDLs
 * @param fresh          the messages not downloaded yet (including reused UIDLs), in server order, with the mark
 *                       that applies to them
 * @param download       the new messages to download
 * @param preview        the new messages to preview
 * @param skipped        the new messages to leave alone
 * @param deleteStored   downloaded messages to delete now (policy due, marked, or an earlier delete not seen
 *                       committed)
 * @param deleteUnstored never-downloaded messages marked {@link Mark#DELETE_ON_SERVER}
 * @param kept           downloaded messages that stay on the server
 * @param warnings       reused UIDLs
 */
record RunPlan(List<LedgerChange> reconcile, List<Fresh> fresh, List<MessageSummary> download,
        List<MessageSummary> preview, List<SkippedMessage> skipped, List<MessageKey> deleteStored,
        List<MessageKey> deleteUnstored, List<MessageKey> kept, List<DownloadWarning> warnings) {

    /** How long a tombstone (a downloaded UIDL gone from the server) is kept to recognise a reused UIDL. */
    static final Duration TOMBSTONE_RETENTION = Duration.ofDays(180);

    /**
     * A message not downloaded yet.
     *
     * @param summary its key and listed size
     * @param mark    the application's mark; never a mark left over from an earlier message with a reused UIDL
     */
    record Fresh(MessageSummary summary, Optional<Mark> mark) {
    }

    static RunPlan of(LedgerState state, List<MessageSummary> listing, LeavePolicy leave, SizePolicy size,
            Instant now) {
        Set<String> present = new HashSet<>();
        for (MessageSummary m : listing) {
            present.add(m.key().id());
        }
        List<LedgerChange> reconcile = new ArrayList<>();
        state.downloads().forEach((uidl, r) -> {
            if (present.contains(uidl)) {
                return;
            }
            if (r.onServer()) {
                // Deleted by our QUIT (also one whose +OK was lost), by another client, or by the server's EXPIRE.
                reconcile.add(new LedgerChange.Gone(uidl, now));
            } else if (r.goneAt().get().plus(TOMBSTONE_RETENTION).isBefore(now)) {
                reconcile.add(new LedgerChange.Forgotten(uidl));
            }
        });
        state.marks().forEach((uidl, m) -> {
            if (!present.contains(uidl) && !state.isDownloaded(uidl)) {
                reconcile.add(new LedgerChange.Unmarked(uidl)); // downloaded ones lose theirs with Gone
            }
        });

        List<Fresh> fresh = new ArrayList<>();
        List<MessageSummary> download = new ArrayList<>();
        List<MessageSummary> preview = new ArrayList<>();
        List<SkippedMessage> skipped = new ArrayList<>();
        List<MessageKey> deleteStored = new ArrayList<>();
        List<MessageKey> deleteUnstored = new ArrayList<>();
        List<MessageKey> kept = new ArrayList<>();
        List<DownloadWarning> warnings = new ArrayList<>();
        for (MessageSummary m : listing) {
            String uidl = m.key().id();
            LedgerState.DownloadRecord r = state.downloads().get(uidl);
            Optional<Mark> mark = state.mark(uidl);
            if (r != null) {
                if (r.onServer() && r.size() == m.size()) {
                    boolean due = mark.equals(Optional.of(Mark.DELETE_ON_SERVER)) || r.deletePending()
                            || leave.deleteDue(r.downloadedAt(), r.removedFromTrashAt().isPresent(), now);
                    (due ? deleteStored : kept).add(m.key());
                    continue;
                }
                // RFC 1939 forbids reusing a UIDL, some servers do it (cyrusimap/cyrus-imapd#374). Treating it as
                // the old message could delete a new one unread; treating it as new costs at worst a second copy
                // of identical bytes, which the store refuses anyway. The old record goes, and with it any mark
                // (possibly meant for the old message, such as DELETE_ON_SERVER): from now on the UIDL is new.
                reconcile.add(new LedgerChange.Forgotten(uidl));
                warnings.add(new DownloadWarning(DownloadWarning.Kind.UIDL_REUSED, Optional.of(m.key()),
                        r.onServer()
                                ? "UIDL " + uidl + " now lists " + m.size() + " octets, was " + r.size()
                                        + " when downloaded; treated as a new message"
                                : "UIDL " + uidl + " is back after it was gone from the server; treated as a new"
                                        + " message"));
                mark = Optional.empty();
            }
            fresh.add(new Fresh(m, mark));
            if (mark.isPresent()) {
                switch (mark.get()) {
                    case IGNORE:
                        skipped.add(new SkippedMessage(m.key(), m.size(), SkippedMessage.Reason.IGNORED));
                        break;
                    case DELETE_ON_SERVER:
                        deleteUnstored.add(m.key());
                        break;
                    default:
                        download.add(m);
                }
                continue;
            }
            switch (size.actionFor(m.size())) {
                case PREVIEW:
                    preview.add(m);
                    break;
                case SKIP:
                    skipped.add(new SkippedMessage(m.key(), m.size(), SkippedMessage.Reason.TOO_LARGE));
                    break;
                default:
                    download.add(m);
            }
        }
        return new RunPlan(List.copyOf(reconcile), List.copyOf(fresh), List.copyOf(download), List.copyOf(preview),
                List.copyOf(skipped), List.copyOf(deleteStored), List.copyOf(deleteUnstored), List.copyOf(kept),
                List.copyOf(warnings));
    }
}
