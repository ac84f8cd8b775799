package org.mailaccess.pop3.download;

import java.util.Objects;
import java.util.Optional;
import org.mailaccess.MessageKey;

/**
 * Something a run did not fail on but the application should know or tell the user.
 *
 * @param kind    what happened
 * @param key     the message concerned, if one
 * @param message a sentence for logs
 */
public record DownloadWarning(Kind kind, Optional<MessageKey> key, String message) {

    /** The kinds of warnings. */
    public enum Kind {
        /**
         * The server's EXPIRE (RFC 2449 section 6.7) overrides the leave-on-server policy: with {@code EXPIRE 0} it
         * may delete every retrieved message at QUIT, with {@code EXPIRE n} after n days, whatever the policy says.
         */
        SERVER_EXPIRE_OVERRIDES_POLICY,
        /**
         * A UIDL the ledger knew came back with another size, after it had gone, or with another header than the
         * downloaded message had: the server reused it (RFC 1939 section 7 forbids it, some servers do it). The
         * message was treated as new.
         */
        UIDL_REUSED,
        /**
         * The deletes of this run were not seen committed: QUIT was refused, or failed, or its reply was lost (RFC
         * 1939 section 6). They stay pending in the ledger; the next run deletes again what is still there.
         */
        DELETES_NOT_COMMITTED,
        /** The server has no TOP (RFC 1939 section 7): previews carry no headers. */
        HEADERS_UNAVAILABLE,
        /**
         * Messages downloaded by an earlier session were due for deletion, but their identity could not be checked
         * against a reused UIDL (no TOP, TOP refused, or a header cut short), so they stay on the server. See
         * {@link Pop3Downloader} on identity fingerprints.
         */
        IDENTITY_UNVERIFIED,
        /**
         * Nothing is deleted on the server because message keys are header digests
         * ({@code Pop3Options.allowHeaderDigestIds}, for servers without UIDL): two messages with the same header would
         * share a key, so a delete could hit a message never downloaded.
         */
        DELETES_DISABLED,
        /** The retrieved size differs from the size the server listed. The message was stored as retrieved. */
        SIZE_MISMATCH,
        /** A {@link DownloadListener} threw; the run went on. */
        LISTENER_FAILED
    }

    /**
     * Checks the components.
     *
     * @param kind    what happened
     * @param key     the message concerned; empty for a warning about the run as a whole
     * @param message a sentence for logs
     * @throws NullPointerException if any argument is null
     */
    public DownloadWarning {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
    }
}
