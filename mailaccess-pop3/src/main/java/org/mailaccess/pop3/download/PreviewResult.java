package org.mailaccess.pop3.download;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mailaccess.LogoutResult;

/**
 * What one {@link Pop3Downloader#preview()} saw: the headers of every message not downloaded yet.
 *
 * @param status           how the preview ended
 * @param messages         the new messages in server order, with their headers and current marks
 * @param server           the mailbox size and the server's policies, when the preview got that far
 * @param logout           what QUIT reported, when it was sent
 * @param warnings         things the application should know
 * @param nextLoginAllowed with {@link RunStatus#LOGIN_DELAYED}: when the next login is allowed, when known
 * @param error            with {@link RunStatus#FAILED}: why
 */
public record PreviewResult(RunStatus status, List<PreviewedMessage> messages, Optional<ServerInfo> server,
        Optional<LogoutResult> logout, List<DownloadWarning> warnings, Optional<Instant> nextLoginAllowed,
        Optional<Exception> error) {

    /**
     * Copies the lists and checks the components.
     *
     * @param status           how the preview ended
     * @param messages         the new messages in server order, with their headers (TOP, RFC 1939 section 7) and
     *                         current marks
     * @param server           the mailbox size and the server's policies; empty when the preview stopped before STAT
     * @param logout           what QUIT reported; empty when QUIT was not sent
     * @param warnings         things the application should know
     * @param nextLoginAllowed with {@link RunStatus#LOGIN_DELAYED}: when the server's LOGIN-DELAY (RFC 2449 section
     *                         6.8) allows the next login, when known
     * @param error            with {@link RunStatus#FAILED}: why
     * @throws NullPointerException if any argument is null, or a list contains null
     */
    public PreviewResult {
        Objects.requireNonNull(status, "status");
        messages = List.copyOf(messages);
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(logout, "logout");
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(nextLoginAllowed, "nextLoginAllowed");
        Objects.requireNonNull(error, "error");
    }
}
