package org.mailaccess.pop3.download;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One change to a {@link DownloadLedger}. The downloader hands changes over in small batches with
 * {@link DownloadLedger#commit}; {@link LedgerState#with} defines what each one does, so an application that keeps the
 * ledger in its own database can either map each change to a statement or store the resulting state.
 *
 * <p>UIDLs are the server's unique-id listings (RFC 1939 section 7), compared exactly.
 */
public sealed interface LedgerChange
        permits LedgerChange.Downloaded, LedgerChange.Marked, LedgerChange.Unmarked, LedgerChange.RemovedFromTrash,
        LedgerChange.DeleteRequested, LedgerChange.Gone, LedgerChange.Forgotten, LedgerChange.LoggedIn,
        LedgerChange.Fingerprinted {

    /**
     * A message is durably in the store. Starts a fresh record for the UIDL (a reused UIDL starts over) and drops its
     * mark.
     *
     * <p>Written before the message is made visible in the store (the order of mbsync's journal, PITFALLS 3.1): the
     * store has it prepared under {@code storeId}, and {@link MessageStore#recover} publishes it if a crash came
     * between this record and the publication.
     *
     * @param uidl        the UIDL
     * @param at          when it was downloaded; leave policies count from here
     * @param size        the size the server listed (RFC 1939 LIST), used to notice a reused UIDL
     * @param storeId     the id the store gave the prepared message; empty in ledgers written before version 2
     * @param fingerprint the message's identity beyond UIDL and size (a digest of its header, see
     *                    {@code Fingerprint}), checked before a later session deletes it; empty in ledgers written
     *                    before version 2
     */
    record Downloaded(String uidl, Instant at, long size, Optional<String> storeId, Optional<String> fingerprint)
            implements LedgerChange {
        /**
         * Checks the components.
         *
         * @param uidl        the UIDL (RFC 1939 section 7), compared exactly
         * @param at          when it was downloaded; leave policies count from here
         * @param size        the size in octets the server listed (RFC 1939 LIST), used to notice a reused UIDL
         * @param storeId     the id the store gave the prepared message, which {@link MessageStore#recover} publishes
         *                    after a crash; empty in ledgers written before version 2
         * @param fingerprint the digest of the message's header (see {@code Fingerprint}), checked before a later
         *                    session deletes it; empty in ledgers written before version 2
         * @throws NullPointerException     if {@code uidl}, {@code at}, {@code storeId} or {@code fingerprint} is null
         * @throws IllegalArgumentException if {@code uidl} is empty, {@code storeId} holds an empty string, or
         *                                  {@code fingerprint} holds an empty string, {@code "-"} (the ledger's mark
         *                                  for none) or a character that is not printable ASCII (space included)
         */
        public Downloaded {
            LedgerState.checkUidl(uidl);
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(storeId, "storeId");
            if (storeId.isPresent() && storeId.get().isEmpty()) {
                throw new IllegalArgumentException("storeId must not be empty");
            }
            LedgerState.checkToken("fingerprint", fingerprint);
        }

        /**
         * A record without store id and fingerprint, as version 1 ledgers hold.
         *
         * @param uidl the UIDL
         * @param at   when it was downloaded
         * @param size the listed size
         */
        public Downloaded(String uidl, Instant at, long size) {
            this(uidl, at, size, Optional.empty(), Optional.empty());
        }
    }

    /**
     * The fingerprint of a message downloaded before fingerprints were recorded, learned from its header the first
     * time a delete was due (trust on first use). Ignored for a UIDL that was never downloaded.
     *
     * @param uidl        the UIDL
     * @param fingerprint the fingerprint
     */
    record Fingerprinted(String uidl, String fingerprint) implements LedgerChange {
        /**
         * Checks the components.
         *
         * @param uidl        the UIDL (RFC 1939 section 7), compared exactly
         * @param fingerprint the digest of the message's header (see {@code Fingerprint}) seen when its delete was
         *                    first due
         * @throws NullPointerException     if {@code uidl} or {@code fingerprint} is null
         * @throws IllegalArgumentException if {@code uidl} is empty, or {@code fingerprint} is empty, is {@code "-"}
         *                                  (the ledger's mark for none) or has a character that is not printable
         *                                  ASCII (space included)
         */
        public Fingerprinted {
            LedgerState.checkUidl(uidl);
            LedgerState.checkToken("fingerprint", Optional.of(fingerprint));
        }
    }

    /**
     * The application marked a message.
     *
     * @param uidl the UIDL
     * @param mark the mark
     */
    record Marked(String uidl, Mark mark) implements LedgerChange {
        /**
         * Checks the components.
         *
         * @param uidl the UIDL (RFC 1939 section 7), compared exactly
         * @param mark what the application decided for the message
         * @throws NullPointerException     if {@code uidl} or {@code mark} is null
         * @throws IllegalArgumentException if {@code uidl} is empty
         */
        public Marked {
            LedgerState.checkUidl(uidl);
            Objects.requireNonNull(mark, "mark");
        }
    }

    /**
     * A mark was withdrawn, or is no longer needed.
     *
     * @param uidl the UIDL
     */
    record Unmarked(String uidl) implements LedgerChange {
        /**
         * Checks the UIDL.
         *
         * @param uidl the UIDL (RFC 1939 section 7) whose mark is dropped
         * @throws NullPointerException     if {@code uidl} is null
         * @throws IllegalArgumentException if {@code uidl} is empty
         */
        public Unmarked {
            LedgerState.checkUidl(uidl);
        }
    }

    /**
     * The application reported the downloaded message removed from its local trash. Ignored for a UIDL that was never
     * downloaded.
     *
     * @param uidl the UIDL
     * @param at   when it was reported
     */
    record RemovedFromTrash(String uidl, Instant at) implements LedgerChange {
        /**
         * Checks the components.
         *
         * @param uidl the UIDL (RFC 1939 section 7), compared exactly
         * @param at   when the application reported it removed from the local trash
         * @throws NullPointerException     if {@code uidl} or {@code at} is null
         * @throws IllegalArgumentException if {@code uidl} is empty
         */
        public RemovedFromTrash {
            LedgerState.checkUidl(uidl);
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A delete is about to be sent (DELE) for a downloaded message and is pending until the server is seen to commit
     * it. Ignored for a UIDL that was never downloaded.
     *
     * @param uidl the UIDL
     */
    record DeleteRequested(String uidl) implements LedgerChange {
        /**
         * Checks the UIDL.
         *
         * @param uidl the UIDL (RFC 1939 section 7) of the message about to be deleted (DELE, RFC 1939
         *             section 6)
         * @throws NullPointerException     if {@code uidl} is null
         * @throws IllegalArgumentException if {@code uidl} is empty
         */
        public DeleteRequested {
            LedgerState.checkUidl(uidl);
        }
    }

    /**
     * A downloaded message is no longer on the server: QUIT committed its delete, or a listing no longer had it. The
     * record stays as a tombstone, so that the UIDL showing up again is recognised as a reused UIDL.
     *
     * @param uidl the UIDL
     * @param at   when it was seen gone
     */
    record Gone(String uidl, Instant at) implements LedgerChange {
        /**
         * Checks the components.
         *
         * @param uidl the UIDL (RFC 1939 section 7), compared exactly
         * @param at   when it was seen gone: the commit of QUIT (RFC 1939 section 6), or a listing without it
         * @throws NullPointerException     if {@code uidl} or {@code at} is null
         * @throws IllegalArgumentException if {@code uidl} is empty
         */
        public Gone {
            LedgerState.checkUidl(uidl);
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * Everything about a UIDL is dropped (an old tombstone).
     *
     * @param uidl the UIDL
     */
    record Forgotten(String uidl) implements LedgerChange {
        /**
         * Checks the UIDL.
         *
         * @param uidl the UIDL (RFC 1939 section 7) whose record and mark are dropped
         * @throws NullPointerException     if {@code uidl} is null
         * @throws IllegalArgumentException if {@code uidl} is empty
         */
        public Forgotten {
            LedgerState.checkUidl(uidl);
        }
    }

    /**
     * A session logged in. Recorded right after authentication, so that the server's LOGIN-DELAY (RFC 2449 section
     * 6.8) can be honoured before the next connection.
     *
     * @param at                 when the session logged in
     * @param loginDelaySeconds  the LOGIN-DELAY the server announced after login, if any
     */
    record LoggedIn(Instant at, OptionalInt loginDelaySeconds) implements LedgerChange {
        /**
         * Checks the components.
         *
         * @param at                when the session logged in
         * @param loginDelaySeconds the minimum time in seconds between logins that the server announced after login
         *                          (LOGIN-DELAY, RFC 2449 section 6.8); empty when it announced none
         * @throws NullPointerException if {@code at} or {@code loginDelaySeconds} is null
         */
        public LoggedIn {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(loginDelaySeconds, "loginDelaySeconds");
        }
    }
}
