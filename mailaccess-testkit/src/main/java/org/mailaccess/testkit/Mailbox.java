package org.mailaccess.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One user's maildrop on a fake server. Thread-safe: tests seed and inspect it while connection threads serve it.
 *
 * <p>A POP3 session works on a snapshot taken at login (RFC 1939 section 4), so messages delivered during a session
 * appear only in later sessions. Messages deleted by a session leave {@link #messages()} for {@link #deleted()} only
 * when that session's QUIT runs the UPDATE state; a dropped connection deletes nothing (RFC 1939 section 6).
 */
public final class Mailbox {

    private final String user;
    private final List<StoredMessage> messages = new ArrayList<>();
    private final List<StoredMessage> deleted = new ArrayList<>();
    private final Semaphore maildropLock = new Semaphore(1);
    private long nextUid = 1;

    Mailbox(String user) {
        this.user = Objects.requireNonNull(user, "user");
    }

    /**
     * The user owning this mailbox.
     *
     * @return the login name
     */
    public String user() {
        return user;
    }

    /**
     * Delivers a message; the server assigns a fresh UIDL ({@code uid-N}, never reused within this mailbox).
     *
     * @param rfc822 the message bytes, ideally CRLF-terminated lines
     * @return the stored message
     */
    public StoredMessage deliver(byte[] rfc822) {
        Objects.requireNonNull(rfc822, "rfc822");
        synchronized (this) {
            return append(rfc822, "uid-" + nextUid++);
        }
    }

    /**
     * Delivers a message with a chosen UIDL, to simulate servers that repeat or reuse unique-ids (PITFALLS D9). The
     * token is sent as given, even if it breaks RFC 1939's 0x21–0x7E rule.
     *
     * @param rfc822 the message bytes
     * @param uidl   the UIDL; must not be empty or contain CR, LF or NUL
     * @return the stored message
     */
    public StoredMessage deliver(byte[] rfc822, String uidl) {
        Objects.requireNonNull(rfc822, "rfc822");
        Objects.requireNonNull(uidl, "uidl");
        if (uidl.isEmpty() || uidl.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw new IllegalArgumentException("a UIDL must be non-empty and free of CR, LF and NUL");
        }
        synchronized (this) {
            return append(rfc822, uidl);
        }
    }

    /**
     * Delivers a message given as text. Line endings are kept exactly as written (CRLF or bare LF); the text is
     * encoded as UTF-8.
     *
     * @param rfc822 the message text
     * @return the stored message
     */
    public StoredMessage deliver(String rfc822) {
        return deliver(rfc822.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Delivers a built message.
     *
     * @param message the builder; {@link MessageBuilder#build()} is called
     * @return the stored message
     */
    public StoredMessage deliver(MessageBuilder message) {
        return deliver(message.build());
    }

    /**
     * The messages on the server, in delivery order.
     *
     * @return an immutable snapshot
     */
    public synchronized List<StoredMessage> messages() {
        return List.copyOf(messages);
    }

    /**
     * The messages removed by a committed POP3 QUIT (UPDATE state), oldest commit first.
     *
     * @return an immutable snapshot
     */
    public synchronized List<StoredMessage> deleted() {
        return List.copyOf(deleted);
    }

    /** Removes all messages and forgets {@link #deleted()}. UIDL numbering continues, so tokens are not reused. */
    public synchronized void clear() {
        messages.clear();
        deleted.clear();
    }

    /** Moves the given messages (by identity, as a session snapshot holds them) from messages to deleted. */
    synchronized void commitDeletions(Collection<StoredMessage> toDelete) {
        Set<StoredMessage> doomed = Collections.newSetFromMap(new IdentityHashMap<>());
        doomed.addAll(toDelete);
        for (Iterator<StoredMessage> it = messages.iterator(); it.hasNext(); ) {
            StoredMessage message = it.next();
            if (doomed.contains(message)) {
                deleted.add(message);
                it.remove();
            }
        }
    }

    /**
     * Takes the exclusive maildrop lock of RFC 1939 section 4. Waits a little because a client that just dropped its
     * previous connection may reconnect before that connection's thread has noticed.
     */
    boolean tryLock(Duration wait) {
        try {
            return maildropLock.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void unlock() {
        maildropLock.release();
    }

    private StoredMessage append(byte[] rfc822, String uidl) {
        StoredMessage message = new StoredMessage(uidl, rfc822, Instant.now());
        messages.add(message);
        return message;
    }
}
