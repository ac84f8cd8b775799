package org.mailaccess.imap.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mailaccess.AuthenticationException;
import org.mailaccess.Capability;
import org.mailaccess.ConnectionException;
import org.mailaccess.Credentials;
import org.mailaccess.FetchSpec;
import org.mailaccess.Flag;
import org.mailaccess.FolderChanges;
import org.mailaccess.FolderInfo;
import org.mailaccess.FolderRole;
import org.mailaccess.FolderSnapshot;
import org.mailaccess.FolderStatus;
import org.mailaccess.MailEventListener;
import org.mailaccess.MailboxClient;
import org.mailaccess.MailboxEvent;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageKey;
import org.mailaccess.MessageRange;
import org.mailaccess.MessageSummary;
import org.mailaccess.ProtocolViolationException;
import org.mailaccess.ServerEndpoint;
import org.mailaccess.TlsMode;
import org.mailaccess.TlsRequiredException;
import org.mailaccess.Watch;
import org.mailaccess.imap.ImapOptions;
import org.mailaccess.search.SearchQuery;
import org.mailaccess.testkit.Fault;
import org.mailaccess.testkit.FakeImapServer;
import org.mailaccess.testkit.ImapFolder;
import org.mailaccess.testkit.ImapProfile;
import org.mailaccess.testkit.MessageBuilder;
import org.mailaccess.testkit.RecordedCommand;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * The IMAP client against the testkit's {@link FakeImapServer}, which unlike GreenMail offers STARTTLS, implicit TLS
 * with a localhost certificate, SPECIAL-USE, CONDSTORE/QRESYNC, faults, and records every command it received.
 */
@Timeout(60)
class ImapFakeServerTest {

    private static final String USER = "alice";
    private static final String PASSWORD = "Secret-pa55";

    private static MailboxClient client(FakeImapServer server, ImapOptions options, MailEventListener listener) {
        return MailboxClient.builder().sslContext(server.clientSslContext()).readTimeout(Duration.ofSeconds(10))
                .connectTimeout(Duration.ofSeconds(5)).options(options).listener(listener).build();
    }

    private static MailboxSession open(FakeImapServer server) {
        return open(server, ImapOptions.defaults());
    }

    private static MailboxSession open(FakeImapServer server, ImapOptions options) {
        return client(server, options, MailEventListener.NONE).open(server.endpoint(),
                Credentials.password(USER, PASSWORD));
    }

    private static long count(FakeImapServer server, Predicate<RecordedCommand> p) {
        return server.commands().stream().filter(p).count();
    }

    @Test
    void aListingOfAThousandMessagesCostsOneFetchCommand() {
        try (FakeImapServer server = FakeImapServer.start()) {
            server.addUser(USER, PASSWORD);
            for (int i = 0; i < 1000; i++) {
                server.deliver(USER, "INBOX", MessageBuilder.message().subject("Message " + i));
            }
            try (MailboxSession s = open(server)) {
                long before = count(server, c -> c.verb().endsWith("FETCH"));
                List<MessageSummary> all = s.inbox().summaries(MessageRange.all(), FetchSpec.headers());
                assertThat(all).hasSize(1000);
                assertThat(all.get(999).headers().orElseThrow().subject()).contains("Message 999");
                assertThat(count(server, c -> c.verb().endsWith("FETCH")) - before).isEqualTo(1);
            }
        }
    }

    @Test
    void startTlsIsRequiredAndNoCredentialCrossesBeforeIt() {
        try (FakeImapServer server = FakeImapServer.start()) {
            server.addUser(USER, PASSWORD);
            assertThat(server.endpoint().tls()).isEqualTo(TlsMode.STARTTLS_REQUIRED);
            try (MailboxSession s = open(server)) {
                assertThat(s.capabilities().has(Capability.SPECIAL_USE)).isTrue();
                assertThat(s.capabilities().has(Capability.CHANGE_TRACKING)).isTrue();
                assertThat(s.capabilities().serverTokens()).contains("UIDPLUS", "MOVE", "QRESYNC")
                        .doesNotContain("STARTTLS");
            }
            assertThat(server.commands()).filteredOn(c -> c.verb().equals("LOGIN") || c.verb().equals("AUTHENTICATE")
                    || c.verb().equals(RecordedCommand.CONTINUATION)).isNotEmpty().allMatch(RecordedCommand::tls);
            // Capabilities are asked again after TLS (PITFALLS S1).
            assertThat(server.commands()).anyMatch(c -> c.verb().equals("CAPABILITY") && c.tls());
        }
    }

    @Test
    void aRefusedMissingOrPreauthDowngradedStartTlsFailsBeforeAnyCredential() {
        for (FakeImapServer server : List.of(
                startWith(FakeImapServer.builder(), Fault.errorReply("STARTTLS", "no TLS today")),
                startWith(FakeImapServer.builder(), Fault.badReply("STARTTLS", "what")),
                FakeImapServer.builder().profile(ImapProfile.defaults().withoutStarttls()).start(),
                FakeImapServer.builder().profile(ImapProfile.defaults().preauth()).start())) {
            try (server) {
                server.addUser(USER, PASSWORD);
                assertThatThrownBy(() -> client(server, ImapOptions.defaults(), MailEventListener.NONE).open(
                        server.endpoint(TlsMode.STARTTLS_REQUIRED), Credentials.password(USER, PASSWORD)))
                        .isInstanceOf(TlsRequiredException.class);
                assertThat(server.commands()).noneMatch(c -> c.verb().equals("LOGIN")
                        || c.verb().equals("AUTHENTICATE") || c.verb().equals("SELECT"));
            }
        }
    }

    @Test
    void implicitTlsVerifiesTheHostName() {
        try (FakeImapServer server = FakeImapServer.builder().implicitTls().start()) {
            server.addUser(USER, PASSWORD);
            try (MailboxSession s = open(server)) {
                assertThat(s.endpoint().tls()).isEqualTo(TlsMode.IMPLICIT);
                s.noop();
            }
        }
        try (FakeImapServer server = FakeImapServer.builder().implicitTls().hostname("other.test").start()) {
            server.addUser(USER, PASSWORD);
            assertThatThrownBy(() -> open(server)).isInstanceOf(ConnectionException.class);
            assertThat(server.commands()).isEmpty();
        }
    }

    @Test
    void authenticatePlainSecretsNeverReachListenersOrExceptions() {
        try (FakeImapServer server = FakeImapServer.start()) {
            server.addUser(USER, PASSWORD);
            RecordingListener events = new RecordingListener();
            try (MailboxSession s = client(server, ImapOptions.defaults(), events).open(server.endpoint(),
                    Credentials.password(USER, PASSWORD))) {
                s.inbox().status();
            }
            assertThatThrownBy(() -> client(server, ImapOptions.defaults(), events).open(server.endpoint(),
                    Credentials.password(USER, "Wrong-pa55"))).isInstanceOf(AuthenticationException.class)
                    .satisfies(e -> assertThat(e.toString()).doesNotContain("Wrong-pa55"));
            String plain = java.util.Base64.getEncoder().encodeToString(("\0" + USER + "\0" + PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(events.lines).anyMatch(l -> l.contains("AUTHENTICATE PLAIN"));
            assertThat(events.lines).noneMatch(l -> l.contains(PASSWORD) || l.contains(plain)
                    || l.contains("Wrong-pa55"));
        }
    }

    @Test
    void specialUseRolesComeFromTheServersAttributes() {
        try (FakeImapServer server = FakeImapServer.start()) {
            server.addUser(USER, PASSWORD);
            server.createFolder(USER, "Papierkorb");
            try (MailboxSession s = open(server)) {
                assertThat(s.folderWithRole(FolderRole.SENT)).map(FolderInfo::name).contains("Sent");
                assertThat(s.folderWithRole(FolderRole.TRASH)).map(FolderInfo::name).contains("Trash");
                assertThat(s.folderWithRole(FolderRole.TRASH).orElseThrow().attributes()).anyMatch(
                        a -> a.equalsIgnoreCase("\\Trash"));
                FolderStatus st = s.inbox().status();
                assertThat(st.highestModSeq()).isPresent();
                assertThat(st.totalSize()).isPresent();
            }
        }
    }

    @Test
    void changesSinceUsesCondstoreAndQresyncVanished() {
        try (FakeImapServer server = FakeImapServer.start()) {
            server.addUser(USER, PASSWORD);
            ImapFolder inbox = server.mailbox(USER).inbox();
            long u1 = inbox.deliver(MessageBuilder.message().subject("one")).uid();
            long u2 = inbox.deliver(MessageBuilder.message().subject("two")).uid();
            try (MailboxSession s = open(server)) {
                FolderSnapshot before = s.inbox().snapshot();
                assertThat(before.highestModSeq()).isPresent();
                inbox.setFlags(u1, Set.of("\\Seen"));
                inbox.expunge(u2);
                long u3 = inbox.deliver(MessageBuilder.message().subject("three")).uid();
                FolderChanges changes = s.inbox().changesSince(before);
                long uv = before.uidValidity();
                assertThat(changes.flagChanges()).containsOnlyKeys(MessageKey.imap("INBOX", uv, u1));
                assertThat(changes.flagChanges().values().iterator().next().has(Flag.SEEN)).isTrue();
                assertThat(changes.expunged()).containsExactly(MessageKey.imap("INBOX", uv, u2));
                assertThat(changes.added()).extracting(MessageSummary::key)
                        .containsExactly(MessageKey.imap("INBOX", uv, u3));
                assertThat(server.commands()).anyMatch(c -> c.line().contains("CHANGEDSINCE")
                        && c.line().contains("VANISHED"));

                inbox.resetUidValidity();
                assertThat(s.inbox().changesSince(changes.current()).uidValidityChanged()).isTrue();
            }
        }
    }

    @Test
    void changesSinceWithCondstoreButNoQresyncFindsExpungesWithUidSearch() {
        try (FakeImapServer server = FakeImapServer.builder().profile(ImapProfile.defaults().withoutQresync())
                .start()) {
            server.addUser(USER, PASSWORD);
            ImapFolder inbox = server.mailbox(USER).inbox();
            inbox.deliver(MessageBuilder.message().subject("one"));
            long u2 = inbox.deliver(MessageBuilder.message().subject("two")).uid();
            try (MailboxSession s = open(server)) {
                FolderSnapshot before = s.inbox().snapshot();
                inbox.expunge(u2);
                FolderChanges changes = s.inbox().changesSince(before);
                assertThat(changes.expunged()).extracting(MessageKey::uid).containsExactly(u2);
                assertThat(server.commands()).anyMatch(c -> c.verb().equals("UID SEARCH"));
            }
        }
    }

    @Test
    void aHostileLiteralEndsTheSessionWithAProtocolViolation() {
        try (FakeImapServer server = FakeImapServer.start()) {
            server.addUser(USER, PASSWORD);
            server.deliver(USER, "INBOX", MessageBuilder.message().subject("x"));
            try (MailboxSession s = open(server)) {
                s.inbox().status();
                server.injectFault(Fault.rawReply("UID FETCH", "* 1 FETCH (UID 1 BODY[]<0> {2000000000}\r\n"
                        + "x".repeat(1000)));
                long start = System.nanoTime();
                assertThatThrownBy(() -> s.inbox().summaries(MessageRange.all(), FetchSpec.headers()))
                        .isInstanceOf(ProtocolViolationException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
                assertThat(s.isOpen()).isFalse();
            }
        }
    }

    @Test
    void searchStringsAndFolderNamesReachTheServerExactlyAsOneCommand() {
        try (FakeImapServer server = FakeImapServer.start()) {
            server.addUser(USER, PASSWORD);
            try (MailboxSession s = open(server)) {
                s.inbox().search(SearchQuery.all());
                qt().withExamples(40).withShrinkCycles(10).forAll(strings()).checkAssert(str -> {
                    int before = server.commands().size();
                    s.inbox().search(SearchQuery.subject(str));
                    List<RecordedCommand> sent = server.commands().subList(before, server.commands().size());
                    assertThat(sent).hasSize(1);
                    RecordedCommand c = sent.get(0);
                    assertThat(c.verb()).isEqualTo("UID SEARCH");
                    assertThat(decodedLastArgument(c)).as(c.line().replace("\r", "\\r").replace("\n", "\\n") + " literals=" + c.literals().size()).isEqualTo(str);
                });
                qt().withExamples(25).withShrinkCycles(10).forAll(strings().assuming(n -> !n.contains("/")
                        && !n.isBlank() && !n.equalsIgnoreCase("INBOX") && n.equals(n.strip()))).checkAssert(name -> {
                            s.createFolder(name);
                            assertThat(server.mailbox(USER).findFolder(name)).isPresent();
                            assertThat(s.folders()).extracting(FolderInfo::name).contains(name);
                            s.deleteFolder(name);
                        });
            }
        }
    }

    @Test
    void aWatchPushesChangesAndRecoversFromADroppedConnection() throws Exception {
        try (FakeImapServer server = FakeImapServer.start()) {
            server.addUser(USER, PASSWORD);
            ImapFolder inbox = server.mailbox(USER).inbox();
            long u1 = inbox.deliver(MessageBuilder.message().subject("one")).uid();
            BlockingQueue<MailboxEvent> events = new LinkedBlockingQueue<>();
            ImapOptions options = ImapOptions.builder().idleRenewInterval(Duration.ofSeconds(2)).build();
            try (MailboxSession s = open(server, options); Watch w = s.watch("INBOX", events::add)) {
                await(events, e -> e instanceof MailboxEvent.Listening l && l.push());
                long u2 = inbox.deliver(MessageBuilder.message().subject("two")).uid();
                assertThat(((MailboxEvent.NewMessages) await(events, e -> e instanceof MailboxEvent.NewMessages))
                        .keys()).extracting(MessageKey::uid).containsExactly(u2);
                inbox.setFlags(u1, Set.of("\\Flagged"));
                assertThat(((MailboxEvent.FlagsChanged) await(events, e -> e instanceof MailboxEvent.FlagsChanged))
                        .flags().has(Flag.FLAGGED)).isTrue();

                server.dropAllConnections();
                long u3 = inbox.deliver(MessageBuilder.message().subject("three")).uid();
                await(events, e -> e instanceof MailboxEvent.Disconnected);
                assertThat(((MailboxEvent.NewMessages) await(events, e -> e instanceof MailboxEvent.NewMessages))
                        .keys()).extracting(MessageKey::uid).containsExactly(u3);
                long start = System.nanoTime();
                w.close();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            }
        }
    }

    private static FakeImapServer startWith(FakeImapServer.Builder builder, Fault fault) {
        FakeImapServer server = builder.start();
        server.injectFault(fault);
        return server;
    }

    /** The search string as the server received it: the last argument, quoted, atom or literal. */
    private static String decodedLastArgument(RecordedCommand c) {
        String line = c.line();
        // The fake records literal data both inline in the line and in literals().
        if (!c.literals().isEmpty()) {
            return new String(c.literals().get(c.literals().size() - 1), StandardCharsets.UTF_8);
        }
        int subject = line.lastIndexOf("SUBJECT ");
        String arg = line.substring(subject + 8);
        if (arg.startsWith("\"")) {
            return arg.substring(1, arg.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return arg;
    }

    static Gen<String> strings() {
        Gen<String> pieces = SourceDSL.arbitrary().pick(List.of("\r", "\n", "\"", "\\", "{5}", "{5+}", "~{5}", "*",
                "%", "(", ")", " ", "NIL", "\r\nA1 LOGOUT\r\n", "ü", "😀", "&", "&-", "]", "x", "Ab"));
        return SourceDSL.lists().of(pieces).ofSizeBetween(1, 6).map(l -> String.join("", l));
    }

    private static MailboxEvent await(BlockingQueue<MailboxEvent> events, Predicate<MailboxEvent> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            MailboxEvent e = events.poll(100, TimeUnit.MILLISECONDS);
            if (e != null && wanted.test(e)) {
                return e;
            }
        }
        throw new AssertionError("no such event within 15 s");
    }

    /** Records every listener line. */
    static final class RecordingListener extends MailEventListener {
        final List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void commandSent(ServerEndpoint endpoint, String line) {
            lines.add(line);
        }

        @Override
        public void replyReceived(ServerEndpoint endpoint, String line) {
            lines.add(line);
        }
    }
}
