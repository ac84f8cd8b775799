package org.mailaccess.imap.internal;

import java.util.Collection;
import org.mailaccess.FlagOperation;
import org.mailaccess.Flags;
import org.mailaccess.MessageKey;

/**
 * Flag changes shared by every client of the mailbox: one {@code UID STORE} for any number of messages
 * (RFC 3501 section 6.4.6, 6.4.8), {@code .SILENT} because the caller knows the result and a large set would
 * otherwise answer with one FETCH per message.
 */
final class ImapFlagStore {

    private ImapFlagStore() {
    }

    static void update(ImapConnection c, String folder, Collection<MessageKey> keys, FlagOperation op, Flags flags) {
        if (keys.isEmpty() || (flags.isEmpty() && op != FlagOperation.REPLACE)) {
            return;
        }
        SelectedFolder sel = c.select(folder);
        long[] uids = Keys.uids("UID STORE", sel, keys);
        store(c, uids, op, flags);
    }

    static void store(ImapConnection c, long[] uids, FlagOperation op, Flags flags) {
        String item = switch (op) {
            case ADD -> "+FLAGS.SILENT";
            case REMOVE -> "-FLAGS.SILENT";
            case REPLACE -> "FLAGS.SILENT";
        };
        c.command("UID STORE", "UID STORE " + UidSets.of(uids) + " " + item + " " + FlagCodec.list(flags), null);
    }
}
