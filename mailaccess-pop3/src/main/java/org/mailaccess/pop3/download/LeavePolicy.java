package org.mailaccess.pop3.download;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether and when downloaded messages are deleted on the server. POP3 servers keep what the client does not delete
 * (RFC 1939); the default, {@link #keep()}, deletes nothing.
 *
 * <p>A policy only ever deletes a message that is already in the {@link MessageStore} and in the
 * {@link DownloadLedger}. Ages count from the <em>download</em>, as the ledger recorded it, not from the delivery. A
 * server's own retention policy (RFC 2449 section 6.7, {@code EXPIRE}) can override the chosen policy; the run then
 * reports it as a {@link DownloadWarning.Kind#SERVER_EXPIRE_OVERRIDES_POLICY} warning.
 */
public sealed interface LeavePolicy
        permits LeavePolicy.Keep, LeavePolicy.DeleteAfterDownload, LeavePolicy.DeleteDaysAfterDownload,
        LeavePolicy.DeleteWhenRemovedFromTrash {

    /**
     * Leave every message on the server (the default).
     *
     * @return the policy
     */
    static LeavePolicy keep() {
        return new Keep();
    }

    /**
     * Delete each message in the same session that downloaded it, once it is safely stored.
     *
     * @return the policy
     */
    static LeavePolicy deleteAfterDownload() {
        return new DeleteAfterDownload();
    }

    /**
     * Delete a message on the first run at least {@code days} days (of 24 hours) after it was downloaded.
     *
     * @param days at least 0; 0 behaves like {@link #deleteAfterDownload()}
     * @return the policy
     */
    static LeavePolicy deleteDaysAfterDownload(int days) {
        return new DeleteDaysAfterDownload(days);
    }

    /**
     * Delete a message on the first run after the application reported, with
     * {@link Pop3Downloader#reportRemovedFromTrash}, that the user removed it from the local trash.
     *
     * @return the policy
     */
    static LeavePolicy deleteWhenRemovedFromTrash() {
        return new DeleteWhenRemovedFromTrash();
    }

    /**
     * Whether this policy deletes a downloaded message now.
     *
     * @param downloadedAt     when the ledger recorded the download
     * @param removedFromTrash whether the application reported the message removed from its trash
     * @param now              the current time
     * @return true when the message is due for deletion on the server
     */
    boolean deleteDue(Instant downloadedAt, boolean removedFromTrash, Instant now);

    /** See {@link LeavePolicy#keep()}. */
    record Keep() implements LeavePolicy {
        @Override
        public boolean deleteDue(Instant downloadedAt, boolean removedFromTrash, Instant now) {
            return false;
        }
    }

    /** See {@link LeavePolicy#deleteAfterDownload()}. */
    record DeleteAfterDownload() implements LeavePolicy {
        @Override
        public boolean deleteDue(Instant downloadedAt, boolean removedFromTrash, Instant now) {
            return true;
        }
    }

    /**
     * See {@link LeavePolicy#deleteDaysAfterDownload(int)}.
     *
     * @param days how many days after the download
     */
    record DeleteDaysAfterDownload(int days) implements LeavePolicy {
        /**
         * Checks the number of days.
         *
         * @param days how many days (of 24 hours) after the download, as the ledger recorded it, the message is
         *             deleted; 0 behaves like {@link LeavePolicy#deleteAfterDownload()}
         * @throws IllegalArgumentException if {@code days} is negative
         */
        public DeleteDaysAfterDownload {
            if (days < 0) {
                throw new IllegalArgumentException("days must not be negative: " + days);
            }
        }

        @Override
        public boolean deleteDue(Instant downloadedAt, boolean removedFromTrash, Instant now) {
            return !now.isBefore(downloadedAt.plus(Duration.ofDays(days)));
        }
    }

    /** See {@link LeavePolicy#deleteWhenRemovedFromTrash()}. */
    record DeleteWhenRemovedFromTrash() implements LeavePolicy {
        @Override
        public boolean deleteDue(Instant downloadedAt, boolean removedFromTrash, Instant now) {
            return removedFromTrash;
        }
    }
}
