package org.mailaccess.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.mailaccess.FolderRole;

/**
 * One folder (IMAP mailbox) of an {@link ImapAccount}: its messages with UIDs, flags, internal dates and
 * mod-sequences (RFC 3501 section 2.3, RFC 7162), its UIDVALIDITY and UIDNEXT, its special-use role (RFC 6154) and
 * subscription. Thread-safe: tests seed and inspect it while connection threads serve it, and every change made here
 * reaches connections that have the folder selected as untagged updates, exactly as a change by another client would.
 */
public final class ImapFolder {

    /** UIDVALIDITY values differ between folders and over time, like a real server's (RFC 3501 section 2.3.1.1). */
    private static final AtomicLong UIDVALIDITY = new AtomicLong(System.currentTimeMillis() / 1000 & 0x3fffffffL);

    private final ImapAccount account;
    private final List<MessageState> messages = new ArrayList<>();
    private final List<long[]> vanished = new ArrayList<>();
    private String name;
    private FolderRole role;
    private boolean subscribed = true;
    private long uidValidity = UIDVALIDITY.incrementAndGet();
    private long uidNext = 1;
    private long highestModseq = 1;
    private volatile long version;

    ImapFolder(ImapAccount account, String name, FolderRole role) {
        this.account = account;
        this.name = name;
        this.role = role;
    }

    /**
     * The full name, with {@code /} separating hierarchy levels; {@code INBOX} for the inbox.
     *
     * @return the name in Unicode
     */
    public String name() {
        synchronized (account) {
            return name;
        }
    }

    /**
     * The special-use role advertised in LIST (RFC 6154).
     *
     * @return the role, if any
     */
    public Optional<FolderRole> role() {
        synchronized (account) {
            return Optional.ofNullable(role);
        }
    }

    /**
     * Whether the folder is subscribed (RFC 3501 LSUB). New folders are.
     *
     * @return true if subscribed
     */
    public boolean isSubscribed() {
        synchronized (account) {
            return subscribed;
        }
    }

    /**
     * Subscribes or unsubscribes the folder.
     *
     * @param subscribed the new state
     * @return this folder
     */
    public ImapFolder setSubscribed(boolean subscribed) {
        synchronized (account) {
            this.subscribed = subscribed;
            return this;
        }
    }

    /**
     * The UIDVALIDITY (RFC 3501 section 2.3.1.1).
     *
     * @return the value
     */
    public long uidValidity() {
        synchronized (account) {
            return uidValidity;
        }
    }

    /**
     * The UID the next message will get.
     *
     * @return UIDNEXT
     */
    public long uidNext() {
        synchronized (account) {
            return uidNext;
        }
    }

    /**
     * The highest mod-sequence of the folder (RFC 7162 HIGHESTMODSEQ).
     *
     * @return the value
     */
    public long highestModseq() {
        synchronized (account) {
            return highestModseq;
        }
    }

    /**
     * The messages, in UID order.
     *
     * @return an immutable snapshot
     */
    public List<ImapMessage> messages() {
        synchronized (account) {
            return messages.stream().map(MessageState::snapshot).toList();
        }
    }

    /**
     * One message by UID.
     *
     * @param uid the UID
     * @return the message, if present
     */
    public Optional<ImapMessage> message(long uid) {
        synchronized (account) {
            return Optional.ofNullable(byUid(uid)).map(MessageState::snapshot);
        }
    }

    /**
     * Delivers a message without flags, dated now. A connection idling on this folder gets {@code * n EXISTS}.
     *
     * @param rfc822 the message bytes, ideally with CRLF line ends
     * @return the stored message
     */
    public ImapMessage deliver(byte[] rfc822) {
        return deliver(rfc822, Set.of(), Instant.now());
    }

    /**
     * Delivers a message given as text, encoded as UTF-8 with line ends kept as written.
     *
     * @param rfc822 the message text
     * @return the stored message
     */
    public ImapMessage deliver(String rfc822) {
        return deliver(rfc822.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Delivers a built message.
     *
     * @param message the builder; {@link MessageBuilder#build()} is called
     * @return the stored message
     */
    public ImapMessage deliver(MessageBuilder message) {
        return deliver(message.build());
    }

    /**
     * Delivers a message with flags and an internal date, e.g. an already-read old message.
     *
     * @param rfc822       the message bytes
     * @param flags        system flags such as {@code \Seen} and keywords such as {@code $Forwarded}
     * @param internalDate the INTERNALDATE
     * @return the stored message
     * @throws IllegalArgumentException for {@code \Recent}, unknown system flags or keywords that are not atoms
     */
    public ImapMessage deliver(byte[] rfc822, Set<String> flags, Instant internalDate) {
        Objects.requireNonNull(rfc822, "rfc822");
        Objects.requireNonNull(internalDate, "internalDate");
        flags.forEach(MessageState::canonical);
        synchronized (account) {
            return append(rfc822.clone(), flags, internalDate).snapshot();
        }
    }

    /**
     * Replaces a message's flags, as another client's STORE would; connections with the folder selected get an
     * untagged FETCH.
     *
     * @param uid   the UID
     * @param flags the new flags
     * @return the updated message
     * @throws IllegalArgumentException if there is no such message or a flag is invalid
     */
    public ImapMessage setFlags(long uid, Set<String> flags) {
        flags.forEach(MessageState::canonical);
        synchronized (account) {
            MessageState message = require(uid);
            message.flags.clear();
            flags.forEach(f -> message.flags.add(MessageState.canonical(f)));
            touch(message);
            return message.snapshot();
        }
    }

    /**
     * Removes a message, as another client's EXPUNGE would; connections with the folder selected get
     * {@code * n EXPUNGE} (or VANISHED) at their next opportunity.
     *
     * @param uid the UID
     * @throws IllegalArgumentException if there is no such message
     */
    public void expunge(long uid) {
        synchronized (account) {
            expunge(List.of(require(uid)));
        }
    }

    /**
     * Gives the folder a new UIDVALIDITY and renumbers its messages from UID 1, as a server rebuilding its index does
     * (PITFALLS P6, 3.3 M6). Connections with the folder selected are closed with {@code * BYE}.
     *
     * @return the new UIDVALIDITY
     */
    public long resetUidValidity() {
        synchronized (account) {
            uidValidity = UIDVALIDITY.incrementAndGet();
            uidNext = 1;
            vanished.clear();
            for (MessageState message : messages) {
                message.uid = uidNext++;
            }
            version++;
            return uidValidity;
        }
    }

    /**
     * Describes the folder for test failure messages.
     *
     * @return name, role and counts
     */
    @Override
    public String toString() {
        synchronized (account) {
            return "ImapFolder[" + name + (role != null ? ", " + role : "") + ", " + messages.size() + " messages, "
                    + "uidvalidity=" + uidValidity + ", uidnext=" + uidNext + "]";
        }
    }

    // ---- package-private: used by the sessions with the account lock held ----

    ImapAccount account() {
        return account;
    }

    void rename(String newName) {
        this.name = newName;
    }

    void setRole(FolderRole role) {
        this.role = role;
    }

    /** Bumped on every change, read without the lock by idling sessions to decide whether to look closer. */
    long version() {
        return version;
    }

    List<MessageState> live() {
        return messages;
    }

    MessageState byUid(long uid) {
        for (MessageState message : messages) {
            if (message.uid == uid) {
                return message;
            }
        }
        return null;
    }

    private MessageState require(long uid) {
        MessageState message = byUid(uid);
        if (message == null) {
            throw new IllegalArgumentException("no message with UID " + uid + " in " + name);
        }
        return message;
    }

    MessageState append(byte[] bytes, Set<String> flags, Instant internalDate) {
        MessageState message = new MessageState(uidNext++, bytes, flags, internalDate, ++highestModseq);
        messages.add(message);
        version++;
        return message;
    }

    /** Records a flag change: a new mod-sequence for the message (RFC 7162 section 3.1.1). */
    void touch(MessageState message) {
        message.modseq = ++highestModseq;
        version++;
    }

    void expunge(List<MessageState> doomed) {
        for (MessageState message : doomed) {
            if (messages.remove(message)) {
                message.expunged = true;
                message.modseq = ++highestModseq;
                vanished.add(new long[] {message.uid, message.modseq});
            }
        }
        version++;
    }

    /** UIDs expunged after a mod-sequence, for QRESYNC's VANISHED (EARLIER) (RFC 7162 section 3.2.5). */
    List<Long> vanishedSince(long modseq) {
        List<Long> uids = new ArrayList<>();
        for (long[] entry : vanished) {
            if (entry[1] > modseq) {
                uids.add(entry[0]);
            }
        }
        uids.sort(null);
        return uids;
    }

    long size() {
        long size = 0;
        for (MessageState message : messages) {
            size += message.bytes.length;
        }
        return size;
    }
}
