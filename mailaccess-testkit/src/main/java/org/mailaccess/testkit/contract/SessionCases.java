package org.mailaccess.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mailaccess.testkit.contract.ContractSupport.assumeTrue;
import static org.mailaccess.testkit.contract.ContractSupport.messageId;
import static org.mailaccess.testkit.contract.ContractSupport.names;
import static org.mailaccess.testkit.contract.ContractSupport.single;
import static org.mailaccess.testkit.contract.ContractSupport.write;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mailaccess.AuthenticationException;
import org.mailaccess.Capability;
import org.mailaccess.Credentials;
import org.mailaccess.DeleteMode;
import org.mailaccess.FetchSpec;
import org.mailaccess.Flag;
import org.mailaccess.FlagOperation;
import org.mailaccess.Flags;
import org.mailaccess.Folder;
import org.mailaccess.LogoutResult;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageKey;
import org.mailaccess.MessageRange;
import org.mailaccess.UnsupportedCapabilityException;
import org.mailaccess.search.SearchQuery;
import org.mailaccess.testkit.contract.ContractSupport.Refusal;

/**
 * Connecting, authenticating and refusing what a capability does not allow: the cases of {@link MailboxSessionContract}
 * about opening an authenticated session and logging out, refusing wrong credentials, and refusing every operation
 * whose capability the session lacks while staying usable.
 *
 * <p>One part of the contract, not meant to be implemented on its own: extend {@link MailboxSessionContract},
 * which implements every part, runs these cases against its {@link ContractBackend} and reports their skips.
 */
public sealed interface SessionCases extends ContractCases permits MailboxSessionContract {

    /**
     * A session opens authenticated, speaks the backend's protocol, has an empty INBOX for a new user, answers NOOP,
     * and ends with a logout that has nothing to commit; a second logout is an {@link IllegalStateException} and
     * {@link MailboxSession#close()} after logout never throws.
     */
    @Test
    default void opensAnAuthenticatedSessionAndLogsOut() {
        String user = backend().createUser();
        MailboxSession s = backend().open(user);
        try {
            assertThat(s.isOpen()).isTrue();
            assertThat(s.protocol()).isEqualTo(backend().protocol());
            assertThat(s.endpoint().protocol()).isEqualTo(backend().protocol());
            assertThat(s.capabilities()).isNotNull();
            assertThat(s.inbox().name()).isEqualTo(MessageKey.INBOX);
            assertThat(s.inbox().status().messages()).isZero();
            assertThat(s.inbox().summaries(MessageRange.all(), FetchSpec.keysAndSizes())).isEmpty();
            s.noop();
            LogoutResult result = s.logout();
            assertThat(result.outcome()).isEqualTo(LogoutResult.Outcome.NOTHING_PENDING);
            assertThat(result.deleted()).isEmpty();
            assertThat(s.isOpen()).isFalse();
            assertThat(catchThrowable(s::logout)).isInstanceOf(IllegalStateException.class);
        } finally {
            s.close();
        }
        s.close();
    }

    /**
     * Wrong credentials are refused with an {@link AuthenticationException} (not a connection or command error), whose
     * message does not contain the password; the right credentials still work afterwards.
     */
    @Test
    default void refusesWrongCredentialsWithAnAuthenticationException() {
        String user = backend().createUser();
        Credentials bad = backend().badCredentials(user);
        Throwable thrown = catchThrowable(() -> backend().open(bad).close());
        assertThat(thrown).as("opening with wrong credentials").isInstanceOf(AuthenticationException.class);
        assertThat(((AuthenticationException) thrown).isSessionUsable()).isFalse();
        if (bad instanceof Credentials.Password password) {
            assertThat(thrown.getMessage()).doesNotContain(password.password());
            assertThat(String.valueOf(thrown)).doesNotContain(password.password());
        }
        try (MailboxSession s = backend().open(user)) {
            assertThat(s.isOpen()).isTrue();
        }
    }

    /**
     * Every operation whose capability the session lacks throws {@link UnsupportedCapabilityException} naming that
     * capability (before anything is sent), and the session stays usable; without FOLDERS the folder list is the
     * INBOX alone.
     */
    @Test
    default void refusesOperationsWhoseCapabilityIsMissingAndStaysUsable() {
        String user = backend().createUser();
        backend().deliver(user, ContractCorpus.plain().bytes());
        try (MailboxSession s = backend().open(user)) {
            MessageKey k = single(s.inbox().summaries(MessageRange.all(), FetchSpec.keysAndSizes())).key();
            Folder inbox = s.inbox();
            Map<String, Refusal> refusals = new LinkedHashMap<>();
            refusals.put("createFolder", new Refusal(Capability.FOLDERS, () -> s.createFolder("Other")));
            refusals.put("folder(Other)", new Refusal(Capability.FOLDERS, () -> s.folder("Other").status()));
            refusals.put("copyTo", new Refusal(Capability.FOLDERS, () -> inbox.copyTo(List.of(k), "Other")));
            refusals.put("delete(EXPUNGE)", new Refusal(Capability.FOLDERS,
                    () -> inbox.delete(List.of(k), DeleteMode.EXPUNGE)));
            refusals.put("updateFlags", new Refusal(Capability.FLAGS,
                    () -> inbox.updateFlags(List.of(k), FlagOperation.ADD, Flags.of(Flag.SEEN))));
            refusals.put("snapshot", new Refusal(Capability.FLAGS, inbox::snapshot));
            refusals.put("search", new Refusal(Capability.SERVER_SEARCH, () -> inbox.search(SearchQuery.all())));
            refusals.put("quota", new Refusal(Capability.QUOTA, () -> s.quota(MessageKey.INBOX)));
            refusals.put("append", new Refusal(Capability.APPEND, () -> inbox.append(
                    new ByteArrayInputStream(ContractCorpus.plain().bytes()), Flags.NONE, null)));
            refusals.put("expunge", new Refusal(Capability.UIDPLUS, () -> inbox.expunge(List.of(k))));
            refusals.put("summaries(headers)", new Refusal(Capability.HEADERS_PREVIEW,
                    () -> inbox.summaries(MessageRange.all(), FetchSpec.headers())));
            refusals.put("parts", new Refusal(Capability.PARTIAL_FETCH, () -> inbox.parts(k)));
            boolean canMove = s.capabilities().has(Capability.MOVE) || s.capabilities().has(Capability.UIDPLUS);
            if (!canMove) {
                refusals.put("moveTo", new Refusal(Capability.MOVE, () -> inbox.moveTo(List.of(k), "Other")));
            }
            refusals.values().removeIf(r -> s.capabilities().has(r.capability()));
            assumeTrue(backend(), !refusals.isEmpty(), "has every capability whose absence this case checks");
            for (Map.Entry<String, Refusal> r : refusals.entrySet()) {
                Throwable thrown = catchThrowable(r.getValue().call()::run);
                assertThat(thrown).as("%s without %s", r.getKey(), r.getValue().capability())
                        .isInstanceOfSatisfying(UnsupportedCapabilityException.class,
                                e -> assertThat(e.capability()).isEqualTo(r.getValue().capability()));
                assertThat(s.isOpen()).isTrue();
            }
            if (!s.capabilities().has(Capability.FOLDERS)) {
                assertThat(names(s.folders())).containsExactly(MessageKey.INBOX);
            }
            s.noop();
            assertThat(messageId(write(inbox, k))).isEqualTo(ContractCorpus.plain().messageId());
        }
    }
}
