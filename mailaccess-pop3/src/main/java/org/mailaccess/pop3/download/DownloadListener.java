package org.mailaccess.pop3.download;

import org.mailaccess.MessageKey;

/**
 * Follows a run, for a progress bar or a log. Every method does nothing by default. Calls come on the thread that
 * runs the download, in order, and should return quickly; an exception thrown here is reported as a
 * {@link DownloadWarning.Kind#LISTENER_FAILED} warning and does not stop the run.
 */
public interface DownloadListener {

    /** A listener that ignores everything. */
    DownloadListener NONE = new DownloadListener() {
    };

    /**
     * The downloads of this run are known.
     *
     * @param messages how many messages will be downloaded
     * @param bytes    their total size as the server listed it
     */
    default void started(int messages, long bytes) {
    }

    /**
     * Bytes arrived. Called after every chunk written to the store and after every message.
     *
     * @param progress where the run stands
     */
    default void progress(Progress progress) {
    }

    /**
     * A message is durably in the store and the ledger.
     *
     * @param message the stored message
     */
    default void downloaded(LocalMessage message) {
    }

    /**
     * A message failed.
     *
     * @param failure what and where
     */
    default void failed(MessageFailure failure) {
    }

    /**
     * Where a run stands.
     *
     * @param current      the message being downloaded
     * @param messagesDone the messages finished (stored or failed)
     * @param messagesTotal the messages to download
     * @param bytesDone    the bytes received so far
     * @param bytesTotal   the listed size of all messages to download
     */
    record Progress(MessageKey current, int messagesDone, int messagesTotal, long bytesDone, long bytesTotal) {
    }
}
