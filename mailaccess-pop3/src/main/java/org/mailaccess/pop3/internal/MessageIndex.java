package org.mailaccess.pop3.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mailaccess.MessageKey;
import org.mailaccess.ProtocolViolationException;

/**
 * The session's map between keys and message numbers. POP3 numbers are valid for one session only and the maildrop is
 * locked for the session's length (RFC 1939 section 4), so the map is built once and never goes stale; message
 * numbers never leave this module (PITFALLS P5).
 */
final class MessageIndex {

    /** One message of the maildrop. */
    static final class Entry {
        final int number;
        final MessageKey key;
        long size = -1;
        boolean deleted;

        Entry(int number, MessageKey key) {
            this.number = number;
            this.key = key;
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Entry> byId = new HashMap<>();
    private final Map<Integer, Entry> byNumber = new HashMap<>();

    /**
     * Builds the index from UIDL lines ({@code "n uidl"}, RFC 1939 section 7).
     *
     * @throws ProtocolViolationException on malformed lines or duplicate ids, which would make two messages share a
     *                                    key
     */
    static MessageIndex fromUidl(List<String> lines) {
        MessageIndex index = new MessageIndex();
        for (String line : lines) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length < 2 || !parts[0].matches("[1-9][0-9]{0,8}") || parts[1].isEmpty()) {
                // Nine digits at most: message numbers are ints here, and no maildrop holds a billion messages.
                throw new ProtocolViolationException("The server sent a malformed UIDL line: " + Printable.of(line));
            }
            int number = Integer.parseInt(parts[0]);
            Entry previous = index.byId.get(parts[1]);
            if (previous != null) {
                throw new ProtocolViolationException("The server's UIDL listing gives the same unique id "
                        + Printable.of(parts[1]) + " to messages " + previous.number + " and " + number
                        + "; ids that are not unique cannot address messages safely (RFC 1939 section 7)");
            }
            index.add(number, parts[1]);
        }
        return index;
    }

    /** Builds the index from ids computed by the caller, in message-number order 1..n. */
    static MessageIndex fromIds(List<String> ids) {
        MessageIndex index = new MessageIndex();
        for (int i = 0; i < ids.size(); i++) {
            index.add(i + 1, ids.get(i));
        }
        return index;
    }

    private void add(int number, String id) {
        if (byNumber.containsKey(number)) {
            throw new ProtocolViolationException("The server listed message " + number + " twice");
        }
        Entry e = new Entry(number, MessageKey.pop3(id));
        entries.add(e);
        byId.put(id, e);
        byNumber.put(number, e);
    }

    /** Takes the sizes from LIST lines ({@code "n octets"}); messages missing from LIST keep an unknown size. */
    void applySizes(List<String> lines) {
        for (String line : lines) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length < 2 || !parts[0].matches("[0-9]{1,9}") || !parts[1].matches("[0-9]{1,18}")) {
                throw new ProtocolViolationException("The server sent a malformed LIST line: " + Printable.of(line));
            }
            Entry e = byNumber.get(Integer.parseInt(parts[0]));
            if (e != null) {
                e.size = Long.parseLong(parts[1]);
            }
        }
    }

    boolean hasSizes() {
        return entries.stream().allMatch(e -> e.size >= 0);
    }

    /** The entry for a key, or null when the maildrop does not hold it. */
    Entry find(MessageKey key) {
        return byId.get(key.id());
    }

    /** Messages not marked for deletion, in server order. */
    List<Entry> live() {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (!e.deleted) {
                out.add(e);
            }
        }
        return out;
    }

    Set<MessageKey> deletedKeys() {
        Set<MessageKey> out = new LinkedHashSet<>();
        for (Entry e : entries) {
            if (e.deleted) {
                out.add(e.key);
            }
        }
        return out;
    }

    void undeleteAll() {
        entries.forEach(e -> e.deleted = false);
    }
}
