package org.mailaccess.pop3.download;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mailaccess.CommandFailedException;
import org.mailaccess.FetchSpec;
import org.mailaccess.Folder;
import org.mailaccess.MessageKey;
import org.mailaccess.MessageRange;
import org.mailaccess.MessageSummary;

/**
 * Checks, before a session deletes messages downloaded by earlier sessions, that each UIDL still names the message
 * that was downloaded (PITFALLS D7, cyrus-imapd#374): a server that reuses a UIDL for a new message of the same size
 * would otherwise have that message deleted unread. One pipelined batch of {@code TOP n 0} (RFC 1939 section 7) per
 * {@value #CHUNK} messages; each header's {@link Fingerprint} is compared with the ledger's.
 */
final class IdentityCheck {

    /** Keys per summaries() call: bounds the headers held in memory at once. */
    static final int CHUNK = 100;

    /**
     * The outcome.
     *
     * @param confirmed  keys whose message is the downloaded one: may be deleted
     * @param reused     keys whose message is another one: to be forgotten and treated as new
     * @param unverified keys that could not be checked: kept on the server
     * @param learned    fingerprints learned for records written before ledger version 2 (trust on first use)
     * @param note       why some keys are unverified, for a warning
     */
    record Result(Set<MessageKey> confirmed, Set<MessageKey> reused, Set<MessageKey> unverified,
            List<LedgerChange> learned, Optional<String> note) {
    }

    private IdentityCheck() {
    }

    static Result check(Folder inbox, boolean canTop, LedgerState state, List<MessageKey> candidates) {
        Set<MessageKey> confirmed = new LinkedHashSet<>();
        Set<MessageKey> reused = new LinkedHashSet<>();
        Set<MessageKey> unverified = new LinkedHashSet<>();
        List<LedgerChange> learned = new ArrayList<>();
        if (candidates.isEmpty()) {
            return new Result(confirmed, reused, unverified, learned, Optional.empty());
        }
        if (!canTop) {
            unverified.addAll(candidates);
            return new Result(confirmed, reused, unverified, learned, Optional.of("The server has no TOP (RFC 1939"
                    + " section 7), so the identity of " + candidates.size() + " messages downloaded earlier cannot be"
                    + " checked against a reused UIDL; they stay on the server"));
        }
        Map<MessageKey, String> seen = new HashMap<>();
        try {
            for (int i = 0; i < candidates.size(); i += CHUNK) {
                List<MessageKey> chunk = candidates.subList(i, Math.min(candidates.size(), i + CHUNK));
                for (MessageSummary m : inbox.summaries(MessageRange.of(chunk), FetchSpec.headers())) {
                    m.headers().ifPresent(h -> seen.put(m.key(), Fingerprint.ofTop(h)));
                }
            }
        } catch (CommandFailedException e) {
            unverified.addAll(candidates);
            return new Result(Set.of(), Set.of(), unverified, List.of(), Optional.of("The server refused TOP ("
                    + e.serverText() + "); " + candidates.size() + " messages downloaded earlier stay on the server"));
        }
        for (MessageKey key : candidates) {
            String now = seen.get(key);
            LedgerState.DownloadRecord r = state.downloads().get(key.id());
            if (now == null || now.equals(Fingerprint.UNVERIFIABLE) || r == null) {
                unverified.add(key);
            } else if (!Fingerprint.known(r.fingerprint())) {
                learned.add(new LedgerChange.Fingerprinted(key.id(), now)); // a version 1 record: first use
                confirmed.add(key);
            } else if (r.fingerprint().get().equals(now)) {
                confirmed.add(key);
            } else {
                reused.add(key);
            }
        }
        return new Result(confirmed, reused, unverified, learned, unverified.isEmpty() ? Optional.empty()
                : Optional.of(unverified.size() + " messages downloaded earlier could not be identified by their"
                        + " header (cut short, or gone); they stay on the server"));
    }
}
