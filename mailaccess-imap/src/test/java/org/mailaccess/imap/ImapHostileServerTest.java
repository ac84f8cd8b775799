package org.mailaccess.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailaccess.imap.ScriptedImapServer.ascii;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mailaccess.Credentials;
import org.mailaccess.FetchSpec;
import org.mailaccess.MailboxClient;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageKey;
import org.mailaccess.MessageRange;
import org.mailaccess.Protocol;
import org.mailaccess.ProtocolViolationException;
import org.mailaccess.ServerEndpoint;
import org.mailaccess.TlsMode;

/**
 * A hostile server (PITFALLS S5): announced literal sizes, endless lines and deep nesting must end the session with a
 * {@link ProtocolViolationException} quickly, without Angus allocating what the server announced. The surefire JVM
 * has 512 MiB of heap; an allocation of the announced 2 GB would fail with OutOfMemoryError instead.
 */
@Timeout(30)
class ImapHostileServerTest {

    /** A server that logs in, selects INBOX with one message, and answers FETCH with the given bytes. */
    private static ScriptedImapServer server(Function<String, byte[]> fetchReply) throws IOException {
        return new ScriptedImapServer("* OK [CAPABILITY IMAP4rev1 IDLE UIDPLUS] hostile", null, false,
                (tag, command, c) -> {
                    String verb = command.split(" ")[0].toUpperCase();
                    if (verb.equals("UID") || verb.equals("FETCH")) {
                        byte[] body = fetchReply.apply(tag);
                        return body;
                    }
                    return switch (verb) {
                        case "SELECT" -> ascii("* 1 EXISTS\r\n* OK [UIDVALIDITY 7] v\r\n* OK [UIDNEXT 2] n\r\n" + tag
                                + " OK [READ-WRITE] selected\r\n");
                        case "LOGOUT" -> ascii("* BYE\r\n" + tag + " OK\r\n");
                        default -> ascii(tag + " OK done\r\n");
                    };
                });
    }

    private static MailboxSession open(ScriptedImapServer server, ImapOptions options) {
        return MailboxClient.builder().readTimeout(Duration.ofSeconds(10)).options(options).build()
                .open(new ServerEndpoint(Protocol.IMAP, "127.0.0.1", server.port(), TlsMode.INSECURE_PLAINTEXT),
                        Credentials.password("ann", "pw"));
    }

    private static void assertViolationWithBoundedMemory(Function<String, byte[]> reply, ImapOptions options,
            String expectedText) throws Exception {
        try (ScriptedImapServer server = server(reply); MailboxSession s = open(server, options)) {
            Runtime rt = Runtime.getRuntime();
            System.gc();
            long before = rt.totalMemory() - rt.freeMemory();
            long start = System.nanoTime();
            assertThatThrownBy(() -> s.inbox().openMessage(MessageKey.imap("INBOX", 7, 1)))
                    .isInstanceOf(ProtocolViolationException.class).hasMessageContaining(expectedText);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            long after = rt.totalMemory() - rt.freeMemory();
            assertThat(after - before).as("heap growth").isLessThan(200L * 1024 * 1024);
            assertThat(s.isOpen()).isFalse();
        }
    }

    @Test
    void aTwoGigabyteLiteralIsRefusedBeforeAngusAllocatesIt() throws Exception {
        assertViolationWithBoundedMemory(tag -> ascii("* 1 FETCH (UID 1 BODY[]<0> {2000000000}\r\n"
                + "x".repeat(4096)), ImapOptions.defaults(), "literal of 2000000000");
    }

    @Test
    void aClientWithA32MegabyteHeapSurvivesATwoGigabyteLiteral() throws Exception {
        try (ScriptedImapServer server = server(tag -> ascii("* 1 FETCH (UID 1 BODY[]<0> {2000000000}\r\n"
                + "x".repeat(4096)))) {
            String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(javaBin, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                    SmallHeapClient.class.getName(), Integer.toString(server.port())).redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(out).contains("RESULT " + ProtocolViolationException.class.getName());
        }
    }

    @Test
    void literalSizesBeyondIntAndTheConfiguredCapAreRefused() throws Exception {
        assertViolationWithBoundedMemory(tag -> ascii("* 1 FETCH (UID 1 BODY[]<0> {99999999999}\r\nxx"),
                ImapOptions.defaults(), "literal");
        ImapOptions small = ImapOptions.builder().maxLiteralSize(64 * 1024).fetchChunkSize(16 * 1024).build();
        assertViolationWithBoundedMemory(tag -> ascii("* 1 FETCH (UID 1 BODY[]<0> {100000}\r\n"),
                small, "above the limit of 65536");
    }

    @Test
    void anEndlessLineIsRefusedAtTheLineLimit() throws Exception {
        ImapOptions options = ImapOptions.builder().maxLineLength(1024 * 1024).build();
        assertViolationWithBoundedMemory(tag -> ascii("* 1 FETCH (UID 1 FLAGS (" + "\\Seen ".repeat(2_000_000)),
                options, "line exceeded");
    }

    @Test
    void deeplyNestedParenthesesAreRefused() throws Exception {
        assertViolationWithBoundedMemory(tag -> ascii("* 1 FETCH (UID 1 BODYSTRUCTURE " + "(".repeat(10_000)
                + "\r\n" + tag + " OK\r\n"), ImapOptions.defaults(), "nested");
    }

    @Test
    void aNegativeLiteralSizeDoesNotBreakTheReader() throws Exception {
        try (ScriptedImapServer server = server(tag -> ascii("* 1 FETCH (UID 1 BODY[]<0> {-1}\r\n)\r\n" + tag
                + " OK done\r\n")); MailboxSession s = open(server, ImapOptions.defaults())) {
            // Angus reads {-1} as an empty literal; the response is then malformed, and the message has no body.
            assertThatThrownBy(() -> s.inbox().openMessage(MessageKey.imap("INBOX", 7, 1)))
                    .isInstanceOf(org.mailaccess.MailAccessException.class);
        }
    }

    @Test
    void aPartialFetchAnsweredFromTheWrongOriginIsAViolation() throws Exception {
        try (ScriptedImapServer server = server(tag -> ascii("* 1 FETCH (UID 1 BODY[]<5> {3}\r\nabc)\r\n" + tag
                + " OK done\r\n")); MailboxSession s = open(server, ImapOptions.defaults())) {
            assertThatThrownBy(() -> s.inbox().openMessage(MessageKey.imap("INBOX", 7, 1)))
                    .isInstanceOf(ProtocolViolationException.class).hasMessageContaining("from octet 5");
        }
    }

    @Test
    void legitimateResponsesPassTheGuardUnchanged() throws Exception {
        String header = "Subject: ok {5}\r\nX-Paren: (((\r\n\r\n";
        try (ScriptedImapServer server = server(tag -> ascii("* 1 FETCH (UID 1 RFC822.SIZE 40 FLAGS (\\Seen) "
                + "BODY[HEADER] {" + header.length() + "}\r\n" + header + ")\r\n" + tag + " OK done\r\n"));
                MailboxSession s = open(server, ImapOptions.defaults())) {
            var list = s.inbox().summaries(MessageRange.all(), FetchSpec.headers());
            assertThat(list).hasSize(1);
            assertThat(list.get(0).headers().orElseThrow().subject()).contains("ok {5}");
            assertThat(list.get(0).headers().orElseThrow().first("X-Paren")).contains("(((");
        }
    }

    @Test
    void aQuoteInsideAFlagAtomCannotHideDeepNestingFromTheGuard() throws Exception {
        // Angus reads a" as a flag atom; a guard that took it for a quote would miss the million '(' that follow
        // and let Angus's recursive BODYSTRUCTURE parser overflow the stack.
        try (ScriptedImapServer server = server(tag -> ascii("* 1 FETCH (FLAGS (a\") UID 1 BODYSTRUCTURE "
                + "(".repeat(1_000_000) + "\r\n" + tag + " OK done\r\n"));
                MailboxSession s = open(server, ImapOptions.defaults())) {
            assertThatThrownBy(() -> s.inbox().parts(MessageKey.imap("INBOX", 7, 1)))
                    .isInstanceOf(ProtocolViolationException.class).hasMessageContaining("nested");
            assertThat(s.isOpen()).isFalse();
        }
    }

    @Test
    void endlessSmallUntaggedResponsesToOneCommandEndTheSessionInA32MegabyteHeap() throws Exception {
        // Each response is small, but Angus keeps all of them until the tagged one: the count must be bounded.
        try (ScriptedImapServer server = new ScriptedImapServer("* OK [CAPABILITY IMAP4rev1 UIDPLUS] flood", null,
                false, (tag, command, c) -> {
                    String verb = command.split(" ")[0].toUpperCase();
                    if (verb.equals("UID")) {
                        byte[] lines = ascii("* 1 FETCH (FLAGS (\\Seen))\r\n".repeat(1000));
                        try {
                            for (int i = 0; i < 200_000; i++) {
                                c.raw.write(lines);
                            }
                        } catch (IOException e) {
                            // The client gave up, as it should.
                        }
                        return null;
                    }
                    return switch (verb) {
                        case "SELECT" -> ascii("* 1 EXISTS\r\n* OK [UIDVALIDITY 7] v\r\n* OK [UIDNEXT 2] n\r\n" + tag
                                + " OK [READ-WRITE] selected\r\n");
                        case "LOGOUT" -> ascii("* BYE\r\n" + tag + " OK\r\n");
                        default -> ascii(tag + " OK done\r\n");
                    };
                })) {
            String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(javaBin, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                    SmallHeapClient.class.getName(), Integer.toString(server.port())).redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor();
            assertThat(out).contains("RESULT " + ProtocolViolationException.class.getName());
        }
    }

    @Test
    void theUntaggedBudgetStartsAgainAfterEachTaggedResponse() throws Exception {
        // 1,500 untagged responses per command, three commands in a row, under a cap of 2,000 per command.
        ImapOptions options = ImapOptions.builder().maxResponsesPerCommand(2000).build();
        StringBuilder flood = new StringBuilder();
        for (int i = 0; i < 1500; i++) {
            flood.append("* 1 FETCH (FLAGS (\\Seen))\r\n");
        }
        try (ScriptedImapServer server = new ScriptedImapServer("* OK [CAPABILITY IMAP4rev1 UIDPLUS] busy", null,
                false, (tag, command, c) -> {
                    String verb = command.split(" ")[0].toUpperCase();
                    return switch (verb) {
                        case "SELECT" -> ascii("* 1 EXISTS\r\n* OK [UIDVALIDITY 7] v\r\n* OK [UIDNEXT 2] n\r\n" + tag
                                + " OK [READ-WRITE] selected\r\n");
                        case "UID" -> ascii(flood + "* 1 FETCH (UID 1 RFC822.SIZE 5 FLAGS (\\Seen))\r\n" + tag
                                + " OK done\r\n");
                        case "LOGOUT" -> ascii("* BYE\r\n" + tag + " OK\r\n");
                        default -> ascii(tag + " OK done\r\n");
                    };
                }); MailboxSession s = open(server, options)) {
            for (int i = 0; i < 3; i++) {
                assertThat(s.inbox().summaries(MessageRange.all(), FetchSpec.keysAndSizes())).hasSize(1);
            }
        }
    }
}
