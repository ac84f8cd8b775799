package org.mailaccess.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailaccess.testkit.internal.ImapWriter;
import org.mailaccess.testkit.internal.ModifiedUtf7;
import org.quicktheories.core.Gen;

/** Properties of the wire encoding: names and strings arrive exactly as meant, as one command (PITFALLS S4, P12). */
class ImapPropertyTest {

    private static final Gen<String> AWKWARD = lists().of(arbitrary().pick(List.of("\r", "\n", "\r\n", "\"", "\\",
            "{5}", "{5+}", "~{5}", "*", "%", "(", ")", " ", "ä", "€", "😀", "a", "Z", "&", "&-", "\t", "\0")))
            .ofSizeBetween(1, 8).map(parts -> String.join("", parts));

    private FakeImapServer server;
    private ImapAccount alice;

    @BeforeEach
    void start() {
        server = FakeImapServer.start();
        alice = server.addUser("alice", "pw");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void modifiedUtf7RoundTripsEveryStringThroughPrintableAscii() {
        qt().withExamples(500).forAll(strings().allPossible().ofLengthBetween(0, 20)).checkAssert(name -> {
            String wire = ModifiedUtf7.encode(name);
            assertThat(wire).matches("[\\x20-\\x7e]*");
            assertThat(ModifiedUtf7.decode(wire)).isEqualTo(name);
        });
    }

    @Test
    void arbitraryFolderNamesRoundTripThroughCreateAndList() throws IOException {
        try (ImapTestClient client = ImapTestClient.login(server, "alice", "pw")) {
            qt().withExamples(100).forAll(strings().allPossible().ofLengthBetween(1, 12).assuming(
                    n -> !n.contains("/") && !n.toUpperCase(Locale.ROOT).startsWith("INBOX"))).checkAssert(name -> {
                        ImapTestClient.Response create = run(client, "CREATE "
                                + ImapWriter.quote(ModifiedUtf7.encode(name)));
                        assertThat(create.ok() || create.tagged().contains("ALREADYEXISTS")).as(create.tagged())
                                .isTrue();
                        List<String> listed = new ArrayList<>();
                        for (String line : run(client, "LIST \"\" *").untagged()) {
                            String quoted = line.substring(line.indexOf("\"/\" ") + 4);
                            listed.add(ModifiedUtf7.decode(unquote(quoted)));
                        }
                        assertThat(listed).contains(name);
                        assertThat(alice.findFolder(name)).isPresent();
                    });
        }
    }

    @Test
    void arbitrarySearchStringsArriveAsOneCommandWithTheExactValue() throws IOException {
        try (ImapTestClient client = ImapTestClient.select(server, "alice", "pw", "INBOX")) {
            int[] round = {0};
            qt().withExamples(150).forAll(AWKWARD).checkAssert(text -> {
                round[0]++;
                alice.deliver("Subject: probe\r\n\r\n<" + text + ">\r\n");
                run(client, "NOOP");
                int before = server.commands().size();
                String tag = client.nextTag();
                byte[] bytes = text.getBytes(UTF_8);
                boolean quoted = ImapWriter.quotable(text) && round[0] % 3 == 0;
                boolean plus = round[0] % 2 == 0;
                try {
                    if (quoted) {
                        client.send(tag + " SEARCH CHARSET UTF-8 BODY " + ImapWriter.quote(text) + "\r\n");
                    } else {
                        client.send(tag + " SEARCH CHARSET UTF-8 BODY {" + bytes.length + (plus ? "+" : "") + "}\r\n");
                        if (!plus) {
                            assertThat(client.readLine()).startsWith("+ ");
                        }
                        client.send(bytes);
                        client.send("\r\n");
                    }
                    ImapTestClient.Response response = client.readResponse(tag);
                    assertThat(response.tagged()).startsWith(tag + " OK");
                    assertThat(response.untagged()).singleElement().asString().startsWith("* SEARCH ")
                            .endsWith(" " + alice.inbox().messages().size());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                List<RecordedCommand> sent = server.commands().subList(before, server.commands().size());
                assertThat(sent).singleElement().satisfies(c -> {
                    assertThat(c.tag()).isEqualTo(tag);
                    assertThat(c.verb()).isEqualTo("SEARCH");
                    if (!quoted) {
                        assertThat(c.literals()).singleElement().isEqualTo(bytes);
                    }
                });
            });
        }
    }

    private static ImapTestClient.Response run(ImapTestClient client, String command) {
        try {
            return client.command(command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String unquote(String quoted) {
        if (quoted.startsWith("{")) {
            return quoted.substring(quoted.indexOf("\r\n") + 2);
        }
        return quoted.substring(1, quoted.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
}
