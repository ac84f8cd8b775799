package org.mailaccess.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mailaccess.MailboxSession;

/**
 * What every {@link MailboxSession} must do, POP3 or IMAP, against any server: an abstract JUnit 5 suite that a
 * concrete test class runs against one {@link ContractBackend} (ANCHORS 15).
 *
 * <pre>{@code
 * class DovecotImapContractTest extends MailboxSessionContract {
 *     @Override
 *     protected ContractBackend createBackend() {
 *         return new DovecotImapBackend();     // starts the server; closed after the last case
 *     }
 * }
 * }</pre>
 *
 * <p>Every case opens its own sessions for a fresh user of the backend, seeds it with the {@link ContractCorpus}
 * and checks the result through the neutral API only. A case that needs a feature checks the session's
 * {@link MailboxSession#capabilities() capabilities} first and is skipped, with the missing capability as the printed
 * reason, when the server lacks it; a case the backend lists in {@link ContractBackend#knownGaps()} is skipped with
 * the backend's reason. Nothing passes silently: {@link ContractSkipReporter} prints every skip.
 *
 * <p>One backend serves the whole class ({@link TestInstance.Lifecycle#PER_CLASS}); each case has 60 seconds.
 *
 * <p>The cases are grouped by area in the interfaces this class implements ({@link SessionCases},
 * {@link ListingCases}, {@link StreamingCases}, {@link DeleteCases}, {@link FolderCases}, {@link FlagCases},
 * {@link MoveCases}, {@link SearchCases}, {@link SyncAndPushCases}, {@link AppendCases}); they are parts of this
 * class, not meant to be implemented on their own. A concrete test class extends this class and implements
 * {@link #createBackend()}, nothing else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
@ExtendWith(ContractSkipReporter.class)
public abstract non-sealed class MailboxSessionContract implements SessionCases, ListingCases, StreamingCases,
        DeleteCases, FolderCases, FlagCases, MoveCases, SearchCases, SyncAndPushCases, AppendCases {

    private ContractBackend backend;

    /** For subclasses. */
    protected MailboxSessionContract() {
    }

    /**
     * Creates (and starts) the backend this class runs against; called once, before the first case.
     *
     * @return the backend, closed after the last case
     */
    protected abstract ContractBackend createBackend();

    /**
     * The backend of this class.
     *
     * @return the backend made by {@link #createBackend()}
     * @throws IllegalStateException before the backend is created
     */
    @Override
    public final ContractBackend backend() {
        if (backend == null) {
            throw new IllegalStateException("the backend is created before the first case");
        }
        return backend;
    }

    /** Creates the backend and checks that its known gaps name real cases. */
    @BeforeAll
    public final void startBackend() {
        backend = createBackend();
        Set<String> cases = caseNames();
        assertThat(backend.knownGaps().keySet())
                .as("known gaps of %s must name cases of %s", backend.name(), MailboxSessionContract.class.getName())
                .allSatisfy(name -> assertThat(cases).contains(name));
    }

    /** Closes the backend. */
    @AfterAll
    public final void stopBackend() {
        if (backend != null) {
            backend.close();
        }
    }

    /**
     * Skips a case the backend declared as a known gap, with its reason.
     *
     * @param test the case about to run
     */
    @BeforeEach
    public final void skipKnownGaps(TestInfo test) {
        String name = test.getTestMethod().map(Method::getName).orElse("");
        backend().knownGap(name).ifPresent(reason ->
                Assumptions.abort("known gap of " + backend.name() + ": " + reason));
    }

    /**
     * The names of all cases of the contract, for {@link ContractBackend#knownGaps()}.
     *
     * @return the test method names, those of the interfaces that group the cases included
     */
    public static Set<String> caseNames() {
        Set<String> names = new TreeSet<>();
        Deque<Class<?>> types = new ArrayDeque<>();
        types.add(MailboxSessionContract.class);
        while (!types.isEmpty()) {
            Class<?> type = types.remove();
            for (Method m : type.getDeclaredMethods()) {
                if (m.isAnnotationPresent(Test.class)) {
                    names.add(m.getName());
                }
            }
            types.addAll(List.of(type.getInterfaces()));
        }
        return names;
    }
}
