package org.mailaccess.imap.internal;

import java.io.IOException;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.mailaccess.MailAccessException;

/**
 * One IDLE command (RFC 2177) on the watch's connection, read by us rather than by Angus's {@code idleStart}: that
 * one stops reading only at the continuation or BYE, so a server that refuses IDLE with a tagged NO or BAD would
 * leave it waiting for a "+" that never comes, for the whole read timeout of an IDLE, and the watch would reconnect
 * and try again forever. Here the tagged answer ends the start at once, and the watch falls back to polling.
 * DONE is still sent with Angus's {@link IMAPProtocol#idleAbort()}, which only writes it.
 *
 * <p>Every untagged response, before the "+" and during IDLE, goes to the {@link WatchedFolder} in order.
 */
final class WatchIdle {

    private WatchIdle() {
    }

    /**
     * Sends IDLE and reads until the server's continuation or its tagged answer.
     *
     * @param c     the watch's connection
     * @param state where untagged responses go
     * @return the tag of the running IDLE, or null when the server refused it (tagged NO, BAD, or OK without "+")
     * @throws MailAccessException when the connection fails or the server says BYE
     */
    static String start(ImapConnection c, WatchedFolder state) {
        IMAPProtocol p = c.protocol();
        String tag = c.call("IDLE", proto -> {
            try {
                return proto.writeCommand("IDLE", null);
            } catch (IOException e) {
                throw new ProtocolException("IDLE could not be sent: " + e, e);
            }
        });
        while (true) {
            Response r = read(c, p);
            if (r.isContinuation()) {
                return tag;
            }
            if (r.isTagged()) {
                if (tag.equals(r.getTag())) {
                    return null;
                }
                continue;
            }
            state.untagged(r);
        }
    }

    /**
     * Reads responses until the tagged answer to the IDLE (after DONE); untagged ones go to the state.
     *
     * @param c     the watch's connection
     * @param state where untagged responses go
     * @param tag   the IDLE's tag
     * @throws MailAccessException when the connection fails, the server says BYE or ends the IDLE with NO or BAD
     */
    static void readUntilDone(ImapConnection c, WatchedFolder state, String tag) {
        IMAPProtocol p = c.protocol();
        while (true) {
            Response r = read(c, p);
            if (r.isUnTagged()) {
                // Untagged NO/BAD during IDLE are warnings, not failures: only the data matters.
                state.untagged(r);
            } else if (r.isTagged() && tag.equals(r.getTag())) {
                MailAccessException e = ImapErrors.forResult("IDLE", r, c.probe());
                if (e != null) {
                    throw e;
                }
                return;
            }
        }
    }

    /** One response; a failed read counts as BYE, as in Angus's own IDLE reader. */
    private static Response read(ImapConnection c, IMAPProtocol p) {
        Response r;
        try {
            r = p.readResponse();
        } catch (IOException | ProtocolException e) {
            r = Response.byeResponse(e);
        } catch (StackOverflowError e) {
            throw c.tooDeep("IDLE");
        }
        if (r.isBYE()) {
            throw ImapErrors.dropped("IDLE", r, c.probe());
        }
        return r;
    }
}
