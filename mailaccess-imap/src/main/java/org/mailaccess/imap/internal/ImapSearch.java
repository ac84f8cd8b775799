package org.mailaccess.imap.internal;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.mailaccess.MessageKey;
import org.mailaccess.search.SearchQuery;

/** Server-side search with {@code UID SEARCH} (RFC 3501 section 6.4.4, 6.4.8); there is no client-side fallback. */
final class ImapSearch {

    private ImapSearch() {
    }

    static List<MessageKey> search(ImapConnection c, String folder, SearchQuery query) {
        ImapSearchEncoder.Encoded encoded = ImapSearchEncoder.encode(query);
        SelectedFolder sel = c.select(folder);
        String command = encoded.needsCharset() && !c.protocol().supportsUtf8()
                ? "UID SEARCH CHARSET UTF-8" : "UID SEARCH";
        Response[] responses = c.command("UID SEARCH", command, encoded.args());
        List<Long> uids = new ArrayList<>();
        for (Response r : responses) {
            if (r instanceof IMAPResponse ir && ir.keyEquals("SEARCH")) {
                long uid;
                while ((uid = ir.readLong()) != -1) {
                    uids.add(uid);
                }
            }
        }
        SelectedFolder now = c.selected() == null ? sel : c.selected();
        List<MessageKey> out = new ArrayList<>(uids.size());
        for (long uid : UidSets.sorted(uids)) {
            out.add(MessageKey.imap(folder, now.uidValidity(), uid));
        }
        return out;
    }
}
