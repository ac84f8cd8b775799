package org.mailaccess;

import java.util.Objects;
import java.util.Set;

/**
 * How a session ended, and what became of the deletions it requested.
 *
 * <p>POP3 deletes take effect only when the server enters the UPDATE state after {@code QUIT} (RFC 1939 section 6):
 * a dropped connection discards them, and a {@code QUIT} whose reply was lost leaves their fate unknown. IMAP
 * deletions are immediate, so its logout always reports {@link Outcome#NOTHING_PENDING}.
 *
 * @param outcome what happened to the pending deletions
 * @param deleted the keys whose deletion the outcome refers to
 */
public record LogoutResult(Outcome outcome, Set<MessageKey> deleted) {

    /** The fate of the pending deletions. */
    public enum Outcome {
        /** No deletion was pending. */
        NOTHING_PENDING,
        /** The server confirmed them ({@code +OK} to {@code QUIT}). */
        COMMITTED,
        /** The session ended without QUIT reaching the server: the messages are still on the server. */
        DISCARDED,
        /**
         * QUIT was sent but no reply arrived, or the server answered {@code -ERR} ("some deleted messages not
         * removed", RFC 1939 section 6): check the server next time (the UIDLs tell).
         */
        UNKNOWN
    }

    /**
     * Validates the outcome and copies the keys into an immutable set.
     *
     * @param outcome what happened to the deletions requested during the session
     * @param deleted the keys of the messages whose deletion {@code outcome} refers to: removed for
     *                {@link Outcome#COMMITTED}, still on the server for {@link Outcome#DISCARDED}, to be checked for
     *                {@link Outcome#UNKNOWN}; empty for {@link Outcome#NOTHING_PENDING}
     * @throws NullPointerException when {@code outcome}, the set or one of its keys is null
     */
    public LogoutResult {
        Objects.requireNonNull(outcome, "outcome");
        deleted = Set.copyOf(deleted);
    }
}
