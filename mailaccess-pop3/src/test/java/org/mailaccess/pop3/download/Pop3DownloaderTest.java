package org.mailaccess.pop3.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailaccess.Capability;
import org.mailaccess.Credentials;
import org.mailaccess.LogoutResult;
import org.mailaccess.MailboxClient;
import org.mailaccess.MessageHeaders;
import org.mailaccess.MessageKey;
import org.mailaccess.ProtocolViolationException;
import org.mailaccess.TlsMode;
import org.mailaccess.UnsupportedCapabilityException;
import org.mailaccess.pop3.Pop3Options;
import org.mailaccess.testkit.Fault;
import org.mailaccess.testkit.Pop3Profile;
import org.mailaccess.testkit.RecordedCommand;
import org.mailaccess.testkit.StoredMessage;

/** The leave-on-server policies, preview and marks, server policies and oddities, against the fake POP3 server. */
class Pop3DownloaderTest {

    @TempDir
    Path dir;

    private Account account;

    @AfterEach
    void close() throws IOException {
        if (account != null) {
            account.close();
        }
    }

    private Account account() throws IOException {
        account = Account.start(dir);
        return account;
    }

    private Account account(Pop3Profile profile) throws IOException {
        account = Account.start(dir, profile);
        return account;
    }

    private static List<String> uidls(List<MessageKey> keys) {
        return keys.stream().map(MessageKey::id).toList();
    }

    @Nested
    class LeavePolicies {

        @Test
        void keepDownloadsEachMessageOnceAndLeavesEverythingOnTheServer() throws IOException {
            Account a = account();
            StoredMessage one = a.deliver("one");
            StoredMessage two = a.deliver("two");
            Pop3Downloader downloader = a.downloader().build(); // keep is the default

            DownloadResult first = downloader.run();
            a.deliver("three");
            DownloadResult second = downloader.run();

            assertThat(first.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(uidls(first.downloadedKeys())).containsExactly(one.uidl(), two.uidl());
            assertThat(uidls(second.downloadedKeys())).containsExactly("uid-3");
            assertThat(uidls(second.kept())).containsExactly(one.uidl(), two.uidl(), "uid-3");
            assertThat(second.deleted()).isEmpty();
            assertThat(a.onServer()).containsExactly("uid-1", "uid-2", "uid-3");
            assertThat(a.storedTexts()).hasSize(3).contains(one.text(), two.text());
            assertThat(a.server.commands()).extracting(RecordedCommand::verb).doesNotContain("DELE");
            assertThat(second.server().orElseThrow().messageCount()).isEqualTo(3);
        }

        @Test
        void deleteAfterDownloadDeletesInTheSameSessionOnlyWhatIsStored() throws IOException {
            Account a = account();
            a.deliver("one");
            a.deliver("two");

            DownloadResult result = a.downloader().leavePolicy(LeavePolicy.deleteAfterDownload()).build().run();

            assertThat(result.isClean()).isTrue();
            assertThat(uidls(result.deleted())).containsExactly("uid-1", "uid-2");
            assertThat(result.logout().map(LogoutResult::outcome)).contains(LogoutResult.Outcome.COMMITTED);
            assertThat(a.onServer()).isEmpty();
            assertThat(a.storedTexts()).hasSize(2);
            // Every DELE comes after the last RETR, and QUIT last (RFC 1939 section 6).
            List<String> verbs = a.server.commands().stream().map(RecordedCommand::verb).toList();
            assertThat(verbs.lastIndexOf("RETR")).isLessThan(verbs.indexOf("DELE"));
            assertThat(verbs.get(verbs.size() - 1)).isEqualTo("QUIT");
            assertThat(a.ledger.load().downloads().values()).allMatch(r -> !r.onServer());
        }

        @Test
        void deleteDaysAfterDownloadCountsDaysFromTheDownload() throws IOException {
            Account a = account();
            a.deliver("old");
            Pop3Downloader downloader = a.downloader().leavePolicy(LeavePolicy.deleteDaysAfterDownload(3)).build();
            downloader.run(); // downloads "old" at day 0
            a.clock.advance(Duration.ofDays(2));
            a.deliver("new");
            DownloadResult dayTwo = downloader.run(); // downloads "new" at day 2

            a.clock.advance(Duration.ofDays(1));
            DownloadResult dayThree = downloader.run();

            assertThat(uidls(dayTwo.kept())).containsExactly("uid-1", "uid-2");
            assertThat(uidls(dayThree.deleted())).containsExactly("uid-1");
            assertThat(a.onServer()).containsExactly("uid-2");
            a.clock.advance(Duration.ofDays(2));
            assertThat(uidls(downloader.run().deleted())).containsExactly("uid-2");
            assertThat(a.onServer()).isEmpty();
        }

        @Test
        void deleteWhenRemovedFromTrashDeletesOnlyWhatTheApplicationReported() throws IOException {
            Account a = account();
            a.deliver("one");
            a.deliver("two");
            Pop3Downloader downloader = a.downloader().leavePolicy(LeavePolicy.deleteWhenRemovedFromTrash())
                    .build();
            DownloadResult first = downloader.run();
            a.clock.advance(Duration.ofDays(365));
            assertThat(downloader.run().deleted()).isEmpty();

            LocalMessage two = first.downloaded().get(1);
            a.store.delete(two); // the user empties the trash...
            downloader.reportRemovedFromTrash(two.key()); // ...and the application says so

            DownloadResult after = downloader.run();
            assertThat(uidls(after.deleted())).containsExactly("uid-2");
            assertThat(a.onServer()).containsExactly("uid-1");
            assertThat(after.downloaded()).isEmpty(); // removed locally, still not downloaded again
        }
    }

    @Nested
    class PreviewAndMarks {

        @Test
        void previewShowsHeadersOfNewMessagesAndTheNextRunActsOnTheMarks() throws IOException {
            Account a = account();
            a.deliver("keep me");
            a.deliver("spam");
            a.deliver("later");
            a.deliver("undecided");
            Pop3Downloader downloader = a.downloader().sizePolicy(SizePolicy.previewAll()).build();

            PreviewResult preview = downloader.preview();

            assertThat(preview.status()).isEqualTo(RunStatus.COMPLETED);
            Map<String, PreviewedMessage> bySubject = preview.messages().stream().collect(Collectors.toMap(
                    p -> p.headers().flatMap(MessageHeaders::subject).orElseThrow(), Function.identity()));
            assertThat(bySubject).containsOnlyKeys("keep me", "spam", "later", "undecided");
            assertThat(a.server.commands()).extracting(RecordedCommand::verb).doesNotContain("RETR", "DELE");

            downloader.mark(bySubject.get("keep me").key(), Mark.DOWNLOAD);
            downloader.mark(bySubject.get("spam").key(), Mark.DELETE_ON_SERVER);
            downloader.mark(bySubject.get("later").key(), Mark.IGNORE);
            DownloadResult run = downloader.run();

            assertThat(run.downloadedKeys()).containsExactly(bySubject.get("keep me").key());
            assertThat(run.deleted()).containsExactly(bySubject.get("spam").key());
            assertThat(run.skipped()).extracting(SkippedMessage::key).containsExactly(bySubject.get("later").key());
            assertThat(run.previewed()).extracting(PreviewedMessage::key)
                    .containsExactly(bySubject.get("undecided").key());
            assertThat(a.storedTexts()).singleElement().asString().contains("Subject: keep me");
            assertThat(a.onServer()).containsExactly("uid-1", "uid-3", "uid-4");
            assertThat(a.ledger.load().marks()).containsOnlyKeys("uid-3"); // IGNORE stays; the others were done
        }

        @Test
        void largeMessagesArePreviewedAndTheMailboxSizeIsReported() throws IOException {
            Account a = account();
            a.deliver("small", 100);
            a.deliver("large", 20_000);

            DownloadResult result = a.downloader().sizePolicy(SizePolicy.previewAbove(10_000)).build().run();

            assertThat(uidls(result.downloadedKeys())).containsExactly("uid-1");
            assertThat(result.previewed()).singleElement().satisfies(p -> {
                assertThat(p.key().id()).isEqualTo("uid-2");
                assertThat(p.headers().flatMap(MessageHeaders::subject)).contains("large");
            });
            long total = a.mailbox().messages().stream().mapToLong(StoredMessage::size).sum();
            assertThat(result.server().orElseThrow().mailboxSize()).isEqualTo(total);
        }

        @Test
        void largeMessagesAreSkippedWithSkipAbove() throws IOException {
            Account a = account();
            a.deliver("large", 20_000);

            DownloadResult result = a.downloader().sizePolicy(SizePolicy.skipAbove(10_000))
                    .leavePolicy(LeavePolicy.deleteAfterDownload()).build().run();

            assertThat(result.skipped()).singleElement().extracting(SkippedMessage::reason)
                    .isEqualTo(SkippedMessage.Reason.TOO_LARGE);
            assertThat(a.onServer()).containsExactly("uid-1");
            assertThat(a.storedTexts()).isEmpty();
        }

        @Test
        void previewWithoutTopReportsMessagesWithoutHeaders() throws IOException {
            Account a = account(Pop3Profile.defaults().withoutTop());
            a.deliver("one");

            PreviewResult preview = a.downloader().build().preview();

            assertThat(preview.messages()).singleElement().satisfies(p -> assertThat(p.headers()).isEmpty());
            assertThat(preview.warnings()).extracting(DownloadWarning::kind)
                    .containsExactly(DownloadWarning.Kind.HEADERS_UNAVAILABLE);
        }
    }

    @Nested
    class ServerPolicies {

        @Test
        void loginDelayIsHonouredFromTheLedgerWithoutConnecting() throws IOException {
            Account a = account(Pop3Profile.defaults().withLoginDelay(900));
            a.deliver("one");
            Pop3Downloader downloader = a.downloader().build();
            assertThat(downloader.run().server().orElseThrow().loginDelaySeconds()).hasValue(900);
            int connections = a.server.connectionCount();

            a.clock.advance(Duration.ofSeconds(899));
            DownloadResult tooSoon = downloader.run();

            assertThat(tooSoon.status()).isEqualTo(RunStatus.LOGIN_DELAYED);
            assertThat(tooSoon.nextLoginAllowed()).contains(a.clock.instant().plusSeconds(1));
            assertThat(a.server.connectionCount()).isEqualTo(connections);
            a.restart(); // the last login is durable
            a.clock.advance(Duration.ofSeconds(1));
            assertThat(a.downloader().build().run().status()).isEqualTo(RunStatus.COMPLETED);
        }

        @Test
        void aLoginRefusedWithTheLoginDelayCodeIsReportedAsDelayed() throws IOException {
            Account a = account(Pop3Profile.defaults().withoutSasl()); // so that the password goes with PASS
            a.server.injectFault(Fault.rawReply("PASS", "-ERR [LOGIN-DELAY] wait 10 minutes\r\n"));

            DownloadResult result = a.downloader().build().run();

            assertThat(result.status()).isEqualTo(RunStatus.LOGIN_DELAYED);
        }

        @Test
        void expireZeroIsReportedWhenItOverridesTheLeavePolicy() throws IOException {
            Account a = account(Pop3Profile.defaults().withExpire("0"));
            a.deliver("one");

            DownloadResult keep = a.downloader().build().run();
            DownloadResult delete = a.downloader().leavePolicy(LeavePolicy.deleteAfterDownload()).build().run();

            assertThat(keep.server().orElseThrow().expireDays()).hasValue(0);
            assertThat(keep.warnings()).extracting(DownloadWarning::kind)
                    .contains(DownloadWarning.Kind.SERVER_EXPIRE_OVERRIDES_POLICY);
            assertThat(delete.warnings()).extracting(DownloadWarning::kind)
                    .doesNotContain(DownloadWarning.Kind.SERVER_EXPIRE_OVERRIDES_POLICY);
        }

        @Test
        void expireOfFewerDaysThanThePolicyIsReported() throws IOException {
            Account a = account(Pop3Profile.defaults().withExpire("30"));

            DownloadResult result = a.downloader().leavePolicy(LeavePolicy.deleteDaysAfterDownload(60)).build().run();

            assertThat(result.warnings()).extracting(DownloadWarning::message).anySatisfy(
                    m -> assertThat(m).contains("EXPIRE 30"));
        }
    }

    @Nested
    class UidlOddities {

        @Test
        void aServerWithoutUidlFailsClearlyBeforeDownloadingOrDeleting() throws IOException {
            Account a = account(Pop3Profile.defaults().withoutUidl());
            a.deliver("one");

            DownloadResult result = a.downloader().leavePolicy(LeavePolicy.deleteAfterDownload()).build().run();

            assertThat(result.status()).isEqualTo(RunStatus.FAILED);
            assertThat(result.error()).containsInstanceOf(UnsupportedCapabilityException.class);
            assertThat(((UnsupportedCapabilityException) result.error().get()).capability())
                    .isEqualTo(Capability.PERSISTENT_IDS);
            assertThat(a.server.commands()).extracting(RecordedCommand::verb).doesNotContain("RETR", "DELE");
            assertThat(a.onServer()).hasSize(1);
        }

        @Test
        void aServerWithoutUidlWorksInTheDegradedHeaderDigestModeWhenTheApplicationAsksForIt() throws IOException {
            Account a = account(Pop3Profile.defaults().withoutUidl());
            a.deliver("one");
            a.deliver("two");
            MailboxClient degraded = Account.CLIENT.newBuilder()
                    .options(Pop3Options.builder().allowHeaderDigestIds(true).build()).build();
            Pop3Downloader downloader = Pop3Downloader.builder(degraded,
                    a.server.endpoint(TlsMode.INSECURE_PLAINTEXT), Credentials.password(Account.USER,
                            Account.PASSWORD)).store(a.store).ledger(a.ledger).clock(a.clock).build();

            DownloadResult first = downloader.run();
            DownloadResult second = downloader.run();

            assertThat(first.downloadedKeys()).hasSize(2).allSatisfy(k -> assertThat(k.id()).startsWith("sha256:"));
            assertThat(second.downloaded()).isEmpty();
            assertThat(a.storedTexts()).hasSize(2);
        }

        @Test
        void duplicateUidlsFailClearlyBeforeDownloadingOrDeleting() throws IOException {
            Account a = account();
            byte[] m = "Subject: x\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII);
            a.mailbox().deliver(m, "same");
            a.mailbox().deliver(m, "same");

            DownloadResult result = a.downloader().leavePolicy(LeavePolicy.deleteAfterDownload()).build().run();

            assertThat(result.status()).isEqualTo(RunStatus.FAILED);
            assertThat(result.error()).containsInstanceOf(ProtocolViolationException.class);
            assertThat(a.server.commands()).extracting(RecordedCommand::verb).doesNotContain("RETR", "DELE");
            assertThat(a.storedTexts()).isEmpty();
        }

        @Test
        void aReusedUidlWithAnotherSizeIsDownloadedAsANewMessageWithAWarning() throws IOException {
            Account a = account();
            a.mailbox().deliver("Subject: first\r\n\r\nfirst\r\n".getBytes(StandardCharsets.US_ASCII), "7");
            Pop3Downloader downloader = a.downloader().build();
            downloader.run();
            a.mailbox().clear();
            a.mailbox().deliver("Subject: second\r\n\r\nsecond, longer\r\n".getBytes(StandardCharsets.US_ASCII),
                    "7");

            DownloadResult result = downloader.run();

            assertThat(uidls(result.downloadedKeys())).containsExactly("7");
            assertThat(result.warnings()).extracting(DownloadWarning::kind)
                    .containsExactly(DownloadWarning.Kind.UIDL_REUSED);
            assertThat(a.storedTexts()).hasSize(2);
            assertThat(a.store.find(MessageKey.pop3("7"))).hasSize(2);
        }
    }

    @Test
    void aRefusedDeleteIsReportedAndSentAgainByTheNextRun() throws IOException {
        Account a = account();
        a.deliver("one");
        a.deliver("two");
        a.server.injectFault(Fault.errorReply("DELE", "[SYS/TEMP] try later").onOccurrence(2));
        Pop3Downloader downloader = a.downloader().leavePolicy(LeavePolicy.deleteAfterDownload()).build();

        DownloadResult first = downloader.run();

        assertThat(first.failed()).singleElement().satisfies(f -> {
            assertThat(f.key().id()).isEqualTo("uid-2");
            assertThat(f.stage()).isEqualTo(MessageFailure.Stage.DELETE);
        });
        assertThat(uidls(first.deleted())).containsExactly("uid-1");
        assertThat(uidls(first.deletePending())).containsExactly("uid-2");
        assertThat(a.onServer()).containsExactly("uid-2");

        DownloadResult second = downloader.run();
        assertThat(second.downloaded()).isEmpty();
        assertThat(uidls(second.deleted())).containsExactly("uid-2");
        assertThat(a.onServer()).isEmpty();
        assertThat(a.storedTexts()).hasSize(2);
    }

    @Test
    void theListenerSeesEveryMessageAndByteOfTheTotal() throws IOException {
        Account a = account();
        long total = a.deliver("one", 3000).size() + a.deliver("two", 200_000).size();
        List<DownloadListener.Progress> progress = new ArrayList<>();
        List<LocalMessage> stored = new ArrayList<>();
        long[] started = new long[2];
        DownloadListener listener = new DownloadListener() {
            @Override
            public void started(int messages, long bytes) {
                started[0] = messages;
                started[1] = bytes;
            }

            @Override
            public void progress(DownloadListener.Progress p) {
                progress.add(p);
            }

            @Override
            public void downloaded(LocalMessage message) {
                stored.add(message);
            }
        };

        a.downloader().listener(listener).build().run();

        assertThat(started).containsExactly(2, total);
        assertThat(stored).hasSize(2);
        assertThat(progress).extracting(DownloadListener.Progress::bytesDone).isSorted();
        DownloadListener.Progress last = progress.get(progress.size() - 1);
        assertThat(last.messagesDone()).isEqualTo(2);
        assertThat(last.bytesDone()).isEqualTo(total);
        assertThat(last.bytesTotal()).isEqualTo(total);
        assertThat(progress.size()).isGreaterThan(3); // the big message reports while it streams
    }

    @Test
    void aThrowingListenerDoesNotStopTheRun() throws IOException {
        Account a = account();
        a.deliver("one");

        DownloadResult result = a.downloader().listener(new DownloadListener() {
            @Override
            public void progress(DownloadListener.Progress p) {
                throw new IllegalStateException("bug in the UI");
            }
        }).build().run();

        assertThat(result.downloaded()).hasSize(1);
        assertThat(result.warnings()).extracting(DownloadWarning::kind)
                .containsExactly(DownloadWarning.Kind.LISTENER_FAILED);
    }
}
