package org.mailaccess.imap.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FLAGS;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.INTERNALDATE;
import org.eclipse.angus.mail.imap.protocol.MODSEQ;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.mailaccess.FetchSpec;
import org.mailaccess.Flags;
import org.mailaccess.MessageHeaders;
import org.mailaccess.MessageKey;
import org.mailaccess.MessageRange;
import org.mailaccess.MessageSummary;

/**
 * Message listings: one {@code FETCH} per batch with exactly the items asked for (RFC 3501 section 6.4.5; PITFALLS
 * P4), never one command per message, and never Angus's lazily-loaded {@code IMAPMessage}s.
 *
 * <p>Ranges known by UID ({@link MessageRange.Keys}, {@link MessageRange.UidRange}) are fetched with
 * {@code UID FETCH}. "All" and "newest n" are known only by position, so they are fetched by sequence range with the
 * UID item included: a server may not send EXPUNGE during a non-UID FETCH (RFC 3501 section 7.4.1), so positions
 * cannot shift while the answer is read, and every summary still carries its UID.
 */
final class ImapFetch {

    /** One parsed FETCH response. */
    record Fetched(long uid, long size, Flags flags, Optional<java.time.Instant> internalDate,
            Optional<MessageHeaders> headers, long modSeq) {
    }

    private ImapFetch() {
    }

    static List<MessageSummary> summaries(ImapConnection c, String folder, MessageRange range, FetchSpec spec) {
        SelectedFolder sel = c.select(folder);
        String items = items(spec);
        int batch = c.options().fetchBatchSize();
        List<Fetched> out = new ArrayList<>();
        if (range instanceof MessageRange.All) {
            if (sel.exists() <= batch) {
                out.addAll(fetch(c, "UID FETCH", "UID FETCH 1:* " + items));
            } else {
                out.addAll(bySequence(c, 1, sel.exists(), batch, items));
            }
        } else if (range instanceof MessageRange.Newest newest) {
            int n = newest.count();
            if (sel.exists() <= n) {
                out.addAll(fetch(c, "UID FETCH", "UID FETCH 1:* " + items));
            } else {
                out.addAll(bySequence(c, sel.exists() - n + 1, sel.exists(), batch, items));
            }
            out = newestOf(out, n);
        } else if (range instanceof MessageRange.UidRange r) {
            String last = r.last() == Long.MAX_VALUE ? "*" : Long.toString(r.last());
            // "n:*" also matches the highest UID when it is below n (RFC 3501 section 6.4.8), so filter.
            out.addAll(fetch(c, "UID FETCH", "UID FETCH " + r.first() + ":" + last + " " + items).stream()
                    .filter(f -> f.uid() >= r.first() && f.uid() <= r.last()).toList());
        } else if (range instanceof MessageRange.Keys keys) {
            long[] uids = Keys.uids("UID FETCH", sel, keys.keys());
            for (int i = 0; i < uids.length; i += batch) {
                long[] part = java.util.Arrays.copyOfRange(uids, i, Math.min(uids.length, i + batch));
                out.addAll(fetch(c, "UID FETCH", "UID FETCH " + UidSets.of(part) + " " + items));
            }
        }
        SelectedFolder now = c.selected() == null ? sel : c.selected();
        Map<Long, MessageSummary> byUid = new LinkedHashMap<>();
        out.stream().sorted(Comparator.comparingLong(Fetched::uid)).forEach(f -> byUid.put(f.uid(),
                new MessageSummary(MessageKey.imap(folder, now.uidValidity(), f.uid()), f.size(),
                        f.flags(), f.internalDate(), f.headers())));
        return List.copyOf(byUid.values());
    }

    /**
     * The FETCH items for a spec: UID and size always, the rest on request; {@code BODY.PEEK} so that listing never
     * sets {@code \Seen}.
     */
    static String items(FetchSpec spec) {
        StringBuilder b = new StringBuilder("(UID RFC822.SIZE");
        if (spec.has(FetchSpec.Item.FLAGS)) {
            b.append(" FLAGS");
        }
        if (spec.has(FetchSpec.Item.INTERNAL_DATE)) {
            b.append(" INTERNALDATE");
        }
        if (spec.has(FetchSpec.Item.HEADERS)) {
            b.append(" BODY.PEEK[HEADER]");
        }
        return b.append(')').toString();
    }

    /**
     * Sends one FETCH and parses every untagged FETCH response that carries a UID; others (unsolicited flag updates
     * of other messages) are skipped. An EXPUNGE or VANISHED in the same answer (allowed during UID FETCH, RFC 3501
     * section 7.4.1; RFC 7162 section 3.2.10) removes the message it names from the result, taking the renumbering
     * of the messages after it into account, so that a listing never returns a message the server has just said is
     * gone.
     */
    static List<Fetched> fetch(ImapConnection c, String verb, String command) {
        Response[] responses = c.command(verb, command, null);
        List<Fetched> out = new ArrayList<>();
        List<Integer> seqs = new ArrayList<>();
        for (Response r : responses) {
            if (r instanceof FetchResponse f) {
                Fetched parsed = parse(f);
                if (parsed != null) {
                    out.add(parsed);
                    seqs.add(f.getNumber());
                }
            } else if (r instanceof IMAPResponse ir && r.isUnTagged() && ir.keyEquals("EXPUNGE")) {
                int n = ir.getNumber();
                for (int i = out.size() - 1; i >= 0; i--) {
                    if (seqs.get(i) == n) {
                        out.remove(i);
                        seqs.remove(i);
                    } else if (seqs.get(i) > n) {
                        seqs.set(i, seqs.get(i) - 1);
                    }
                }
            } else if (r instanceof IMAPResponse ir && r.isUnTagged() && ir.keyEquals("VANISHED")) {
                String set = ImapConnection.vanishedSet(ir);
                if (set != null) {
                    java.util.Set<Long> gone = new java.util.HashSet<>();
                    for (long uid : UidSets.expand(set, 10_000_000)) {
                        gone.add(uid);
                    }
                    for (int i = out.size() - 1; i >= 0; i--) {
                        if (gone.contains(out.get(i).uid())) {
                            out.remove(i);
                            seqs.remove(i);
                        }
                    }
                }
            }
        }
        return out;
    }

    static Fetched parse(FetchResponse f) {
        UID uid = f.getItem(UID.class);
        if (uid == null) {
            return null;
        }
        RFC822SIZE size = f.getItem(RFC822SIZE.class);
        FLAGS flags = f.getItem(FLAGS.class);
        INTERNALDATE date = f.getItem(INTERNALDATE.class);
        MODSEQ modseq = f.getItem(MODSEQ.class);
        Optional<MessageHeaders> headers = Optional.empty();
        for (int i = 0; i < f.getItemCount(); i++) {
            if (f.getItem(i) instanceof BODY body && body.isHeader() && body.getByteArray() != null) {
                headers = Optional.of(MessageHeaders.parse(body.getByteArray().getNewBytes()));
            }
        }
        return new Fetched(uid.uid, size == null ? 0 : Math.max(0, size.size), FlagCodec.fromJakarta(flags),
                Optional.ofNullable(date).map(d -> d.getDate()).map(java.util.Date::toInstant), headers,
                modseq == null ? -1 : modseq.modseq);
    }

    /** Sequence batches; the last one ends at "*" so that messages arriving meanwhile are included. */
    private static List<Fetched> bySequence(ImapConnection c, int first, int exists, int batch, String items) {
        List<Fetched> out = new ArrayList<>();
        for (int start = first; ; start += batch) {
            boolean last = start + batch > exists;
            String set = last ? start + ":*" : start + ":" + (start + batch - 1);
            out.addAll(fetch(c, "FETCH", "FETCH " + set + " " + items));
            if (last) {
                return out;
            }
        }
    }

    private static List<Fetched> newestOf(List<Fetched> all, int n) {
        List<Fetched> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingLong(Fetched::uid));
        return sorted.size() <= n ? sorted : sorted.subList(sorted.size() - n, sorted.size());
    }
}
