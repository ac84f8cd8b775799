package org.mailaccess.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailaccess.pop3.Pop3Fixtures.PASSWORD;
import static org.mailaccess.pop3.Pop3Fixtures.USER;
import static org.mailaccess.pop3.Pop3Fixtures.client;
import static org.mailaccess.pop3.Pop3Fixtures.seeded;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mailaccess.Credentials;
import org.mailaccess.FetchSpec;
import org.mailaccess.LogoutResult;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageRange;
import org.mailaccess.MessageSummary;
import org.mailaccess.ServerEndpoint;
import org.mailaccess.TlsMode;
import org.mailaccess.testkit.FakePop3Server;
import org.mailaccess.testkit.Pop3Profile;

/**
 * Checks at the socket level, through a recording proxy over a plaintext connection, that commands travel in batches
 * when PIPELINING is advertised (RFC 2449 section 6.6) and one at a time otherwise; and that the results are the same.
 */
@Timeout(30)
class Pop3PipeliningTest {

    private static final int MESSAGES = 12;

    private record Run(List<String> subjects, List<Integer> topsPerChunk, List<Integer> delesPerChunk,
            List<String> serverVerbs) {
    }

    private static Run run(Pop3Profile profile, Pop3Options options) throws Exception {
        try (FakePop3Server server = seeded(FakePop3Server.builder().profile(profile.withoutStls()).start(), MESSAGES);
                TcpProxy proxy = new TcpProxy(server.port(), Duration.ZERO)) {
            ServerEndpoint viaProxy = new ServerEndpoint(server.endpoint().protocol(), "localhost", proxy.port(),
                    TlsMode.INSECURE_PLAINTEXT);
            List<String> subjects;
            try (MailboxSession s = client(server).options(options).build()
                    .open(viaProxy, Credentials.password(USER, PASSWORD))) {
                List<MessageSummary> list = s.inbox().summaries(MessageRange.all(), FetchSpec.headers());
                subjects = list.stream().map(m -> m.headers().orElseThrow().subject().orElseThrow()).toList();
                s.inbox().delete(list.stream().map(MessageSummary::key).toList());
                assertThat(s.logout().outcome()).isEqualTo(LogoutResult.Outcome.COMMITTED);
            }
            assertThat(server.mailbox(USER).messages()).isEmpty();
            return new Run(subjects, count(proxy, "TOP "), count(proxy, "DELE "), Pop3Fixtures.verbs(server));
        }
    }

    private static List<Integer> count(TcpProxy proxy, String verb) {
        return proxy.clientChunks().stream().filter(c -> c.startsWith(verb))
                .map(c -> c.split(verb, -1).length - 1).toList();
    }

    @Test
    void withPipeliningCommandsGoOutInBatchesBeforeTheEarlierRepliesAreRead() throws Exception {
        Run run = run(Pop3Profile.defaults(), Pop3Options.builder().batchSize(5).build());
        assertThat(run.subjects()).hasSize(MESSAGES).first().isEqualTo("m1");
        // 12 TOP in batches of 5: three writes, each holding several commands.
        assertThat(run.topsPerChunk()).containsExactly(5, 5, 2);
        assertThat(run.delesPerChunk()).containsExactly(5, 5, 2);
    }

    @Test
    void withTheDefaultBatchSizeAWholeSmallListingIsOneWrite() throws Exception {
        Run run = run(Pop3Profile.defaults(), Pop3Options.defaults());
        assertThat(run.topsPerChunk()).containsExactly(MESSAGES);
        assertThat(run.delesPerChunk()).containsExactly(MESSAGES);
    }

    @Test
    void withoutPipeliningEveryCommandWaitsForThePreviousReply() throws Exception {
        Run pipelined = run(Pop3Profile.defaults(), Pop3Options.defaults());
        Run lockStep = run(Pop3Profile.defaults().withoutPipelining(), Pop3Options.defaults());
        assertThat(lockStep.topsPerChunk()).hasSize(MESSAGES).containsOnly(1);
        assertThat(lockStep.delesPerChunk()).hasSize(MESSAGES).containsOnly(1);
        assertThat(lockStep.subjects()).isEqualTo(pipelined.subjects());
        assertThat(lockStep.serverVerbs()).isEqualTo(pipelined.serverVerbs());
    }

    @Test
    void theOptionCanForbidPipeliningOnAServerThatOffersIt() throws Exception {
        Run run = run(Pop3Profile.defaults(), Pop3Options.builder().pipelining(false).build());
        assertThat(run.topsPerChunk()).hasSize(MESSAGES).containsOnly(1);
    }
}
