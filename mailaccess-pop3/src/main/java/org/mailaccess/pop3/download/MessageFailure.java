package org.mailaccess.pop3.download;

import java.util.Objects;
import org.mailaccess.MessageKey;

/**
 * A message a run could not process. Nothing inconsistent is left: a message that failed before its ledger entry was
 * written is tried again on the next run, a failed delete stays pending.
 *
 * @param key   the message
 * @param stage where it failed
 * @param error the cause: a {@link org.mailaccess.MailAccessException} from the session, an
 *              {@link java.io.IOException} from the store or ledger
 */
public record MessageFailure(MessageKey key, Stage stage, Exception error) {

    /** Where a message failed. */
    public enum Stage {
        /** Retrieving it (RETR, RFC 1939). */
        DOWNLOAD,
        /** Writing it to the {@link MessageStore}. */
        STORE,
        /** Recording it in the {@link DownloadLedger}. */
        LEDGER,
        /** Deleting it on the server (DELE). */
        DELETE,
        /** Fetching its header (TOP, RFC 1939 section 7). */
        PREVIEW
    }

    /**
     * Checks the components.
     *
     * @param key   the message
     * @param stage where it failed
     * @param error the cause: a {@link org.mailaccess.MailAccessException} from the session, an
     *              {@link java.io.IOException} from the store or ledger
     * @throws NullPointerException if any argument is null
     */
    public MessageFailure {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(error, "error");
    }
}
