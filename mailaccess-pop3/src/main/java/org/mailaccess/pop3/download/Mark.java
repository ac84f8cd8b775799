package org.mailaccess.pop3.download;

/**
 * What the application decided about a message, typically after a {@link Pop3Downloader#preview()}. Marks are kept in
 * the {@link DownloadLedger} and acted on by the next {@link Pop3Downloader#run()}.
 */
public enum Mark {
    /** Download the message on the next run, whatever the {@link SizePolicy} says. */
    DOWNLOAD,
    /**
     * Delete the message on the server on the next run. A message that was never downloaded is deleted without being
     * downloaded: this is how a user discards unwanted mail after a header preview.
     */
    DELETE_ON_SERVER,
    /** Neither download nor delete the message; it stays on the server and is no longer previewed as new. */
    IGNORE
}
