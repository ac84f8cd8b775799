package org.mailaccess.testkit.contract;

/**
 * What the parts of the {@link MailboxSessionContract} share: the cases are grouped by area in interfaces that extend
 * this one ({@link SessionCases}, {@link ListingCases}, {@link StreamingCases}, {@link DeleteCases},
 * {@link FolderCases}, {@link FlagCases}, {@link MoveCases}, {@link SearchCases}, {@link SyncAndPushCases} and
 * {@link AppendCases}), each with its cases as {@code default} JUnit 5 test methods.
 *
 * <p>These interfaces are public only so that JUnit finds their cases; they are not meant to be implemented on their
 * own (they are sealed). Extend {@link MailboxSessionContract}, which implements all of them and supplies the backend.
 */
public sealed interface ContractCases permits SessionCases, ListingCases, StreamingCases, DeleteCases, FolderCases,
        FlagCases, MoveCases, SearchCases, SyncAndPushCases, AppendCases {

    /**
     * The backend the cases run against.
     *
     * @return the backend made by {@link MailboxSessionContract#createBackend()}
     * @throws IllegalStateException before the backend is created
     */
    ContractBackend backend();
}
