package org.mailaccess.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailaccess.pop3.Pop3Fixtures.USER;
import static org.mailaccess.pop3.Pop3Fixtures.open;
import static org.mailaccess.pop3.Pop3Fixtures.seeded;
import static org.mailaccess.pop3.Pop3Fixtures.verbs;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mailaccess.Capability;
import org.mailaccess.CommandFailedException;
import org.mailaccess.FetchSpec;
import org.mailaccess.Folder;
import org.mailaccess.FolderRole;
import org.mailaccess.FolderStatus;
import org.mailaccess.LogoutResult;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageKey;
import org.mailaccess.MessageRange;
import org.mailaccess.MessageSummary;
import org.mailaccess.Protocol;
import org.mailaccess.TlsMode;
import org.mailaccess.UnsupportedCapabilityException;
import org.mailaccess.testkit.Fault;
import org.mailaccess.testkit.FakePop3Server;
import org.mailaccess.testkit.MessageBuilder;
import org.mailaccess.testkit.Pop3Profile;
import org.mailaccess.testkit.RecordedCommand;

@Timeout(20)
class Pop3SessionTest {

    private final FakePop3Server server = FakePop3Server.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private static List<MessageSummary> all(MailboxSession s) {
        return s.inbox().summaries(MessageRange.all(), FetchSpec.keysAndSizes());
    }

    @Nested
    class Opening {

        @Test
        void mailboxClientOpensAWorkingPop3SessionOverStartTls() {
            seeded(server, 2);
            CapturingListener events = new CapturingListener();
            try (MailboxSession s = open(server, events)) {
                assertThat(s.protocol()).isEqualTo(Protocol.POP3);
                assertThat(s.endpoint().tls()).isEqualTo(TlsMode.STARTTLS_REQUIRED);
                assertThat(s.isOpen()).isTrue();
                assertThat(s.inbox().status().messages()).isEqualTo(2);
            }
            assertThat(server.commands().get(0).verb()).isEqualTo("STLS");
            assertThat(server.commands().subList(1, server.commands().size()))
                    .allSatisfy(c -> assertThat(c.tls()).as(c.line()).isTrue());
            assertThat(events.events).contains("tls TLSv1.3", "authenticated ann PLAIN", "closed");
        }

        @Test
        void implicitTlsIsTheDefaultAndWorks() {
            try (FakePop3Server tls = seeded(FakePop3Server.builder().implicitTls().start(), 1);
                    MailboxSession s = open(tls)) {
                assertThat(s.endpoint().tls()).isEqualTo(TlsMode.IMPLICIT);
                assertThat(all(s)).hasSize(1);
                assertThat(tls.commands()).allSatisfy(c -> assertThat(c.tls()).isTrue());
                assertThat(verbs(tls)).doesNotContain("STLS");
            }
        }

        @Test
        void capaIsAskedAfterTlsAndAgainAfterLogin() {
            seeded(server, 0);
            try (MailboxSession s = open(server)) {
                assertThat(s.isOpen()).isTrue();
                assertThat(verbs(server)).startsWith("STLS", "CAPA", "AUTH", "CAPA");
            }
        }

        @Test
        void plaintextOnlyWhenTheEndpointSaysSo() {
            try (FakePop3Server plain = seeded(FakePop3Server.builder().profile(Pop3Profile.defaults().withoutStls())
                    .start(), 1); MailboxSession s = open(plain)) {
                assertThat(s.endpoint().tls()).isEqualTo(TlsMode.INSECURE_PLAINTEXT);
                assertThat(plain.commands()).allSatisfy(c -> assertThat(c.tls()).isFalse());
            }
        }
    }

    @Nested
    class Capabilities {

        @Test
        void capabilitiesFollowTheServerAndNeverClaimImapFeatures() {
            seeded(server, 0);
            try (MailboxSession s = open(server)) {
                org.mailaccess.Capabilities caps = s.capabilities();
                assertThat(caps.features()).containsExactlyInAnyOrder(Capability.HEADERS_PREVIEW,
                        Capability.PERSISTENT_IDS, Capability.PIPELINING);
                assertThat(caps.serverTokens()).contains("TOP", "UIDL", "PIPELINING", "SASL PLAIN XOAUTH2")
                        .doesNotContain("STLS");
            }
        }

        @Test
        void foldersIsTheInboxAloneAndSendsNothing() {
            seeded(server, 0);
            try (MailboxSession s = open(server)) {
                int before = server.commands().size();
                assertThat(s.folders()).singleElement().satisfies(f -> {
                    assertThat(f.name()).isEqualTo("INBOX");
                    assertThat(f.role()).contains(FolderRole.INBOX);
                });
                assertThat(s.folder("inbox").name()).isEqualTo("INBOX");
                assertThatThrownBy(() -> s.folder("Sent")).isInstanceOfSatisfying(
                        UnsupportedCapabilityException.class, e -> assertThat(e.capability()).isEqualTo(Capability.FOLDERS));
                assertThatThrownBy(() -> s.quota("INBOX")).isInstanceOfSatisfying(
                        UnsupportedCapabilityException.class, e -> assertThat(e.capability()).isEqualTo(Capability.QUOTA));
                assertThat(server.commands()).hasSize(before);
                assertThat(s.isOpen()).isTrue();
            }
        }

        @Test
        void pop3AccessIsTheOnlyExtension() {
            seeded(server, 0);
            try (MailboxSession s = open(server)) {
                assertThat(s.extension(Pop3Access.class)).isPresent();
                assertThat(s.extension(Object.class)).isEmpty();
                assertThat(s.extension(MailboxSession.class)).isEmpty();
            }
        }

        @Test
        void expireAndLoginDelayComeFromCapa() {
            try (FakePop3Server s2 = seeded(FakePop3Server.builder()
                    .profile(Pop3Profile.defaults().withExpire("30").withLoginDelay(900)).start(), 0);
                    MailboxSession s = open(s2)) {
                Pop3Access pop3 = s.extension(Pop3Access.class).orElseThrow();
                assertThat(pop3.expirePolicy()).contains("30");
                assertThat(pop3.loginDelaySeconds()).hasValue(900);
            }
        }

        @Test
        void expireAndLoginDelayAreEmptyWhenNotAdvertised() {
            seeded(server, 0);
            try (MailboxSession s = open(server)) {
                Pop3Access pop3 = s.extension(Pop3Access.class).orElseThrow();
                assertThat(pop3.expirePolicy()).isEmpty();
                assertThat(pop3.loginDelaySeconds()).isEmpty();
            }
        }
    }

    @Nested
    class Listing {

        @Test
        void statusComesFromStat() {
            seeded(server, 3);
            long total = server.mailbox(USER).messages().stream().mapToLong(m -> m.size()).sum();
            try (MailboxSession s = open(server)) {
                FolderStatus status = s.inbox().status();
                assertThat(status.messages()).isEqualTo(3);
                assertThat(status.totalSize()).hasValue(total);
                assertThat(status.unseen()).isEmpty();
                assertThat(status.uidValidity()).isEmpty();
                assertThat(status.uidNext()).isEmpty();
                assertThat(s.extension(Pop3Access.class).orElseThrow().mailboxSize()).isEqualTo(total);
            }
        }

        @Test
        void summariesHaveUidlKeysListSizesAndParsedHeaders() {
            seeded(server, 3);
            try (MailboxSession s = open(server)) {
                List<MessageSummary> list = s.inbox().summaries(MessageRange.all(), FetchSpec.headers());
                assertThat(list).extracting(m -> m.key().id()).containsExactly("uid-1", "uid-2", "uid-3");
                assertThat(list).extracting(MessageSummary::size).containsExactlyElementsOf(
                        server.mailbox(USER).messages().stream().map(m -> (long) m.size()).toList());
                assertThat(list).allSatisfy(m -> {
                    assertThat(m.key().folder()).isEqualTo("INBOX");
                    assertThat(m.flags().isEmpty()).isTrue();
                    assertThat(m.internalDate()).isEmpty();
                });
                assertThat(list).extracting(m -> m.headers().orElseThrow().subject().orElseThrow())
                        .containsExactly("m1", "m2", "m3");
                assertThat(list.get(0).headers().orElseThrow().from()).singleElement()
                        .satisfies(a -> assertThat(a.address()).isEqualTo("bob@example.org"));
            }
            assertThat(server.commands()).extracting(RecordedCommand::line).contains("TOP 1 0", "TOP 2 0", "TOP 3 0");
        }

        @Test
        void keysOnlyListingSendsNoTopAndUidlOncePerSession() {
            seeded(server, 3);
            try (MailboxSession s = open(server)) {
                all(s);
                all(s);
                s.inbox().summaries(MessageRange.newest(1), FetchSpec.keysAndSizes());
            }
            assertThat(verbs(server)).doesNotContain("TOP");
            assertThat(verbs(server).stream().filter("UIDL"::equals)).hasSize(1);
            assertThat(verbs(server).stream().filter("LIST"::equals)).hasSize(1);
        }

        @Test
        void newestGivesTheLastMessagesInServerOrder() {
            seeded(server, 5);
            try (MailboxSession s = open(server)) {
                assertThat(s.inbox().summaries(MessageRange.newest(2), FetchSpec.headers()))
                        .extracting(m -> m.key().id()).containsExactly("uid-4", "uid-5");
                assertThat(s.inbox().summaries(MessageRange.newest(50), FetchSpec.keysAndSizes())).hasSize(5);
            }
            assertThat(server.commands()).extracting(RecordedCommand::line)
                    .contains("TOP 4 0", "TOP 5 0").doesNotContain("TOP 1 0");
        }

        @Test
        void explicitKeysLeaveOutUnknownOnesAndKeepServerOrder() {
            seeded(server, 3);
            try (MailboxSession s = open(server)) {
                List<MessageSummary> list = s.inbox().summaries(MessageRange.of(List.of(MessageKey.pop3("uid-3"),
                        MessageKey.pop3("gone"), MessageKey.pop3("uid-1"))), FetchSpec.headers());
                assertThat(list).extracting(m -> m.key().id()).containsExactly("uid-1", "uid-3");
            }
        }

        @Test
        void uidRangesAndForeignKeysAreRefusedBeforeAnythingIsSent() {
            seeded(server, 1);
            try (MailboxSession s = open(server)) {
                int before = server.commands().size();
                assertThatThrownBy(() -> s.inbox().summaries(MessageRange.uids(1, 5), FetchSpec.keysAndSizes()))
                        .isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> s.inbox().summaries(
                        MessageRange.of(List.of(MessageKey.imap("INBOX", 7, 1))), FetchSpec.keysAndSizes()))
                        .isInstanceOf(IllegalArgumentException.class);
                assertThat(server.commands()).hasSize(before);
                assertThat(all(s)).hasSize(1);
            }
        }

        @Test
        void headersAreCappedAtMaxHeaderBytesKeepingTheFirstPart() {
            server.addUser(USER, Pop3Fixtures.PASSWORD);
            server.mailbox(USER).deliver(MessageBuilder.message().subject("big").header("X-Filler",
                    "x".repeat(900)).header("X-Filler2", "y".repeat(900)).header("X-Last", "z").body("hi\r\n"));
            try (MailboxSession s = open(server, Pop3Options.builder().maxHeaderBytes(1024).build())) {
                MessageSummary m = s.inbox().summaries(MessageRange.all(), FetchSpec.headers()).get(0);
                assertThat(m.headers().orElseThrow().raw()).hasSizeLessThanOrEqualTo(1024);
                assertThat(m.headers().orElseThrow().subject()).contains("big");
                assertThat(m.headers().orElseThrow().first("X-Last")).isEmpty();
                // The rest of the TOP reply was read and dropped: the session is still in step.
                assertThat(s.inbox().status().messages()).isEqualTo(1);
            }
        }
    }

    @Nested
    class Retrieval {

        private final byte[] tricky = ("Subject: dots\r\n\r\n.\r\n..x\r\n.hidden\r\nbare\nlf\n.after-lf\r\n"
                + "cr\ronly\r\n\u00e9t\u00e9 8-bit\r\n\r\n.\r\n").getBytes(StandardCharsets.ISO_8859_1);

        @Test
        void retrReturnsBodyByteExactWithDotLinesAndBareLf() throws Exception {
            server.addUser(USER, Pop3Fixtures.PASSWORD);
            server.mailbox(USER).deliver(tricky);
            try (MailboxSession s = open(server)) {
                MessageKey key = all(s).get(0).key();
                try (InputStream in = s.inbox().openMessage(key)) {
                    assertThat(in.readAllBytes()).isEqualTo(tricky);
                }
                ByteArrayOutputStream sink = new ByteArrayOutputStream();
                assertThat(s.inbox().writeMessage(key, sink)).isEqualTo(tricky.length);
                assertThat(sink.toByteArray()).isEqualTo(tricky);
                assertThat(s.inbox().status().messages()).isEqualTo(1);
            }
        }

        @Test
        void closingAMessageStreamEarlyKeepsTheSessionInStep() throws Exception {
            seeded(server, 2);
            try (MailboxSession s = open(server)) {
                List<MessageSummary> list = all(s);
                try (InputStream in = s.inbox().openMessage(list.get(0).key())) {
                    assertThat(in.read()).isEqualTo('D');
                    assertThatThrownBy(s::noop).isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining("still open");
                }
                ByteArrayOutputStream sink = new ByteArrayOutputStream();
                s.inbox().writeMessage(list.get(1).key(), sink);
                assertThat(sink.toByteArray()).isEqualTo(server.mailbox(USER).messages().get(1).bytes());
            }
        }

        @Test
        void unknownKeyFailsWithCommandFailedAndSessionStaysUsable() {
            seeded(server, 1);
            try (MailboxSession s = open(server)) {
                assertThatThrownBy(() -> s.inbox().openMessage(MessageKey.pop3("nope")))
                        .isInstanceOfSatisfying(CommandFailedException.class, e -> {
                            assertThat(e.command()).isEqualTo("RETR");
                            assertThat(e.isSessionUsable()).isTrue();
                        });
                assertThat(s.isOpen()).isTrue();
                s.noop();
            }
            assertThat(verbs(server)).doesNotContain("RETR");
        }

        @Test
        void aFailingSinkIsReportedAfterTheMessageWasReadToTheEnd() {
            seeded(server, 2);
            try (MailboxSession s = open(server)) {
                List<MessageSummary> list = all(s);
                java.io.OutputStream broken = new java.io.OutputStream() {
                    @Override
                    public void write(int b) throws java.io.IOException {
                        throw new java.io.IOException("disk full");
                    }
                };
                assertThatThrownBy(() -> s.inbox().writeMessage(list.get(0).key(), broken))
                        .isInstanceOf(java.io.UncheckedIOException.class).hasRootCauseMessage("disk full");
                assertThat(s.isOpen()).isTrue();
                ByteArrayOutputStream sink = new ByteArrayOutputStream();
                s.inbox().writeMessage(list.get(1).key(), sink);
                assertThat(sink.toByteArray()).isEqualTo(server.mailbox(USER).messages().get(1).bytes());
            }
        }
    }

    @Nested
    class Deletion {

        @Test
        void deleteOnlyMarksAndLogoutCommits() {
            seeded(server, 3);
            try (MailboxSession s = open(server)) {
                List<MessageSummary> list = all(s);
                s.inbox().delete(List.of(list.get(0).key(), list.get(2).key()));
                Pop3Access pop3 = s.extension(Pop3Access.class).orElseThrow();
                assertThat(pop3.pendingDeletes()).containsExactly(list.get(0).key(), list.get(2).key());
                assertThat(server.mailbox(USER).messages()).hasSize(3);
                assertThat(all(s)).extracting(m -> m.key().id()).containsExactly("uid-2");
                assertThat(s.inbox().status().messages()).isEqualTo(1);
                LogoutResult result = s.logout();
                assertThat(result.outcome()).isEqualTo(LogoutResult.Outcome.COMMITTED);
                assertThat(result.deleted()).containsExactlyInAnyOrder(list.get(0).key(), list.get(2).key());
                assertThat(s.isOpen()).isFalse();
                assertThat(pop3.pendingDeletes()).isEmpty();
            }
            assertThat(server.mailbox(USER).messages()).extracting(m -> m.uidl()).containsExactly("uid-2");
        }

        @Test
        void deletingUnknownOrAlreadyMarkedKeysIsANoOp() {
            seeded(server, 2);
            try (MailboxSession s = open(server)) {
                MessageKey first = all(s).get(0).key();
                s.inbox().delete(List.of(first));
                s.inbox().delete(List.of(first, MessageKey.pop3("never-there")));
                assertThat(s.extension(Pop3Access.class).orElseThrow().pendingDeletes()).containsExactly(first);
            }
            assertThat(verbs(server).stream().filter("DELE"::equals)).hasSize(1);
        }

        @Test
        void resetUnmarksEverything() {
            seeded(server, 2);
            try (MailboxSession s = open(server)) {
                s.inbox().delete(all(s).stream().map(MessageSummary::key).toList());
                Pop3Access pop3 = s.extension(Pop3Access.class).orElseThrow();
                pop3.reset();
                assertThat(pop3.pendingDeletes()).isEmpty();
                assertThat(all(s)).hasSize(2);
                assertThat(s.logout().outcome()).isEqualTo(LogoutResult.Outcome.NOTHING_PENDING);
            }
            assertThat(server.mailbox(USER).messages()).hasSize(2);
            assertThat(verbs(server)).contains("RSET");
        }

        @Test
        void retrOfAMarkedMessageFailsWithoutSendingRetr() {
            seeded(server, 1);
            try (MailboxSession s = open(server)) {
                MessageKey key = all(s).get(0).key();
                s.inbox().delete(List.of(key));
                assertThatThrownBy(() -> s.inbox().openMessage(key)).isInstanceOf(CommandFailedException.class);
            }
            assertThat(verbs(server)).doesNotContain("RETR");
        }

        @Test
        void closeAlsoCommitsAndNeverThrows() {
            seeded(server, 1);
            MailboxSession s = open(server);
            s.inbox().delete(List.of(all(s).get(0).key()));
            s.close();
            s.close();
            assertThat(s.isOpen()).isFalse();
            assertThat(server.mailbox(USER).messages()).isEmpty();
            assertThatThrownBy(s::logout).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(s::noop).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void closeWithAHalfReadStreamDropsTheConnectionSoNothingIsDeleted() throws Exception {
            seeded(server, 2);
            MailboxSession s = open(server);
            List<MessageSummary> list = all(s);
            s.inbox().delete(List.of(list.get(0).key()));
            InputStream in = s.inbox().openMessage(list.get(1).key());
            in.read();
            s.close();
            assertThat(s.isOpen()).isFalse();
            assertThat(verbs(server)).doesNotContain("QUIT");
            // The fake releases the maildrop once it notices the drop.
            awaitUntil(() -> server.mailbox(USER).messages().size() == 2);
        }
    }

    @Nested
    class Threads {

        @Test
        void aSecondThreadIsRefusedWhileTheSessionIsBusy() throws Exception {
            seeded(server, 1);
            try (MailboxSession s = open(server)) {
                server.injectFault(Fault.stall("NOOP", Duration.ofMillis(700)));
                CompletableFuture<Void> busy = CompletableFuture.runAsync(s::noop);
                awaitUntil(() -> verbs(server).contains("NOOP"));
                assertThatThrownBy(() -> s.inbox().status()).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("another thread");
                busy.get(5, TimeUnit.SECONDS);
                assertThat(s.inbox().status().messages()).isEqualTo(1);
            }
        }

        @Test
        void closeFromAnotherThreadAbortsTheRunningCall() throws Exception {
            seeded(server, 1);
            MailboxSession s = open(server);
            server.injectFault(Fault.stall("NOOP", Duration.ofSeconds(10)));
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<Throwable> call = CompletableFuture.supplyAsync(() -> {
                started.countDown();
                try {
                    s.noop();
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            started.await();
            awaitUntil(() -> verbs(server).contains("NOOP"));
            s.close();
            assertThat(call.get(5, TimeUnit.SECONDS)).isInstanceOf(org.mailaccess.ConnectionException.class);
            assertThat(s.isOpen()).isFalse();
        }
    }

    @Test
    void toStringShowsNoSecret() {
        seeded(server, 0);
        try (MailboxSession s = open(server)) {
            Folder inbox = s.inbox();
            assertThat(s.toString()).contains("ann").doesNotContain(Pop3Fixtures.PASSWORD);
            assertThat(inbox.toString()).doesNotContain(Pop3Fixtures.PASSWORD);
        }
    }

    static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(10);
        }
    }
}
