package org.mailaccess.testkit;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.mailaccess.testkit.internal.Reply;

/**
 * The TRANSACTION state of one POP3 session (RFC 1939 section 5): message numbers over the snapshot taken at login,
 * deletion marks, and the UPDATE state run by QUIT.
 */
final class Pop3Maildrop {

    private final Mailbox mailbox;
    private final Pop3Profile profile;
    private final List<StoredMessage> snapshot;
    private final boolean[] deleted;
    private boolean released;

    Pop3Maildrop(Mailbox mailbox, Pop3Profile profile) {
        this.mailbox = mailbox;
        this.profile = profile;
        this.snapshot = mailbox.messages();
        this.deleted = new boolean[snapshot.size()];
    }

    Reply stat() {
        return Pop3Replies.ok(liveCount() + " " + liveOctets());
    }

    Reply list(String args) {
        if (args.isEmpty()) {
            List<String> lines = new ArrayList<>();
            forEachLive(n -> lines.add(n + " " + snapshot.get(n - 1).size()));
            return Pop3Replies.multiLine(liveCount() + " messages (" + liveOctets() + " octets)", lines);
        }
        int n = messageNumber(args);
        return n < 0 ? noSuchMessage() : Pop3Replies.ok(n + " " + snapshot.get(n - 1).size());
    }

    Reply uidl(String args) {
        if (!profile.offersUidl()) {
            return Pop3Replies.err("UIDL not supported");
        }
        if (args.isEmpty()) {
            List<String> lines = new ArrayList<>();
            forEachLive(n -> lines.add(n + " " + snapshot.get(n - 1).uidl()));
            return Pop3Replies.multiLine("unique-id listing follows", lines);
        }
        int n = messageNumber(args);
        return n < 0 ? noSuchMessage() : Pop3Replies.ok(n + " " + snapshot.get(n - 1).uidl());
    }

    Reply retr(String args) {
        int n = messageNumber(args);
        if (n < 0) {
            return noSuchMessage();
        }
        StoredMessage message = snapshot.get(n - 1);
        return Pop3Replies.multiLine(message.size() + " octets", message.rawBytes(),
                profile.stuffsDotsAfterCrlfOnly());
    }

    /** TOP n k (RFC 1939 section 7): the header, the blank line, then the first k body lines. */
    Reply top(String args) {
        if (!profile.offersTop()) {
            return Pop3Replies.err("TOP not supported");
        }
        String[] parts = args.split(" ", -1);
        if (parts.length != 2 || !parts[1].matches("[0-9]{1,9}")) {
            return Pop3Replies.err("usage: TOP msg n");
        }
        int n = messageNumber(parts[0]);
        if (n < 0) {
            return noSuchMessage();
        }
        return Pop3Replies.multiLine("top of message follows",
                topOf(snapshot.get(n - 1).rawBytes(), Integer.parseInt(parts[1])),
                profile.stuffsDotsAfterCrlfOnly());
    }

    Reply dele(String args) {
        int n = messageNumber(args);
        if (n < 0) {
            return noSuchMessage();
        }
        deleted[n - 1] = true;
        return Pop3Replies.ok("message " + n + " deleted");
    }

    Reply rset() {
        java.util.Arrays.fill(deleted, false);
        return Pop3Replies.ok("maildrop has " + liveCount() + " messages (" + liveOctets() + " octets)");
    }

    /** The UPDATE state: commit the deletion marks to the mailbox. */
    Reply quit() {
        List<StoredMessage> doomed = new ArrayList<>();
        for (int i = 0; i < deleted.length; i++) {
            if (deleted[i]) {
                doomed.add(snapshot.get(i));
            }
        }
        mailbox.commitDeletions(doomed);
        // RFC 1939 section 6 releases the lock in UPDATE, before the reply, so an immediate reconnect is not IN-USE.
        release();
        return Pop3Replies.ok("bye (" + doomed.size() + " messages deleted)");
    }

    /** Idempotent, because both QUIT and the end of the connection release. */
    void release() {
        if (!released) {
            released = true;
            mailbox.unlock();
        }
    }

    static byte[] topOf(byte[] message, int bodyLines) {
        int end = headerEnd(message);
        int lines = 0;
        while (end < message.length && lines < bodyLines) {
            while (end < message.length && message[end] != '\n') {
                end++;
            }
            end = Math.min(end + 1, message.length);
            lines++;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(end);
        out.write(message, 0, end);
        return out.toByteArray();
    }

    /** The offset just after the blank line ending the header, or the length when there is no blank line. */
    private static int headerEnd(byte[] message) {
        int i = 0;
        while (i < message.length) {
            if (message[i] == '\n') {
                return i + 1;
            }
            if (message[i] == '\r' && i + 1 < message.length && message[i + 1] == '\n') {
                return i + 2;
            }
            while (i < message.length && message[i] != '\n') {
                i++;
            }
            i++;
        }
        return message.length;
    }

    /** The 1-based number of a live message, or -1 for anything else (RFC 1939: deleted messages are off limits). */
    private int messageNumber(String arg) {
        if (!arg.matches("[1-9][0-9]{0,8}")) {
            return -1;
        }
        int n = Integer.parseInt(arg);
        return n <= snapshot.size() && !deleted[n - 1] ? n : -1;
    }

    private static Reply noSuchMessage() {
        return Pop3Replies.err("no such message");
    }

    private void forEachLive(java.util.function.IntConsumer action) {
        for (int i = 0; i < snapshot.size(); i++) {
            if (!deleted[i]) {
                action.accept(i + 1);
            }
        }
    }

    private int liveCount() {
        int count = 0;
        for (boolean d : deleted) {
            count += d ? 0 : 1;
        }
        return count;
    }

    private long liveOctets() {
        long octets = 0;
        for (int i = 0; i < snapshot.size(); i++) {
            octets += deleted[i] ? 0 : snapshot.get(i).size();
        }
        return octets;
    }
}
