package org.mailaccess.pop3.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mailaccess.Flags;
import org.mailaccess.MessageKey;
import org.mailaccess.MessageSummary;

/** Every policy decision, without a server: the plan is a pure function of ledger, listing, policies and time. */
class RunPlanTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private final List<LedgerChange> history = new ArrayList<>();

    private static MessageSummary msg(String uidl, long size) {
        return new MessageSummary(MessageKey.pop3(uidl), size, Flags.NONE, Optional.empty(), Optional.empty());
    }

    private static MessageKey key(String uidl) {
        return MessageKey.pop3(uidl);
    }

    private LedgerState ledger() {
        return LedgerState.EMPTY.with(history);
    }

    private RunPlanTest downloaded(String uidl, long size, Instant at) {
        history.add(new LedgerChange.Downloaded(uidl, at, size));
        return this;
    }

    private RunPlan plan(LeavePolicy leave, SizePolicy size, Instant now, MessageSummary... listing) {
        return RunPlan.of(ledger(), List.of(listing), leave, size, now);
    }

    private RunPlan plan(LeavePolicy leave, Instant now, MessageSummary... listing) {
        return plan(leave, SizePolicy.unlimited(), now, listing);
    }

    @Test
    void newMessagesAreDownloadedAndNothingIsDeletedByDefault() {
        RunPlan p = plan(LeavePolicy.keep(), T0, msg("a", 10), msg("b", 20));

        assertThat(p.download()).extracting(MessageSummary::key).containsExactly(key("a"), key("b"));
        assertThat(p.deleteStored()).isEmpty();
        assertThat(p.kept()).isEmpty();
    }

    @Test
    void downloadedMessagesAreNeverDownloadedAgain() {
        downloaded("a", 10, T0);

        RunPlan p = plan(LeavePolicy.keep(), T0.plusSeconds(60), msg("a", 10), msg("b", 20));

        assertThat(p.download()).extracting(MessageSummary::key).containsExactly(key("b"));
        assertThat(p.kept()).containsExactly(key("a"));
    }

    @Test
    void deleteAfterDownloadAlsoDeletesWhatEarlierRunsDownloaded() {
        downloaded("a", 10, T0);

        RunPlan p = plan(LeavePolicy.deleteAfterDownload(), T0, msg("a", 10));

        assertThat(p.deleteStored()).containsExactly(key("a"));
    }

    @Test
    void deleteDaysAfterDownloadCountsFromTheDownloadNotTheDelivery() {
        downloaded("a", 10, T0);
        LeavePolicy threeDays = LeavePolicy.deleteDaysAfterDownload(3);

        assertThat(plan(threeDays, T0.plus(Duration.ofDays(3)).minusSeconds(1), msg("a", 10)).kept())
                .containsExactly(key("a"));
        assertThat(plan(threeDays, T0.plus(Duration.ofDays(3)), msg("a", 10)).deleteStored())
                .containsExactly(key("a"));
    }

    @Test
    void deleteWhenRemovedFromTrashWaitsForTheApplicationsReport() {
        downloaded("a", 10, T0).downloaded("b", 10, T0);
        history.add(new LedgerChange.RemovedFromTrash("b", T0.plusSeconds(5)));

        RunPlan p = plan(LeavePolicy.deleteWhenRemovedFromTrash(), T0.plus(Duration.ofDays(400)), msg("a", 10),
                msg("b", 10));

        assertThat(p.kept()).containsExactly(key("a"));
        assertThat(p.deleteStored()).containsExactly(key("b"));
    }

    @Test
    void aDeleteNotSeenCommittedIsSentAgainAndTheMessageIsNotDownloadedAgain() {
        downloaded("a", 10, T0);
        history.add(new LedgerChange.DeleteRequested("a"));

        RunPlan p = plan(LeavePolicy.keep(), T0, msg("a", 10));

        assertThat(p.deleteStored()).containsExactly(key("a"));
        assertThat(p.download()).isEmpty();
    }

    @Nested
    class Marks {

        @Test
        void deleteOnServerDeletesANewMessageWithoutDownloadingIt() {
            history.add(new LedgerChange.Marked("a", Mark.DELETE_ON_SERVER));

            RunPlan p = plan(LeavePolicy.keep(), T0, msg("a", 10));

            assertThat(p.deleteUnstored()).containsExactly(key("a"));
            assertThat(p.download()).isEmpty();
        }

        @Test
        void deleteOnServerDeletesADownloadedMessageWhateverThePolicy() {
            downloaded("a", 10, T0);
            history.add(new LedgerChange.Marked("a", Mark.DELETE_ON_SERVER));

            assertThat(plan(LeavePolicy.keep(), T0, msg("a", 10)).deleteStored()).containsExactly(key("a"));
        }

        @Test
        void ignoreLeavesANewMessageAlone() {
            history.add(new LedgerChange.Marked("a", Mark.IGNORE));

            RunPlan p = plan(LeavePolicy.deleteAfterDownload(), T0, msg("a", 10));

            assertThat(p.skipped()).containsExactly(new SkippedMessage(key("a"), 10, SkippedMessage.Reason.IGNORED));
            assertThat(p.download()).isEmpty();
            assertThat(p.deleteUnstored()).isEmpty();
        }

        @Test
        void downloadOverridesTheSizePolicy() {
            history.add(new LedgerChange.Marked("big", Mark.DOWNLOAD));

            RunPlan p = plan(LeavePolicy.keep(), SizePolicy.previewAll(), T0, msg("big", 10_000), msg("b", 5));

            assertThat(p.download()).extracting(MessageSummary::key).containsExactly(key("big"));
            assertThat(p.preview()).extracting(MessageSummary::key).containsExactly(key("b"));
        }

        @Test
        void marksOfMessagesGoneFromTheServerAreDropped() {
            history.add(new LedgerChange.Marked("gone", Mark.IGNORE));

            assertThat(plan(LeavePolicy.keep(), T0).reconcile()).containsExactly(new LedgerChange.Unmarked("gone"));
        }
    }

    @Nested
    class Sizes {

        @Test
        void previewAboveFetchesOnlyTheHeaderOfLargeMessages() {
            RunPlan p = plan(LeavePolicy.keep(), SizePolicy.previewAbove(100), T0, msg("small", 100),
                    msg("large", 101));

            assertThat(p.download()).extracting(MessageSummary::key).containsExactly(key("small"));
            assertThat(p.preview()).extracting(MessageSummary::key).containsExactly(key("large"));
        }

        @Test
        void skipAboveLeavesLargeMessagesOnTheServer() {
            RunPlan p = plan(LeavePolicy.deleteAfterDownload(), SizePolicy.skipAbove(100), T0, msg("large", 101));

            assertThat(p.skipped()).containsExactly(new SkippedMessage(key("large"), 101,
                    SkippedMessage.Reason.TOO_LARGE));
            assertThat(p.deleteStored()).isEmpty();
        }
    }

    @Nested
    class Reconciliation {

        @Test
        void aDownloadedMessageGoneFromTheServerBecomesATombstone() {
            downloaded("a", 10, T0);
            history.add(new LedgerChange.DeleteRequested("a"));

            RunPlan p = plan(LeavePolicy.keep(), T0.plusSeconds(1));

            assertThat(p.reconcile()).containsExactly(new LedgerChange.Gone("a", T0.plusSeconds(1)));
            assertThat(ledger().with(p.reconcile()).downloads().get("a").onServer()).isFalse();
        }

        @Test
        void tombstonesAreForgottenAfterTheRetention() {
            downloaded("a", 10, T0);
            history.add(new LedgerChange.Gone("a", T0));

            assertThat(plan(LeavePolicy.keep(), T0.plus(RunPlan.TOMBSTONE_RETENTION)).reconcile()).isEmpty();
            assertThat(plan(LeavePolicy.keep(), T0.plus(RunPlan.TOMBSTONE_RETENTION).plusSeconds(1)).reconcile())
                    .containsExactly(new LedgerChange.Forgotten("a"));
        }

        @Test
        void aReusedUidlWithAnotherSizeIsANewMessageAndAStaleDeleteMarkIsNotTrusted() {
            downloaded("a", 10, T0);
            history.add(new LedgerChange.DeleteRequested("a"));
            history.add(new LedgerChange.Marked("a", Mark.DELETE_ON_SERVER));

            RunPlan p = plan(LeavePolicy.keep(), T0, msg("a", 11));

            assertThat(p.download()).extracting(MessageSummary::key).containsExactly(key("a"));
            assertThat(p.deleteStored()).isEmpty();
            assertThat(p.deleteUnstored()).isEmpty();
            assertThat(p.reconcile()).containsExactly(new LedgerChange.Forgotten("a"));
            assertThat(p.warnings()).extracting(DownloadWarning::kind).containsExactly(
                    DownloadWarning.Kind.UIDL_REUSED);
        }

        @Test
        void aUidlBackAfterItWasGoneIsANewMessage() {
            downloaded("a", 10, T0);
            history.add(new LedgerChange.Gone("a", T0));

            RunPlan p = plan(LeavePolicy.keep(), T0.plusSeconds(10), msg("a", 10));

            assertThat(p.download()).extracting(MessageSummary::key).containsExactly(key("a"));
            assertThat(p.warnings()).extracting(DownloadWarning::kind).containsExactly(
                    DownloadWarning.Kind.UIDL_REUSED);
        }
    }

    @Test
    void loginDelayGivesTheEarliestNextLogin() {
        history.add(new LedgerChange.LoggedIn(T0, OptionalInt.of(900)));

        assertThat(ledger().lastLogin().flatMap(LedgerState.Login::nextLoginAllowed))
                .contains(T0.plusSeconds(900));
    }
}
