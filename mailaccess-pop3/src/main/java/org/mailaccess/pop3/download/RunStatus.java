package org.mailaccess.pop3.download;

/** How a {@link Pop3Downloader#run()} or {@link Pop3Downloader#preview()} ended. */
public enum RunStatus {
    /** Everything planned was attempted; single messages may still have failed (see the result's failures). */
    COMPLETED,
    /**
     * The run could not start or had to stop: no connection, refused login, no UIDL, a broken listing, a dropped
     * connection, a ledger that cannot be written. The result's error says which; what was done before is reported and
     * consistent.
     */
    FAILED,
    /** {@link Pop3Downloader#cancel()} stopped the run; what was done before is reported and consistent. */
    CANCELLED,
    /**
     * Nothing was done because the server's LOGIN-DELAY (RFC 2449 section 6.8) has not passed since the last login the
     * ledger recorded, or because the server refused the login with the {@code [LOGIN-DELAY]} response code.
     */
    LOGIN_DELAYED
}
