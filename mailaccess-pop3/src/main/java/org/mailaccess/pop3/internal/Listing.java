package org.mailaccess.pop3.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mailaccess.Capability;
import org.mailaccess.FetchSpec;
import org.mailaccess.Flags;
import org.mailaccess.MessageHeaders;
import org.mailaccess.MessageKey;
import org.mailaccess.MessageRange;
import org.mailaccess.MessageSummary;
import org.mailaccess.ProtocolViolationException;
import org.mailaccess.UnsupportedCapabilityException;
import org.mailaccess.pop3.Pop3Options;

/**
 * Message listings: the session's key index (UIDL and LIST, fetched together once per session) and summaries with
 * headers from {@code TOP n 0} (RFC 1939 section 7), pipelined in batches when the server allows it (RFC 2449
 * section 6.6) so a listing costs one round trip per batch rather than one per message (PITFALLS P4).
 */
final class Listing {

    private final Pop3Wire wire;
    private final Features features;
    private final Pop3Options options;
    private List<String> probedUidl;
    private MessageIndex index;

    Listing(Pop3Wire wire, Features features, Pop3Options options, List<String> probedUidl) {
        this.wire = wire;
        this.features = features;
        this.options = options;
        this.probedUidl = probedUidl;
    }

    /** The index if it has been built; deletion marks live there. */
    MessageIndex indexIfLoaded() {
        return index;
    }

    /**
     * Fails, before anything is sent, when messages cannot be given keys: no UIDL, and the degraded digest mode is
     * either not allowed or impossible for lack of TOP.
     */
    void requireKeys() {
        if (!features.uidl() && !(options.allowHeaderDigestIds() && features.top())) {
            throw new UnsupportedCapabilityException(Capability.PERSISTENT_IDS);
        }
    }

    MessageIndex index() throws IOException {
        if (index == null) {
            requireKeys();
            index = features.uidl() ? uidlIndex() : digestIndex();
            probedUidl = null;
        }
        return index;
    }

    List<MessageSummary> summaries(MessageRange range, FetchSpec spec) throws IOException {
        List<MessageKey> wanted = range instanceof MessageRange.Keys keys ? Keys.requirePop3(keys.keys()) : null;
        if (range instanceof MessageRange.UidRange) {
            throw new IllegalArgumentException("UID ranges are IMAP only; POP3 takes all(), newest(n) or of(keys)");
        }
        boolean headers = spec.has(FetchSpec.Item.HEADERS);
        if (headers && !features.top()) {
            throw new UnsupportedCapabilityException(Capability.HEADERS_PREVIEW);
        }
        requireKeys();
        List<MessageIndex.Entry> selected = select(index(), range, wanted);
        List<Optional<MessageHeaders>> parsed = headers ? headers(selected) : null;
        List<MessageSummary> out = new ArrayList<>(selected.size());
        for (int i = 0; i < selected.size(); i++) {
            MessageIndex.Entry e = selected.get(i);
            out.add(new MessageSummary(e.key, Math.max(0, e.size), Flags.NONE, Optional.empty(),
                    parsed == null ? Optional.empty() : parsed.get(i)));
        }
        return out;
    }

    private static List<MessageIndex.Entry> select(MessageIndex index, MessageRange range, List<MessageKey> wanted) {
        List<MessageIndex.Entry> live = index.live();
        if (range instanceof MessageRange.Newest newest) {
            return live.subList(Math.max(0, live.size() - newest.count()), live.size());
        }
        if (wanted == null) {
            return live;
        }
        // Server order, as for every listing; keys the maildrop does not hold are left out.
        Set<MessageKey> asked = new LinkedHashSet<>(wanted);
        List<MessageIndex.Entry> out = new ArrayList<>();
        for (MessageIndex.Entry e : live) {
            if (asked.contains(e.key)) {
                out.add(e);
            }
        }
        return out;
    }

    private List<Optional<MessageHeaders>> headers(List<MessageIndex.Entry> entries) throws IOException {
        List<Optional<MessageHeaders>> out = new ArrayList<>(java.util.Collections.nCopies(entries.size(),
                Optional.empty()));
        wire.pipeline(topCommands(entries), features.batchSize(), (i, reply) -> {
            reply.expectOk("TOP");
            out.set(i, Optional.of(MessageHeaders.parse(readCapped(null))));
        });
        return out;
    }

    /** A listing may hold this many lines more than STAT counted, for servers that show mail arriving meanwhile. */
    static final int LISTING_SLACK = 1000;

    private MessageIndex uidlIndex() throws IOException {
        List<String> uidl = probedUidl;
        List<String> list;
        // STAT first, in the same batch: its count bounds how many listing lines are worth keeping.
        long[] stat = new long[1];
        if (uidl == null) {
            List<List<String>> listings = listings(List.of("STAT", "UIDL", "LIST"), stat);
            uidl = listings.get(0);
            list = listings.get(1);
        } else {
            list = listings(List.of("STAT", "LIST"), stat).get(0);
        }
        MessageIndex built = MessageIndex.fromUidl(uidl);
        built.applySizes(list);
        return built;
    }

    /**
     * The degraded mode for servers without UIDL: keys from a SHA-256 of each message's {@code TOP n 0} bytes, made
     * unique by a {@code ":2"}, {@code ":3"}... suffix in server order when headers are identical.
     */
    private MessageIndex digestIndex() throws IOException {
        int count = (int) Pop3Session.parseStat(wire.command("STAT").expectOk("STAT"))[0];
        List<MessageIndex.Entry> numbers = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            numbers.add(new MessageIndex.Entry(n, null));
        }
        List<String> ids = new ArrayList<>(count);
        Map<String, Integer> seen = new HashMap<>();
        wire.pipeline(topCommands(numbers), features.batchSize(), (i, reply) -> {
            reply.expectOk("TOP");
            MessageDigest sha = sha256();
            readCapped(sha);
            String id = "sha256:" + HexFormat.of().formatHex(sha.digest());
            int occurrence = seen.merge(id, 1, Integer::sum);
            ids.add(occurrence == 1 ? id : id + ":" + occurrence);
        });
        MessageIndex built = MessageIndex.fromIds(ids);
        built.applySizes(listings(List.of("STAT", "LIST"), new long[1]).get(0));
        return built;
    }

    /**
     * Sends STAT and listing commands in one batch; {@code commands.get(0)} must be STAT, whose count (stored in
     * {@code stat[0]}) caps every listing that follows at that many lines plus {@link #LISTING_SLACK}.
     */
    private List<List<String>> listings(List<String> commands, long[] stat) throws IOException {
        List<List<String>> out = new ArrayList<>();
        wire.pipeline(commands, features.batchSize(), (i, reply) -> {
            if (i == 0) {
                stat[0] = Pop3Session.parseStat(reply.expectOk("STAT"))[0];
                return;
            }
            reply.expectOk(commands.get(i));
            out.add(wire.readListing(commands.get(i), stat[0] + LISTING_SLACK));
        });
        return out;
    }

    /**
     * Reads the data of a {@code TOP n 0} reply (RFC 1939 section 7) within 4 x the read timeout and 4 x
     * {@link Pop3Options#maxHeaderBytes()} octets in total, keeping at most {@link Pop3Options#maxHeaderBytes()} and reading the
     * rest only to stay in step; the digest, when given, sees every byte.
     */
    private byte[] readCapped(MessageDigest digest) throws IOException {
        // A header block is not endless; one four times the cap is a server gone wrong (or hostile), and reading on
        // would only keep the session busy. The deadline catches the same thing when it is sent slowly.
        long limit = 4L * options.maxHeaderBytes();
        Duration time = wire.readTimeout().multipliedBy(4);
        try (Deadline deadline = wire.deadline("TOP", time)) {
            try {
                return readCapped(digest, limit);
            } catch (IOException e) {
                throw deadline.translate(e);
            }
        }
    }

    private byte[] readCapped(MessageDigest digest, long limit) throws IOException {
        DotStuffedInputStream body = wire.body();
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        long total = 0;
        int n;
        while ((n = body.read(chunk, 0, chunk.length)) >= 0) {
            total += n;
            if (total > limit) {
                throw new ProtocolViolationException("The server's TOP reply exceeds " + limit + " octets"
                        + " (4 x maxHeaderBytes) and has no end in sight; the session is closed");
            }
            if (digest != null) {
                digest.update(chunk, 0, n);
            } else if (kept.size() < options.maxHeaderBytes()) {
                kept.write(chunk, 0, Math.min(n, options.maxHeaderBytes() - kept.size()));
            }
        }
        return kept.toByteArray();
    }

    private static List<String> topCommands(List<MessageIndex.Entry> entries) {
        List<String> commands = new ArrayList<>(entries.size());
        for (MessageIndex.Entry e : entries) {
            commands.add("TOP " + e.number + " 0");
        }
        return commands;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required on every Java platform", e);
        }
    }
}
