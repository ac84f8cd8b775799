package org.mailaccess.pop3.download;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.mailaccess.LogoutResult;
import org.mailaccess.MessageKey;

/**
 * What a run did, collected for its result, and the {@link DownloadListener} calls that go with it. Used by the run's
 * thread only.
 */
final class RunReport {

    final List<LocalMessage> downloaded = new ArrayList<>();
    final List<PreviewedMessage> previewed = new ArrayList<>();
    final List<MessageKey> deleted = new ArrayList<>();
    final List<MessageKey> deletePending = new ArrayList<>();
    final List<MessageKey> kept = new ArrayList<>();
    final List<SkippedMessage> skipped = new ArrayList<>();
    final List<MessageFailure> failed = new ArrayList<>();
    final List<DownloadWarning> warnings = new ArrayList<>();
    LogoutResult logout;
    ServerInfo server;
    Instant nextLoginAllowed;
    Exception error;

    private final DownloadListener listener;
    private boolean listenerWarned;
    private int messagesDone;
    private int messagesTotal;
    private long bytesDone;
    private long bytesTotal;

    RunReport(DownloadListener listener) {
        this.listener = listener;
    }

    void warn(DownloadWarning.Kind kind, MessageKey key, String message) {
        warnings.add(new DownloadWarning(kind, Optional.ofNullable(key), message));
    }

    void started(int messages, long bytes) {
        messagesTotal = messages;
        bytesTotal = bytes;
        notifyListener(l -> l.started(messages, bytes));
    }

    void received(MessageKey key, int bytes) {
        bytesDone += bytes;
        progress(key);
    }

    void messageDone(MessageKey key) {
        messagesDone++;
        progress(key);
    }

    void stored(LocalMessage message) {
        downloaded.add(message);
        notifyListener(l -> l.downloaded(message));
    }

    void fail(MessageKey key, MessageFailure.Stage stage, Exception e) {
        MessageFailure f = new MessageFailure(key, stage, e);
        failed.add(f);
        notifyListener(l -> l.failed(f));
    }

    DownloadResult downloadResult(RunStatus status) {
        return new DownloadResult(status, downloaded, previewed, deleted, deletePending, kept, skipped, failed,
                Optional.ofNullable(logout), warnings, Optional.ofNullable(server),
                Optional.ofNullable(nextLoginAllowed), Optional.ofNullable(error));
    }

    PreviewResult previewResult(RunStatus status) {
        return new PreviewResult(status, previewed, Optional.ofNullable(server), Optional.ofNullable(logout),
                warnings, Optional.ofNullable(nextLoginAllowed), Optional.ofNullable(error));
    }

    private void progress(MessageKey key) {
        DownloadListener.Progress p = new DownloadListener.Progress(key, messagesDone, messagesTotal, bytesDone,
                bytesTotal);
        notifyListener(l -> l.progress(p));
    }

    /** A listener bug must not break the run's consistency: it is reported once and otherwise ignored. */
    private void notifyListener(Consumer<DownloadListener> call) {
        try {
            call.accept(listener);
        } catch (RuntimeException e) {
            if (!listenerWarned) {
                listenerWarned = true;
                warn(DownloadWarning.Kind.LISTENER_FAILED, null, "The download listener threw " + e
                        + "; further failures of it are not reported");
            }
        }
    }
}
