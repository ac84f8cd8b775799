package org.mailaccess.pop3.download;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a {@link DownloadLedger} knows about one account: the downloaded UIDLs and when they were downloaded, the
 * application's marks, the last login. Immutable; {@link #with} returns the state after some changes.
 *
 * @param downloads the downloaded messages by UIDL, including tombstones of messages gone from the server
 * @param marks     the marks by UIDL
 * @param lastLogin the last recorded login
 */
public record LedgerState(Map<String, DownloadRecord> downloads, Map<String, Mark> marks, Optional<Login> lastLogin) {

    /** The state of an account never downloaded from. */
    public static final LedgerState EMPTY = new LedgerState(Map.of(), Map.of(), Optional.empty());

    /**
     * Copies the maps; iteration order is kept.
     *
     * @param downloads the downloaded messages by UIDL (RFC 1939 section 7), including tombstones of messages gone
     *                  from the server, in the order they were downloaded
     * @param marks     the application's marks by UIDL
     * @param lastLogin the last recorded login; empty when none was recorded
     * @throws NullPointerException if any argument is null
     */
    public LedgerState {
        downloads = Collections.unmodifiableMap(new LinkedHashMap<>(downloads));
        marks = Collections.unmodifiableMap(new LinkedHashMap<>(marks));
        Objects.requireNonNull(lastLogin, "lastLogin");
    }

    /**
     * What the ledger holds about one downloaded message.
     *
     * @param downloadedAt       when it was stored; leave policies count from here
     * @param size               the size the server listed when it was downloaded
     * @param deletePending      whether a delete was requested and not yet seen committed
     * @param removedFromTrashAt when the application reported it removed from the local trash
     * @param goneAt             when it was seen gone from the server (a tombstone)
     * @param storeId            the store's id of the message, when recorded (ledger version 2)
     * @param fingerprint        the identity digest of its header, when recorded (ledger version 2)
     */
    public record DownloadRecord(Instant downloadedAt, long size, boolean deletePending,
            Optional<Instant> removedFromTrashAt, Optional<Instant> goneAt, Optional<String> storeId,
            Optional<String> fingerprint) {
        /**
         * Checks the components.
         *
         * @param downloadedAt       when it was stored; leave policies count from here
         * @param size               the size in octets the server listed (RFC 1939 LIST) when it was downloaded
         * @param deletePending      whether a delete (DELE) was requested and not yet seen committed at QUIT (RFC 1939
         *                           section 6)
         * @param removedFromTrashAt when the application reported it removed from the local trash; empty until then
         * @param goneAt             when it was seen gone from the server, which makes the record a tombstone; empty
         *                           while it is on the server
         * @param storeId            the id the store gave the message; empty when not recorded (before ledger
         *                           version 2)
         * @param fingerprint        the identity digest of its header; empty when not recorded (before ledger
         *                           version 2, until learned)
         * @throws NullPointerException if {@code downloadedAt} or any of the {@code Optional} arguments is null
         */
        public DownloadRecord {
            Objects.requireNonNull(downloadedAt, "downloadedAt");
            Objects.requireNonNull(removedFromTrashAt, "removedFromTrashAt");
            Objects.requireNonNull(goneAt, "goneAt");
            Objects.requireNonNull(storeId, "storeId");
            Objects.requireNonNull(fingerprint, "fingerprint");
        }

        /**
         * Whether the message is, as far as the ledger knows, still on the server.
         *
         * @return false for a tombstone
         */
        public boolean onServer() {
            return goneAt.isEmpty();
        }

        DownloadRecord withDeletePending(boolean pending) {
            return new DownloadRecord(downloadedAt, size, pending, removedFromTrashAt, goneAt, storeId, fingerprint);
        }

        DownloadRecord withRemovedFromTrashAt(Instant at) {
            return new DownloadRecord(downloadedAt, size, deletePending, Optional.of(at), goneAt, storeId,
                    fingerprint);
        }

        DownloadRecord withGoneAt(Instant at) {
            return new DownloadRecord(downloadedAt, size, false, removedFromTrashAt, Optional.of(at), storeId,
                    fingerprint);
        }

        DownloadRecord withFingerprint(String f) {
            return new DownloadRecord(downloadedAt, size, deletePending, removedFromTrashAt, goneAt, storeId,
                    Optional.of(f));
        }
    }

    /**
     * A recorded login.
     *
     * @param at                when
     * @param loginDelaySeconds the LOGIN-DELAY the server announced (RFC 2449 section 6.8)
     */
    public record Login(Instant at, OptionalInt loginDelaySeconds) {
        /**
         * Checks the components.
         *
         * @param at                when the session logged in
         * @param loginDelaySeconds the minimum time in seconds between logins that the server announced (LOGIN-DELAY,
         *                          RFC 2449 section 6.8); empty when it announced none
         * @throws NullPointerException if {@code at} or {@code loginDelaySeconds} is null
         */
        public Login {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(loginDelaySeconds, "loginDelaySeconds");
        }

        /**
         * The earliest time the server allows the next login.
         *
         * @return the time, when the server announced a delay
         */
        public Optional<Instant> nextLoginAllowed() {
            return loginDelaySeconds.isPresent() ? Optional.of(at.plusSeconds(loginDelaySeconds.getAsInt()))
                    : Optional.empty();
        }
    }

    /**
     * Whether a UIDL was downloaded and is, as far as the ledger knows, still on the server.
     *
     * @param uidl the UIDL
     * @return true when downloaded and not a tombstone
     */
    public boolean isDownloaded(String uidl) {
        DownloadRecord r = downloads.get(uidl);
        return r != null && r.onServer();
    }

    /**
     * The mark of a UIDL.
     *
     * @param uidl the UIDL
     * @return the mark, if any
     */
    public Optional<Mark> mark(String uidl) {
        return Optional.ofNullable(marks.get(uidl));
    }

    /**
     * The state after some changes, applied in order.
     *
     * @param changes the changes
     * @return the new state
     */
    public LedgerState with(List<? extends LedgerChange> changes) {
        Map<String, DownloadRecord> d = new LinkedHashMap<>(downloads);
        Map<String, Mark> m = new LinkedHashMap<>(marks);
        Optional<Login> login = lastLogin;
        for (LedgerChange c : changes) {
            if (c instanceof LedgerChange.Downloaded x) {
                d.remove(x.uidl()); // re-insert so the order follows the downloads
                d.put(x.uidl(), new DownloadRecord(x.at(), x.size(), false, Optional.empty(), Optional.empty(),
                        x.storeId(), x.fingerprint()));
                m.remove(x.uidl());
            } else if (c instanceof LedgerChange.Marked x) {
                m.put(x.uidl(), x.mark());
            } else if (c instanceof LedgerChange.Unmarked x) {
                m.remove(x.uidl());
            } else if (c instanceof LedgerChange.RemovedFromTrash x) {
                d.computeIfPresent(x.uidl(), (k, r) -> r.withRemovedFromTrashAt(x.at()));
            } else if (c instanceof LedgerChange.DeleteRequested x) {
                d.computeIfPresent(x.uidl(), (k, r) -> r.withDeletePending(true));
            } else if (c instanceof LedgerChange.Gone x) {
                d.computeIfPresent(x.uidl(), (k, r) -> r.withGoneAt(x.at()));
                m.remove(x.uidl());
            } else if (c instanceof LedgerChange.Fingerprinted x) {
                d.computeIfPresent(x.uidl(), (k, r) -> r.withFingerprint(x.fingerprint()));
            } else if (c instanceof LedgerChange.Forgotten x) {
                d.remove(x.uidl());
                m.remove(x.uidl());
            } else if (c instanceof LedgerChange.LoggedIn x) {
                login = Optional.of(new Login(x.at(), x.loginDelaySeconds()));
            } else {
                throw new IllegalArgumentException("unknown change " + c);
            }
        }
        return new LedgerState(d, m, login);
    }

    /** Store ids and fingerprints are single tokens in the ledger's text format: printable, no space. */
    static void checkToken(String what, Optional<String> token) {
        Objects.requireNonNull(token, what);
        if (token.isPresent()) {
            String t = token.get();
            if (t.isEmpty() || t.equals("-") || !t.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException(what + " must be printable ASCII without spaces: " + t);
            }
        }
    }

    static String checkUidl(String uidl) {
        Objects.requireNonNull(uidl, "uidl");
        if (uidl.isEmpty()) {
            throw new IllegalArgumentException("uidl must not be empty");
        }
        return uidl;
    }
}
