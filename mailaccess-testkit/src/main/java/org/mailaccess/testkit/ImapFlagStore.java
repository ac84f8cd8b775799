package org.mailaccess.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.mailaccess.testkit.ImapSession.Result;
import org.mailaccess.testkit.internal.ImapSyntaxException;
import org.mailaccess.testkit.internal.ImapWriter;
import org.mailaccess.testkit.internal.SequenceSet;

/**
 * STORE and UID STORE (RFC 3501 section 6.4.6): FLAGS, +FLAGS and -FLAGS, each with .SILENT, plus the UNCHANGEDSINCE
 * modifier (RFC 7162 section 3.1.3), whose failures are listed in {@code OK [MODIFIED set]}.
 */
final class ImapFlagStore {

    private final ImapSession session;
    private final ImapView view;

    ImapFlagStore(ImapSession session) {
        this.session = session;
        this.view = session.view;
    }

    Result store(ImapCommand c, ImapWriter out) {
        c.args.sp();
        String set = c.args.token("");
        c.args.sp();
        long unchangedSince = -1;
        if (c.args.tryConsume('(')) {
            if (!session.condstoreOffered() || !c.args.atom().equalsIgnoreCase("UNCHANGEDSINCE")) {
                throw new ImapSyntaxException("unknown STORE modifier");
            }
            c.args.sp();
            unchangedSince = c.args.number();
            c.args.expect(')');
            c.args.sp();
            session.enableCondstore();
        }
        String operation = c.args.token("").toUpperCase(Locale.ROOT);
        boolean silent = operation.endsWith(".SILENT");
        String mode = silent ? operation.substring(0, operation.length() - ".SILENT".length()) : operation;
        if (!mode.equals("FLAGS") && !mode.equals("+FLAGS") && !mode.equals("-FLAGS")) {
            throw new ImapSyntaxException("invalid STORE operation");
        }
        c.args.sp();
        List<String> flags = new ArrayList<>();
        if (c.args.peek() == '(') {
            flags.addAll(c.args.atomList());
        } else {
            do {
                c.args.tryConsume(' ');
                flags.add(c.args.token(""));
            } while (!c.args.atEnd());
        }
        c.args.end();
        Set<String> requested = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String flag : flags) {
            try {
                requested.add(MessageState.canonical(flag));
            } catch (IllegalArgumentException e) {
                throw new ImapSyntaxException("invalid flag");
            }
        }
        if (view.readOnly) {
            return Result.no("READ-ONLY", "mailbox is read-only");
        }
        List<Long> modified = new ArrayList<>();
        for (int index : view.resolve(set, c.uid)) {
            ImapView.Entry entry = view.entries.get(index);
            MessageState message = entry.message;
            if (message.expunged) {
                continue;
            }
            if (unchangedSince >= 0 && message.modseq > unchangedSince) {
                modified.add(c.uid ? message.uid : index + 1L);
                continue;
            }
            Set<String> before = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            before.addAll(message.flags);
            switch (mode) {
                case "FLAGS": message.flags.clear(); message.flags.addAll(requested); break;
                case "+FLAGS": message.flags.addAll(requested); break;
                default: message.flags.removeAll(requested); break;
            }
            boolean changed = !before.equals(message.flags);
            if (changed) {
                view.folder.touch(message);
            }
            if (!silent) {
                out.untagged((index + 1) + " FETCH (" + view.flagItems(entry, c.uid || session.qresyncEnabled)
                        + ")");
            } else if (changed && unchangedSince >= 0) {
                // RFC 7162 section 3.1.3: even a silent conditional STORE reports the new mod-sequence.
                out.untagged((index + 1) + " FETCH (" + (c.uid ? "UID " + message.uid + " " : "")
                        + "MODSEQ (" + message.modseq + "))");
            }
            entry.reportedModseq = message.modseq;
        }
        if (!modified.isEmpty()) {
            return Result.ok("MODIFIED " + SequenceSet.format(modified), "conditional STORE failed for some");
        }
        return Result.ok(c.verb + " completed");
    }
}
