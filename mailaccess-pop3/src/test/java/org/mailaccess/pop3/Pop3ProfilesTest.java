package org.mailaccess.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailaccess.pop3.Pop3Fixtures.USER;
import static org.mailaccess.pop3.Pop3Fixtures.open;
import static org.mailaccess.pop3.Pop3Fixtures.seeded;
import static org.mailaccess.pop3.Pop3Fixtures.verbs;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mailaccess.Capability;
import org.mailaccess.FetchSpec;
import org.mailaccess.LogoutResult;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageKey;
import org.mailaccess.MessageRange;
import org.mailaccess.MessageSummary;
import org.mailaccess.UnsupportedCapabilityException;
import org.mailaccess.internal.HeaderParser;
import org.mailaccess.testkit.FakePop3Server;
import org.mailaccess.testkit.MessageBuilder;
import org.mailaccess.testkit.Pop3Profile;
import org.mailaccess.testkit.RecordedCommand;
import org.mailaccess.testkit.StoredMessage;

/** Servers that lack CAPA, UIDL, TOP or PIPELINING. */
@Timeout(20)
class Pop3ProfilesTest {

    private static final Pop3Options DIGESTS = Pop3Options.builder().allowHeaderDigestIds(true).build();

    private static FakePop3Server server(Pop3Profile profile, int messages) {
        return seeded(FakePop3Server.builder().profile(profile).start(), messages);
    }

    private static void assertRefused(ThrowingCall call, Capability capability) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(UnsupportedCapabilityException.class,
                e -> assertThat(e.capability()).isEqualTo(capability));
    }

    @FunctionalInterface
    interface ThrowingCall {
        void run();
    }

    @Test
    void withoutCapaUidlAndTopAreProbedAfterLoginAndTheProbeIsReused() {
        try (FakePop3Server server = server(Pop3Profile.defaults().withoutCapa(), 2);
                MailboxSession s = open(server)) {
            assertThat(s.capabilities().features()).containsExactlyInAnyOrder(Capability.PERSISTENT_IDS,
                    Capability.HEADERS_PREVIEW);
            assertThat(s.capabilities().serverTokens()).isEmpty();
            assertThat(server.commands()).extracting(RecordedCommand::line).contains("UIDL", "TOP 1 0");
            List<MessageSummary> list = s.inbox().summaries(MessageRange.all(), FetchSpec.headers());
            assertThat(list).extracting(m -> m.key().id()).containsExactly("uid-1", "uid-2");
            assertThat(verbs(server).stream().filter("UIDL"::equals)).hasSize(1);
        }
    }

    @Test
    void withoutCapaAnEmptyMailboxCannotProveTop() {
        try (FakePop3Server server = server(Pop3Profile.defaults().withoutCapa(), 0);
                MailboxSession s = open(server)) {
            assertThat(s.capabilities().has(Capability.PERSISTENT_IDS)).isTrue();
            assertThat(s.capabilities().has(Capability.HEADERS_PREVIEW)).isFalse();
            assertThat(verbs(server)).doesNotContain("TOP");
        }
    }

    @Test
    void withoutCapaAndWithoutUidlOrTopTheProbesFailCleanly() {
        try (FakePop3Server server = server(Pop3Profile.defaults().withoutCapa().withoutUidl().withoutTop(), 1);
                MailboxSession s = open(server)) {
            assertThat(s.capabilities().features()).isEmpty();
            assertThat(s.inbox().status().messages()).isEqualTo(1);
        }
    }

    @Test
    void withoutUidlKeyedCallsAreRefusedBeforeAnythingIsSent() {
        try (FakePop3Server server = server(Pop3Profile.defaults().withoutUidl(), 2);
                MailboxSession s = open(server)) {
            assertThat(s.capabilities().has(Capability.PERSISTENT_IDS)).isFalse();
            int before = server.commands().size();
            assertRefused(() -> s.inbox().summaries(MessageRange.all(), FetchSpec.keysAndSizes()),
                    Capability.PERSISTENT_IDS);
            assertRefused(() -> s.inbox().openMessage(MessageKey.pop3("x")), Capability.PERSISTENT_IDS);
            assertRefused(() -> s.inbox().delete(List.of(MessageKey.pop3("x"))), Capability.PERSISTENT_IDS);
            assertThat(server.commands()).hasSize(before);
            assertThat(s.inbox().status().messages()).isEqualTo(2);
        }
    }

    @Test
    void withoutUidlTheExplicitDigestModeKeysMessagesByTheirHeaders() throws Exception {
        try (FakePop3Server server = server(Pop3Profile.defaults().withoutUidl(), 2);
                MailboxSession s = open(server, DIGESTS)) {
            List<StoredMessage> stored = server.mailbox(USER).messages();
            List<MessageSummary> list = s.inbox().summaries(MessageRange.all(), FetchSpec.headers());
            assertThat(list).extracting(m -> m.key().id())
                    .containsExactly(digest(stored.get(0)), digest(stored.get(1)));
            assertThat(list).extracting(m -> m.headers().orElseThrow().subject().orElseThrow())
                    .containsExactly("m1", "m2");
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            s.inbox().writeMessage(list.get(1).key(), sink);
            assertThat(sink.toByteArray()).isEqualTo(stored.get(1).bytes());
            s.inbox().delete(List.of(list.get(0).key()));
            assertThat(s.logout().outcome()).isEqualTo(LogoutResult.Outcome.COMMITTED);
            assertThat(server.mailbox(USER).messages()).containsExactly(stored.get(1));
        }
    }

    @Test
    void inDigestModeIdenticalHeadersGetAnOrdinalSuffix() {
        try (FakePop3Server server = server(Pop3Profile.defaults().withoutUidl(), 0)) {
            byte[] twin = "Subject: twin\r\n\r\nbody\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            server.mailbox(USER).deliver(twin);
            server.mailbox(USER).deliver(twin);
            try (MailboxSession s = open(server, DIGESTS)) {
                List<String> ids = s.inbox().summaries(MessageRange.all(), FetchSpec.keysAndSizes()).stream()
                        .map(m -> m.key().id()).toList();
                assertThat(ids.get(1)).isEqualTo(ids.get(0) + ":2");
            }
        }
    }

    @Test
    void withoutUidlAndWithoutTopEvenTheDigestModeIsImpossible() {
        try (FakePop3Server server = server(Pop3Profile.defaults().withoutUidl().withoutTop(), 1);
                MailboxSession s = open(server, DIGESTS)) {
            assertRefused(() -> s.inbox().summaries(MessageRange.all(), FetchSpec.keysAndSizes()),
                    Capability.PERSISTENT_IDS);
        }
    }

    @Test
    void withoutTopHeadersAreRefusedButKeysAndSizesWork() {
        try (FakePop3Server server = server(Pop3Profile.defaults().withoutTop(), 2);
                MailboxSession s = open(server)) {
            assertThat(s.capabilities().has(Capability.HEADERS_PREVIEW)).isFalse();
            int before = server.commands().size();
            assertRefused(() -> s.inbox().summaries(MessageRange.all(), FetchSpec.headers()),
                    Capability.HEADERS_PREVIEW);
            assertThat(server.commands()).hasSize(before);
            assertThat(s.inbox().summaries(MessageRange.all(), FetchSpec.keysAndSizes())).hasSize(2);
        }
    }

    @Test
    void withoutPipeliningTheCapabilityIsAbsentAndEverythingStillWorks() {
        try (FakePop3Server server = server(Pop3Profile.defaults().withoutPipelining(), 3);
                MailboxSession s = open(server)) {
            assertThat(s.capabilities().has(Capability.PIPELINING)).isFalse();
            List<MessageSummary> list = s.inbox().summaries(MessageRange.all(), FetchSpec.headers());
            assertThat(list).hasSize(3);
            s.inbox().delete(list.stream().map(MessageSummary::key).toList());
            assertThat(s.logout().outcome()).isEqualTo(LogoutResult.Outcome.COMMITTED);
            assertThat(server.mailbox(USER).messages()).isEmpty();
        }
    }

    @Test
    void pipeliningCanBeSwitchedOffByOption() {
        try (FakePop3Server server = server(Pop3Profile.defaults(), 0);
                MailboxSession s = open(server, Pop3Options.builder().pipelining(false).build())) {
            assertThat(s.capabilities().has(Capability.PIPELINING)).isFalse();
            assertThat(s.capabilities().hasToken("PIPELINING")).isTrue();
        }
    }

    @Test
    void aMessageWithoutHeaderSeparatorStillLists() {
        try (FakePop3Server server = server(Pop3Profile.defaults(), 0)) {
            server.mailbox(USER).deliver(MessageBuilder.message().subject("x").build());
            server.mailbox(USER).deliver("Subject: only a header\r\n");
            try (MailboxSession s = open(server)) {
                assertThat(s.inbox().summaries(MessageRange.all(), FetchSpec.headers()))
                        .extracting(m -> m.headers().orElseThrow().subject().orElse(""))
                        .containsExactly("x", "only a header");
            }
        }
    }

    /** What the client must compute: SHA-256 over the TOP n 0 data, i.e. the header section as stored. */
    private static String digest(StoredMessage m) throws Exception {
        byte[] header = HeaderParser.headerSection(m.bytes());
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(header));
    }
}
