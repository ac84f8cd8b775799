package org.mailaccess.testkit;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mailaccess.testkit.ImapSession.Result;
import org.mailaccess.testkit.internal.ImapParser;
import org.mailaccess.testkit.internal.ImapSyntaxException;
import org.mailaccess.testkit.internal.ImapWriter;
import org.mailaccess.testkit.internal.SequenceSet;

/**
 * FETCH and UID FETCH (RFC 3501 sections 6.4.5 and 6.4.8): FLAGS, UID, RFC822.SIZE, INTERNALDATE, ENVELOPE, BODY,
 * BODYSTRUCTURE, RFC822, RFC822.HEADER, RFC822.TEXT, BODY[section]&lt;partial&gt; and BODY.PEEK, the ALL/FAST/FULL
 * macros, MODSEQ and the CHANGEDSINCE and VANISHED modifiers (RFC 7162 sections 3.1.4 and 3.2.6). Non-peek body
 * fetches set {@code \Seen} in read-write mode and report the new FLAGS.
 */
final class ImapFetch {

    static final DateTimeFormatter INTERNALDATE =
            DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

    /** One requested data item. */
    private record Item(String name, ImapSection section, long origin, long count, boolean peek) {
        boolean body() {
            return section != null;
        }

        /** Whether fetching it marks the message read (RFC 3501 section 6.4.5). */
        boolean setsSeen() {
            return body() && !peek || name.equals("RFC822") || name.equals("RFC822.TEXT");
        }
    }

    private final ImapSession session;
    private final ImapView view;

    ImapFetch(ImapSession session) {
        this.session = session;
        this.view = session.view;
    }

    Result fetch(ImapCommand c, ImapWriter out) {
        c.args.sp();
        String set = c.args.token("");
        c.args.sp();
        List<Item> items = items(c.args);
        long changedSince = -1;
        boolean vanished = false;
        if (c.args.tryConsume(' ')) {
            c.args.expect('(');
            do {
                c.args.tryConsume(' ');
                String modifier = c.args.atom().toUpperCase(Locale.ROOT);
                if (modifier.equals("CHANGEDSINCE") && session.condstoreOffered()) {
                    c.args.sp();
                    changedSince = c.args.number();
                } else if (modifier.equals("VANISHED") && session.qresyncEnabled && c.uid) {
                    vanished = true;
                } else {
                    throw new ImapSyntaxException("unknown or disabled FETCH modifier");
                }
            } while (!c.args.tryConsume(')'));
        }
        c.args.end();
        if (vanished && changedSince < 0) {
            throw new ImapSyntaxException("VANISHED needs CHANGEDSINCE");
        }
        boolean modseq = changedSince >= 0 || items.stream().anyMatch(i -> i.name.equals("MODSEQ"));
        if (modseq) {
            if (!session.condstoreOffered()) {
                throw new ImapSyntaxException("unknown FETCH item");
            }
            session.enableCondstore();
        }
        List<Integer> selected = view.resolve(set, c.uid);
        if (vanished) {
            SequenceSet uids = SequenceSet.parse(set);
            List<Long> gone = view.folder.vanishedSince(changedSince).stream()
                    .filter(uid -> uids.contains(uid, view.folder.uidNext() - 1)).toList();
            if (!gone.isEmpty()) {
                out.untagged("VANISHED (EARLIER) " + SequenceSet.format(gone));
            }
        }
        for (int index : selected) {
            ImapView.Entry entry = view.entries.get(index);
            if (changedSince >= 0 && entry.message.modseq <= changedSince) {
                continue;
            }
            respond(index, entry, items, c.uid, modseq, out);
        }
        return Result.ok(c.verb + " completed");
    }

    private void respond(int index, ImapView.Entry entry, List<Item> items, boolean uid, boolean modseq,
                         ImapWriter out) {
        MessageState message = entry.message;
        boolean flagsChanged = false;
        if (!view.readOnly && !message.expunged && !message.hasFlag("\\Seen")
                && items.stream().anyMatch(Item::setsSeen)) {
            message.flags.add("\\Seen");
            view.folder.touch(message);
            flagsChanged = true;
        }
        List<String> done = new ArrayList<>();
        out.raw("* " + (index + 1) + " FETCH (");
        if (uid) {
            out.raw("UID " + message.uid);
            done.add("UID");
        }
        for (Item item : items) {
            if (done.contains(item.name) && !item.body()) {
                continue;
            }
            out.raw(done.isEmpty() ? "" : " ");
            done.add(item.name);
            write(item, entry, out);
        }
        boolean flagsSent = done.contains("FLAGS");
        if (flagsChanged && !flagsSent) {
            out.raw(" FLAGS " + ImapView.flagList(entry));
            flagsSent = true;
        }
        if (!done.contains("MODSEQ") && (modseq || session.condstoreEnabled && flagsSent)) {
            out.raw(" MODSEQ (" + message.modseq + ")");
        }
        out.raw(")").crlf();
        if (flagsSent) {
            entry.reportedModseq = message.modseq;
        }
    }

    private void write(Item item, ImapView.Entry entry, ImapWriter out) {
        MessageState message = entry.message;
        switch (item.name) {
            case "UID": out.raw("UID " + message.uid); return;
            case "FLAGS": out.raw("FLAGS " + ImapView.flagList(entry)); return;
            case "MODSEQ": out.raw("MODSEQ (" + message.modseq + ")"); return;
            case "RFC822.SIZE": out.raw("RFC822.SIZE " + message.bytes.length); return;
            case "INTERNALDATE": out.raw("INTERNALDATE \"" + INTERNALDATE.format(message.internalDate) + "\""); return;
            case "ENVELOPE":
                out.raw("ENVELOPE ");
                ImapBodyStructure.envelope(message.mime(), out);
                return;
            case "BODYSTRUCTURE": case "BODY":
                if (!item.body()) {
                    out.raw(item.name + " ");
                    ImapBodyStructure.write(message.mime(), item.name.equals("BODYSTRUCTURE"), out);
                    return;
                }
                break;
            default:
                break;
        }
        ImapSection.Slice slice = item.section.resolve(message.mime());
        int from = slice.from();
        int to = slice.to();
        String label = item.name.startsWith("RFC822") ? item.name : "BODY[" + item.section.spec() + "]";
        if (item.origin >= 0) {
            from = (int) Math.min(to, from + item.origin);
            to = (int) Math.min(to, from + item.count);
            label += "<" + item.origin + ">";
        }
        out.raw(label + " ").literal(slice.bytes(), from, to - from);
    }

    /** fetch-att list or macro (RFC 3501 section 6.4.5). */
    private static List<Item> items(ImapParser p) {
        List<Item> items = new ArrayList<>();
        if (!p.tryConsume('(')) {
            String first = p.peekIgnoreCase("ALL") || p.peekIgnoreCase("FAST") || p.peekIgnoreCase("FULL")
                    ? macro(p) : null;
            if (first != null) {
                for (String name : first.split(" ")) {
                    items.add(new Item(name, null, -1, 0, false));
                }
            } else {
                items.add(item(p));
            }
            return items;
        }
        do {
            p.tryConsume(' ');
            items.add(item(p));
        } while (!p.tryConsume(')'));
        return items;
    }

    private static String macro(ImapParser p) {
        String name = p.token("[").toUpperCase(Locale.ROOT);
        switch (name) {
            case "ALL": return "FLAGS INTERNALDATE RFC822.SIZE ENVELOPE";
            case "FAST": return "FLAGS INTERNALDATE RFC822.SIZE";
            case "FULL": return "FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODY";
            default: throw new ImapSyntaxException("unknown FETCH item");
        }
    }

    private static Item item(ImapParser p) {
        String name = p.token("[<").toUpperCase(Locale.ROOT);
        switch (name) {
            case "UID": case "FLAGS": case "MODSEQ": case "RFC822.SIZE": case "INTERNALDATE": case "ENVELOPE":
            case "BODYSTRUCTURE":
                return new Item(name, null, -1, 0, false);
            case "RFC822":
                return new Item(name, new ImapSection(List.of(), "", List.of()), -1, 0, false);
            case "RFC822.HEADER":
                return new Item(name, new ImapSection(List.of(), "HEADER", List.of()), -1, 0, true);
            case "RFC822.TEXT":
                return new Item(name, new ImapSection(List.of(), "TEXT", List.of()), -1, 0, false);
            case "BODY": case "BODY.PEEK":
                if (!p.tryConsume('[')) {
                    if (name.equals("BODY.PEEK")) {
                        throw new ImapSyntaxException("BODY.PEEK needs a section");
                    }
                    return new Item(name, null, -1, 0, false);
                }
                ImapSection section = ImapSection.parse(p);
                long origin = -1;
                long count = 0;
                if (p.tryConsume('<')) {
                    origin = p.number();
                    p.expect('.');
                    count = p.number();
                    p.expect('>');
                    if (count == 0 || origin > Integer.MAX_VALUE) {
                        throw new ImapSyntaxException("invalid partial range");
                    }
                }
                return new Item("BODY", section, origin, count, name.equals("BODY.PEEK"));
            default:
                throw new ImapSyntaxException("unknown FETCH item");
        }
    }
}
