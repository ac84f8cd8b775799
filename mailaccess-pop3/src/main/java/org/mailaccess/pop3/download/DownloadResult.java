package org.mailaccess.pop3.download;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mailaccess.LogoutResult;
import org.mailaccess.MessageKey;

/**
 * What one {@link Pop3Downloader#run()} did. A message whose delete the server refused is both in {@code failed} and
 * in {@code deletePending}; a run that stopped early reports only what it got to.
 *
 * @param status        how the run ended
 * @param downloaded    the messages stored by this run, in server order
 * @param previewed     new messages seen by their header only (size policy or preview mode)
 * @param deleted       the messages whose delete the server committed at QUIT (RFC 1939 section 6)
 * @param deletePending the messages whose delete was sent or due but not seen committed; the next run deletes them
 *                      again if they are still there, and never downloads them again
 * @param kept          the downloaded messages (by this run or earlier ones) left on the server
 * @param skipped       new messages left alone (marked {@link Mark#IGNORE}, or too large)
 * @param failed        the messages that failed, and where
 * @param logout        what QUIT reported, when it was sent
 * @param warnings      things the application should know
 * @param server        the mailbox size and the server's policies, when the run got that far
 * @param nextLoginAllowed with {@link RunStatus#LOGIN_DELAYED}: when the server's LOGIN-DELAY allows the next login,
 *                      when known
 * @param error         with {@link RunStatus#FAILED}: why
 */
public record DownloadResult(RunStatus status, List<LocalMessage> downloaded, List<PreviewedMessage> previewed,
        List<MessageKey> deleted, List<MessageKey> deletePending, List<MessageKey> kept, List<SkippedMessage> skipped,
        List<MessageFailure> failed, Optional<LogoutResult> logout, List<DownloadWarning> warnings,
        Optional<ServerInfo> server, Optional<Instant> nextLoginAllowed, Optional<Exception> error) {

    /**
     * Copies the lists and checks the components.
     *
     * @param status           how the run ended
     * @param downloaded       the messages stored by this run, in server order
     * @param previewed        new messages seen by their header only (TOP, RFC 1939 section 7), because of the size
     *                         policy or preview mode
     * @param deleted          the messages whose delete the server committed at QUIT (RFC 1939 section 6)
     * @param deletePending    the messages whose DELE was sent or due but not seen committed; the next run deletes
     *                         them again if they are still there, and never downloads them again
     * @param kept             the downloaded messages (by this run or earlier ones) left on the server
     * @param skipped          new messages left alone (marked {@link Mark#IGNORE}, or too large)
     * @param failed           the messages that failed, and at which stage
     * @param logout           what QUIT reported; empty when QUIT was not sent
     * @param warnings         things the application should know
     * @param server           the mailbox size and the server's policies; empty when the run stopped before STAT
     * @param nextLoginAllowed with {@link RunStatus#LOGIN_DELAYED}: when the server's LOGIN-DELAY (RFC 2449 section
     *                         6.8) allows the next login, when known
     * @param error            with {@link RunStatus#FAILED}: why
     * @throws NullPointerException if any argument is null, or a list contains null
     */
    public DownloadResult {
        Objects.requireNonNull(status, "status");
        downloaded = List.copyOf(downloaded);
        previewed = List.copyOf(previewed);
        deleted = List.copyOf(deleted);
        deletePending = List.copyOf(deletePending);
        kept = List.copyOf(kept);
        skipped = List.copyOf(skipped);
        failed = List.copyOf(failed);
        Objects.requireNonNull(logout, "logout");
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(nextLoginAllowed, "nextLoginAllowed");
        Objects.requireNonNull(error, "error");
    }

    /**
     * Whether the run completed and no message failed.
     *
     * @return true when everything planned was done
     */
    public boolean isClean() {
        return status == RunStatus.COMPLETED && failed.isEmpty() && deletePending.isEmpty();
    }

    /**
     * The keys of {@link #downloaded()}.
     *
     * @return the keys, in server order
     */
    public List<MessageKey> downloadedKeys() {
        return downloaded.stream().map(LocalMessage::key).toList();
    }

    @Override
    public String toString() {
        return "DownloadResult[" + status + ", downloaded=" + downloaded.size() + ", previewed=" + previewed.size()
                + ", deleted=" + deleted.size() + ", deletePending=" + deletePending.size() + ", kept=" + kept.size()
                + ", skipped=" + skipped.size() + ", failed=" + failed + ", logout=" + logout.map(
                        LogoutResult::outcome).orElse(null) + ", warnings=" + warnings + error.map(e -> ", error=" + e)
                        .orElse("") + "]";
    }
}
