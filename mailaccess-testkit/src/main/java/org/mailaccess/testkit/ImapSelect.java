package org.mailaccess.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.mailaccess.testkit.ImapSession.Result;
import org.mailaccess.testkit.internal.ImapSyntaxException;
import org.mailaccess.testkit.internal.ImapWriter;
import org.mailaccess.testkit.internal.ModifiedUtf7;
import org.mailaccess.testkit.internal.SequenceSet;

/**
 * SELECT and EXAMINE (RFC 3501 sections 6.3.1-2) with the CONDSTORE and QRESYNC parameters (RFC 7162 sections 3.1.8
 * and 3.2.5), CLOSE, UNSELECT (RFC 3691) and ENABLE (RFC 5161).
 */
final class ImapSelect {

    private final ImapSession session;

    ImapSelect(ImapSession session) {
        this.session = session;
    }

    Result select(ImapCommand c, ImapWriter out) {
        c.args.sp();
        String name = ModifiedUtf7.decode(c.args.astring());
        boolean condstore = false;
        long[] qresync = null;
        String knownUids = null;
        if (c.args.tryConsume(' ')) {
            c.args.expect('(');
            while (!c.args.tryConsume(')')) {
                c.args.tryConsume(' ');
                String param = c.args.atom().toUpperCase(Locale.ROOT);
                if (param.equals("CONDSTORE") && session.condstoreOffered()) {
                    condstore = true;
                } else if (param.equals("QRESYNC") && session.qresyncEnabled) {
                    c.args.sp();
                    c.args.expect('(');
                    qresync = new long[] {c.args.number(), 0};
                    c.args.sp();
                    qresync[1] = c.args.number();
                    while (c.args.tryConsume(' ')) {
                        if (c.args.peek() == '(') {
                            skipParenthesized(c);
                        } else {
                            knownUids = c.args.token("");
                        }
                    }
                    c.args.expect(')');
                } else {
                    throw new ImapSyntaxException("unknown or disabled SELECT parameter");
                }
            }
        }
        c.args.end();
        boolean hadView = session.view != null;
        session.view = null;
        if (hadView && session.qresyncEnabled) {
            // RFC 7162 section 3.2.11: tells the client where the old mailbox's responses end.
            out.untagged("OK [CLOSED] previous mailbox closed");
        }
        ImapFolder folder = session.account.lookup(name);
        if (folder == null) {
            return Result.no("NONEXISTENT", "no such mailbox");
        }
        if (condstore) {
            session.enableCondstore();
        }
        boolean readOnly = c.verb.equals("EXAMINE");
        ImapView view = new ImapView(session, folder, readOnly);
        session.view = view;
        Set<String> keywords = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        folder.live().forEach(m -> m.flags.stream().filter(f -> !f.startsWith("\\")).forEach(keywords::add));
        String flags = "\\Answered \\Flagged \\Deleted \\Seen \\Draft" + (keywords.isEmpty() ? ""
                : " " + String.join(" ", keywords));
        out.untagged("FLAGS (" + flags + ")");
        out.untagged("OK [PERMANENTFLAGS (" + (readOnly ? "" : flags + " \\*") + ")] flags permitted");
        out.untagged(view.entries.size() + " EXISTS");
        out.untagged(view.recentCount() + " RECENT");
        for (int i = 0; i < view.entries.size(); i++) {
            if (!view.entries.get(i).message.hasFlag("\\Seen")) {
                out.untagged("OK [UNSEEN " + (i + 1) + "] first unseen");
                break;
            }
        }
        out.untagged("OK [UIDVALIDITY " + folder.uidValidity() + "] UIDs valid");
        out.untagged("OK [UIDNEXT " + folder.uidNext() + "] predicted next UID");
        if (session.condstoreOffered()) {
            out.untagged("OK [HIGHESTMODSEQ " + folder.highestModseq() + "] highest");
        }
        if (qresync != null && qresync[0] == folder.uidValidity()) {
            resync(view, qresync[1], knownUids == null ? null : SequenceSet.parse(knownUids), out);
        }
        return Result.ok(readOnly ? "READ-ONLY" : "READ-WRITE", c.verb + " completed");
    }

    /** RFC 7162 section 3.2.5.1: what vanished and what changed since the client's last known mod-sequence. */
    private void resync(ImapView view, long modseq, SequenceSet known, ImapWriter out) {
        long largest = view.folder.uidNext() - 1;
        List<Long> vanished = new ArrayList<>();
        for (long uid : view.folder.vanishedSince(modseq)) {
            if (known == null || known.contains(uid, largest)) {
                vanished.add(uid);
            }
        }
        if (!vanished.isEmpty()) {
            out.untagged("VANISHED (EARLIER) " + SequenceSet.format(vanished));
        }
        for (int i = 0; i < view.entries.size(); i++) {
            ImapView.Entry entry = view.entries.get(i);
            if (entry.message.modseq > modseq && (known == null || known.contains(entry.uid(), largest))) {
                out.untagged((i + 1) + " FETCH (" + view.flagItems(entry, true) + ")");
            }
        }
    }

    private static void skipParenthesized(ImapCommand c) {
        c.args.expect('(');
        int depth = 1;
        while (depth > 0) {
            char ch = c.args.peek();
            if (ch == 0) {
                throw new ImapSyntaxException("unbalanced parentheses");
            }
            c.args.expect(ch);
            depth += ch == '(' ? 1 : ch == ')' ? -1 : 0;
        }
    }

    /** CLOSE expunges \Deleted messages silently unless read-only (RFC 3501 section 6.4.2); UNSELECT never does. */
    Result close(ImapCommand c) {
        c.args.end();
        ImapView view = session.view;
        session.view = null;
        if (c.verb.equals("CLOSE") && !view.readOnly) {
            view.folder.expunge(view.folder.live().stream().filter(m -> m.hasFlag("\\Deleted")).toList());
        }
        return Result.ok(c.verb + " completed");
    }

    /** RFC 5161; QRESYNC implies CONDSTORE (RFC 7162 section 3.2.3). */
    Result enable(ImapCommand c, ImapWriter out) {
        List<String> enabled = new ArrayList<>();
        do {
            c.args.sp();
            String extension = c.args.atom().toUpperCase(Locale.ROOT);
            if (extension.equals("CONDSTORE") && session.condstoreOffered()) {
                session.enableCondstore();
                enabled.add(extension);
            } else if (extension.equals("QRESYNC") && session.profile.has(ImapProfile.Feature.QRESYNC)) {
                session.enableCondstore();
                session.qresyncEnabled = true;
                enabled.add(extension);
            }
        } while (!c.args.atEnd());
        out.untagged("ENABLED" + (enabled.isEmpty() ? "" : " " + String.join(" ", enabled)));
        return Result.ok("ENABLE completed");
    }
}
