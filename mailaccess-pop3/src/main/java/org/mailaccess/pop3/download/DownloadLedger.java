package org.mailaccess.pop3.download;

import java.io.IOException;
import java.util.List;

/**
 * The durable memory of one account's downloads: which UIDLs (RFC 1939 section 7) were downloaded and when, the
 * application's marks, pending deletes, the last login. {@link FileLedger} keeps it in a file; an application can keep
 * it in its own database by implementing these two methods.
 *
 * <p>The downloader's guarantees rest on one contract: when {@link #commit} returns, the changes are durable (they
 * survive a crash or power loss) and were applied all together or not at all. Implementations must be safe for use by
 * several threads, because {@link Pop3Downloader#mark} may be called while a run is in progress.
 */
public interface DownloadLedger {

    /**
     * The current state.
     *
     * @return the state with every committed change applied
     * @throws IOException when the ledger cannot be read
     */
    LedgerState load() throws IOException;

    /**
     * Applies changes atomically and durably, in the sense of {@link LedgerState#with}.
     *
     * @param changes the changes, in order
     * @throws IOException when they could not be made durable; then none of them may be applied
     */
    void commit(List<? extends LedgerChange> changes) throws IOException;
}
