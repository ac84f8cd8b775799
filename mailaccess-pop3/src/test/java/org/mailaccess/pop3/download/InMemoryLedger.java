package org.mailaccess.pop3.download;

import java.util.ArrayList;
import java.util.List;

/** A ledger kept in memory, for tests that are about the plan, not about files; records every commit. */
final class InMemoryLedger implements DownloadLedger {

    private LedgerState state = LedgerState.EMPTY;
    private final List<List<? extends LedgerChange>> commits = new ArrayList<>();

    @Override
    public synchronized LedgerState load() {
        return state;
    }

    @Override
    public synchronized void commit(List<? extends LedgerChange> changes) {
        state = state.with(changes);
        commits.add(List.copyOf(changes));
    }

    synchronized List<List<? extends LedgerChange>> commits() {
        return List.copyOf(commits);
    }
}
