package org.mailaccess.pop3.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mailaccess.testkit.Fault;
import org.mailaccess.testkit.MessageBuilder;
import org.mailaccess.testkit.RecordedCommand;
import org.mailaccess.testkit.StoredMessage;

/**
 * The mbsync-style crash suite (PITFALLS 3.1 and D1–D6): a run is interrupted at every step, then run again to the
 * end; the store must hold every message exactly once, the server exactly what the policy leaves, nothing may have been
 * deleted that was not stored, and a third run must change nothing.
 */
class CrashRecoveryTest {

    @TempDir
    Path dir;

    private int scenarios;

    /** Where a run is interrupted. */
    enum Step {
        /** D1: the connection drops in the middle of a RETR. */
        DURING_RETR,
        /**
         * D2/D3: after a store write: the draft prepared (durable in tmp/, before the ledger write) or published
         * (renamed into new/, after the ledger write).
         */
        AFTER_STORE_WRITE,
        /** After any ledger commit: the login, a download, the pending deletes, the confirmed deletes. */
        AFTER_LEDGER_WRITE,
        /** D4: the connection drops when DELE arrives, before the server processes it. */
        DELE_NOT_PROCESSED,
        /** D4: DELE was processed, its reply lost with the connection. */
        AFTER_DELE,
        /** D6: DELE answered with -ERR. */
        DELE_REFUSED,
        /** The connection drops on QUIT: the server discards the deletes (RFC 1939 section 6). */
        BEFORE_QUIT,
        /** D5: QUIT committed the deletes, its +OK was lost. */
        AFTER_QUIT,
        /** QUIT answered with -ERR: the deletes are discarded. */
        QUIT_REFUSED
    }

    enum Policy {
        KEEP(LeavePolicy.keep()),
        DELETE_AFTER_DOWNLOAD(LeavePolicy.deleteAfterDownload());

        final LeavePolicy leave;

        Policy(LeavePolicy leave) {
            this.leave = leave;
        }
    }

    /** How many times a step happens in an uninterrupted first run over {@code m} new messages. */
    static int occurrences(Step step, int m, Policy policy) {
        boolean deletes = policy == Policy.DELETE_AFTER_DOWNLOAD;
        switch (step) {
            case DURING_RETR:
                return m;
            case AFTER_STORE_WRITE:
                return 2 * m; // prepare and publish of each message
            case AFTER_LEDGER_WRITE:
                return 1 + m + (deletes ? 2 : 0); // login, downloads, pending deletes, confirmed deletes
            case DELE_NOT_PROCESSED:
            case AFTER_DELE:
            case DELE_REFUSED:
                return deletes ? m : 0;
            default:
                return 1;
        }
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void everyInterruptionPointOfARunRecoversToTheExpectedEndState(Policy policy) throws IOException {
        List<byte[]> mail = List.of(message(0, 300), message(1, 4000), message(2, 40));
        for (Step step : Step.values()) {
            for (int n = 1; n <= occurrences(step, mail.size(), policy); n++) {
                scenario(policy, mail, step, n, 7 + 31L * n);
            }
        }
        assertThat(scenarios).isGreaterThan(policy == Policy.KEEP ? 10 : 20);
    }

    @Test
    void anyMailboxInterruptedAtAnyStepRecovers() {
        qt().withExamples(50).withShrinkCycles(10).forAll(
                lists().of(integers().between(0, 5000)).ofSizeBetween(1, 4),
                arbitrary().enumValues(Policy.class),
                arbitrary().enumValues(Step.class),
                integers().between(0, 1_000_000)).checkAssert((sizes, policy, step, seed) -> {
                    int count = occurrences(step, sizes.size(), policy);
                    List<byte[]> mail = new ArrayList<>();
                    for (int i = 0; i < sizes.size(); i++) {
                        mail.add(message(i, sizes.get(i)));
                    }
                    try {
                        scenario(policy, mail, count == 0 ? null : step, count == 0 ? 0 : 1 + seed % count,
                                seed % 6000);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private static byte[] message(int i, int bodySize) {
        MessageBuilder b = MessageBuilder.message().from("bob@example.org").to("ann@example.org")
                .subject("message " + i).messageId("<m" + i + "@example.org>");
        // bodyOfSize accepts 0 or at least 2; odd small sizes get a fixed body with a dot line (RFC 1939 stuffing).
        return (bodySize >= 2 ? b.bodyOfSize(bodySize) : b.body(".\r\n..\r\n")).build();
    }

    /** One interrupted run, one run to the end, one idempotence run; with {@code step == null}, no interruption. */
    private void scenario(Policy policy, List<byte[]> mail, Step step, int occurrence, long retrBytes)
            throws IOException {
        scenarios++;
        Path home = Files.createDirectory(dir.resolve("s" + scenarios));
        String where = policy + " " + step + " #" + occurrence;
        try (Account a = Account.start(home)) {
            List<StoredMessage> delivered = new ArrayList<>();
            mail.forEach(m -> delivered.add(a.mailbox().deliver(m)));

            Crashes.Trigger storeTrigger = new Crashes.Trigger(
                    step == Step.AFTER_STORE_WRITE ? occurrence : 0, a.server::dropAllConnections);
            Crashes.Trigger ledgerTrigger = new Crashes.Trigger(
                    step == Step.AFTER_LEDGER_WRITE ? occurrence : 0, a.server::dropAllConnections);
            if (step != null) {
                injectServerFault(a, step, occurrence, retrBytes);
            }
            try {
                a.downloader().leavePolicy(policy.leave)
                        .store(new Crashes.Store(a.store, storeTrigger))
                        .ledger(new Crashes.Ledger(a.ledger, ledgerTrigger)).build().run();
            } catch (Crashes.SimulatedCrash expected) {
                // the process "died" here
            }
            // The interruption really happened where this scenario says.
            assertThat(storeTrigger.fired()).as(where).isEqualTo(step == Step.AFTER_STORE_WRITE);
            assertThat(ledgerTrigger.fired()).as(where).isEqualTo(step == Step.AFTER_LEDGER_WRITE);
            assertNothingDeletedThatIsNotStored(a, where);

            a.restart();
            DownloadResult second = a.downloader().leavePolicy(policy.leave).build().run();
            assertThat(second.status()).as(where + ": " + second).isEqualTo(RunStatus.COMPLETED);
            assertThat(second.failed()).as(where).isEmpty();
            assertEndState(a, policy, delivered, where);

            int commandsBefore = a.server.commands().size();
            DownloadResult third = a.downloader().leavePolicy(policy.leave).build().run();
            assertThat(third.downloaded()).as(where + ": idempotent").isEmpty();
            assertThat(third.deleted()).as(where + ": idempotent").isEmpty();
            assertThat(a.server.commands().subList(commandsBefore, a.server.commands().size()))
                    .extracting(RecordedCommand::verb).as(where).doesNotContain("RETR", "DELE");
            assertEndState(a, policy, delivered, where);
        }
    }

    private static void injectServerFault(Account a, Step step, int n, long retrBytes) {
        switch (step) {
            case DURING_RETR:
                a.server.injectFault(Fault.dropAfterReplyBytes("RETR", retrBytes).onOccurrence(n));
                break;
            case DELE_NOT_PROCESSED:
                a.server.injectFault(Fault.dropOnCommand("DELE").onOccurrence(n));
                break;
            case AFTER_DELE:
                a.server.injectFault(Fault.dropAfterProcessing("DELE").onOccurrence(n));
                break;
            case DELE_REFUSED:
                a.server.injectFault(Fault.errorReply("DELE", "[SYS/TEMP] timeout").onOccurrence(n));
                break;
            case BEFORE_QUIT:
                a.server.injectFault(Fault.dropOnCommand("QUIT"));
                break;
            case AFTER_QUIT:
                a.server.injectFault(Fault.dropAfterProcessing("QUIT"));
                break;
            case QUIT_REFUSED:
                a.server.injectFault(Fault.errorReply("QUIT", "[SYS/TEMP] cannot update"));
                break;
            default:
                break; // store and ledger steps crash through the test doubles
        }
    }

    private static void assertNothingDeletedThatIsNotStored(Account a, String where) {
        List<String> stored = a.storedTexts();
        for (StoredMessage gone : a.mailbox().deleted()) {
            assertThat(stored).as(where + ": deleted but not stored: " + gone.uidl()).contains(gone.text());
        }
    }

    private static void assertEndState(Account a, Policy policy, List<StoredMessage> delivered, String where) {
        // Exactly once: same multiset of contents, no extra files.
        assertThat(a.storedTexts()).as(where + ": store").containsExactlyInAnyOrderElementsOf(
                delivered.stream().map(StoredMessage::text).toList());
        assertThat(a.onServer()).as(where + ": server").containsExactlyElementsOf(policy == Policy.KEEP
                ? delivered.stream().map(StoredMessage::uidl).toList() : List.of());
        assertNothingDeletedThatIsNotStored(a, where);
        try (var tmp = Files.list(a.store.directory().resolve("tmp"))) {
            assertThat(tmp).as(where + ": tmp").isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * D3 with a user in between: the process dies right after a message became visible. The user reads it in a
     * Maildir reader (mutt moves it to cur/) and deletes it. The next run must not bring it back: the ledger
     * recorded it before it became visible.
     */
    @Test
    void aMessageTheUserDeletedAfterACrashDoesNotComeBack() throws IOException {
        try (Account a = Account.start(Files.createDirectory(dir.resolve("mutt")))) {
            a.deliver("once");
            Crashes.Trigger trigger = new Crashes.Trigger(2, a.server::dropAllConnections); // 1 prepare, 2 publish
            try {
                a.downloader().store(new Crashes.Store(a.store, trigger)).build().run();
            } catch (Crashes.SimulatedCrash expected) {
                // the process "died" right after the message appeared in new/
            }
            assertThat(trigger.fired()).isTrue();
            a.restart();
            LocalMessage stored = a.store.list().get(0);
            Path maildir = a.store.directory();
            Files.move(maildir.resolve("new").resolve(stored.id()), maildir.resolve("cur").resolve(stored.id()
                    + ":2,S"));
            Files.delete(maildir.resolve("cur").resolve(stored.id() + ":2,S"));

            DownloadResult again = a.downloader().build().run();

            assertThat(again.downloaded()).as("the message the user already had and deleted came back").isEmpty();
            assertThat(a.store.list()).isEmpty();
        }
    }

    /** The process dies between the ledger write and the publication: the next run publishes, without a RETR. */
    @Test
    void aMessageRecordedButNotYetVisibleIsPublishedByTheNextRun() throws IOException {
        try (Account a = Account.start(Files.createDirectory(dir.resolve("recover")))) {
            StoredMessage m = a.deliver("once");
            // Ledger writes: 1 the login, 2 the download record; the crash comes before the rename into new/.
            Crashes.Trigger trigger = new Crashes.Trigger(2, a.server::dropAllConnections);
            try {
                a.downloader().ledger(new Crashes.Ledger(a.ledger, trigger)).build().run();
            } catch (Crashes.SimulatedCrash expected) {
                // died with the message in tmp/
            }
            a.restart();
            assertThat(a.store.list()).isEmpty();
            int before = a.server.commands().size();

            DownloadResult again = a.downloader().build().run();

            assertThat(again.downloaded()).isEmpty();
            assertThat(a.storedTexts()).containsExactly(m.text());
            assertThat(a.server.commands().subList(before, a.server.commands().size()))
                    .extracting(RecordedCommand::verb).doesNotContain("RETR");
        }
    }
}
