package org.mailaccess.testkit;

import java.util.ArrayList;
import java.util.List;
import org.mailaccess.testkit.ImapSession.Result;
import org.mailaccess.testkit.internal.ImapWriter;
import org.mailaccess.testkit.internal.SequenceSet;

/**
 * COPY and UID COPY (RFC 3501 section 6.4.7) with COPYUID (RFC 4315), MOVE and UID MOVE (RFC 6851: COPYUID in an
 * untagged OK, then EXPUNGE or VANISHED), EXPUNGE (RFC 3501 section 6.4.3) and UID EXPUNGE (RFC 4315 section 2.1),
 * which leaves \Deleted messages outside its UID set alone (PITFALLS P8). A missing target answers
 * {@code NO [TRYCREATE]}, a full quota {@code NO [OVERQUOTA]}, and the source is then untouched.
 */
final class ImapCopyMove {

    private final ImapSession session;
    private final ImapView view;

    ImapCopyMove(ImapSession session) {
        this.session = session;
        this.view = session.view;
    }

    Result copy(ImapCommand c, ImapWriter out, boolean move) {
        c.args.sp();
        String set = c.args.token("");
        c.args.sp();
        String name = ImapMailboxes.mailbox(c);
        c.args.end();
        if (move && view.readOnly) {
            return Result.no("READ-ONLY", "mailbox is read-only");
        }
        ImapFolder target = session.account.lookup(name);
        if (target == null) {
            return Result.no("TRYCREATE", "no such mailbox");
        }
        List<MessageState> sources = new ArrayList<>();
        long bytes = 0;
        for (int index : view.resolve(set, c.uid)) {
            MessageState message = view.entries.get(index).message;
            if (message.expunged) {
                return Result.no("EXPUNGEISSUED", "some of the messages no longer exist");
            }
            sources.add(message);
            bytes += message.bytes.length;
        }
        boolean sameFolder = target == view.folder;
        if (!(move && sameFolder) && session.account.exceedsQuota(bytes, sources.size())) {
            return Result.no("OVERQUOTA", "quota exceeded");
        }
        if (sources.isEmpty()) {
            return Result.ok(c.verb + " completed, nothing to do");
        }
        List<Long> sourceUids = new ArrayList<>();
        List<Long> targetUids = new ArrayList<>();
        for (MessageState message : sources) {
            sourceUids.add(message.uid);
            targetUids.add(target.append(message.bytes, message.flags, message.internalDate).uid);
        }
        String code = session.profile.has(ImapProfile.Feature.UIDPLUS) ? "COPYUID " + target.uidValidity() + " "
                + SequenceSet.format(sourceUids) + " " + SequenceSet.format(targetUids) : null;
        if (!move) {
            return Result.ok(code, c.verb + " completed");
        }
        if (code != null) {
            out.untagged("OK [" + code + "] moved");
        }
        // The session's update after this command reports the EXPUNGEs (or VANISHED) for the moved messages.
        view.folder.expunge(sources);
        return Result.ok(c.verb + " completed");
    }

    Result expunge(ImapCommand c) {
        SequenceSet uids = null;
        if (c.uid) {
            c.args.sp();
            uids = SequenceSet.parse(c.args.token(""));
        }
        c.args.end();
        if (view.readOnly) {
            return Result.no("READ-ONLY", "mailbox is read-only");
        }
        long largest = view.folder.uidNext() - 1;
        List<MessageState> doomed = new ArrayList<>();
        for (MessageState message : view.folder.live()) {
            if (message.hasFlag("\\Deleted") && (uids == null || uids.contains(message.uid, largest))) {
                doomed.add(message);
            }
        }
        view.folder.expunge(doomed);
        return Result.ok(c.verb + " completed");
    }
}
