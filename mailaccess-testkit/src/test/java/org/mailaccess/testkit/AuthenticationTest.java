package org.mailaccess.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthenticationTest {

    private FakePop3Server server;

    @BeforeEach
    void startServer() {
        server = FakePop3Server.builder().profile(Pop3Profile.defaults().withApop()).start();
        server.addUser("alice", "open sesame");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void userPassOpensTheMaildropAndAcceptsSpacesInThePassword() throws IOException {
        try (Pop3TestClient client = greeted()) {
            assertThat(client.command("USER alice")).startsWith("+OK");
            assertThat(client.command("PASS open sesame")).startsWith("+OK");
            assertThat(client.command("STAT")).isEqualTo("+OK 0 0");
        }
    }

    @Test
    void wrongPasswordIsRefusedWithTheAuthResponseCode() throws IOException {
        try (Pop3TestClient client = greeted()) {
            client.command("USER alice");
            assertThat(client.command("PASS nope")).isEqualTo("-ERR [AUTH] invalid user name or password");
            assertThat(client.command("PASS open sesame")).isEqualTo("-ERR send USER first");
        }
    }

    @Test
    void unknownUserIsRefusedOnlyAtPass() throws IOException {
        try (Pop3TestClient client = greeted()) {
            assertThat(client.command("USER mallory")).startsWith("+OK");
            assertThat(client.command("PASS open sesame")).startsWith("-ERR [AUTH]");
        }
    }

    @Test
    void userPassIsRefusedWhenTheProfileHasNoUser() throws IOException {
        try (FakePop3Server noUser = FakePop3Server.builder().profile(Pop3Profile.defaults().withoutUser()).start();
             Pop3TestClient client = Pop3TestClient.connect(noUser)) {
            noUser.addUser("alice", "pw");
            client.readLine();
            assertThat(client.command("USER alice")).startsWith("-ERR");
            assertThat(client.command("PASS pw")).startsWith("-ERR");
        }
    }

    @Test
    void apopAcceptsTheMd5OfTimestampAndPassword() throws IOException {
        try (Pop3TestClient client = Pop3TestClient.connect(server)) {
            String timestamp = timestampOf(client.readLine());
            assertThat(client.command("APOP alice " + md5(timestamp + "open sesame"))).startsWith("+OK");
        }
    }

    @Test
    void apopRejectsADigestOverAnotherTimestamp() throws IOException {
        try (Pop3TestClient client = Pop3TestClient.connect(server)) {
            client.readLine();
            assertThat(client.command("APOP alice " + md5("<1.2@localhost>open sesame"))).startsWith("-ERR [AUTH]");
        }
    }

    @Test
    void apopIsRefusedWithoutTheApopProfile() throws IOException {
        try (FakePop3Server plain = FakePop3Server.start(); Pop3TestClient client = Pop3TestClient.connect(plain)) {
            plain.addUser("alice", "pw");
            client.readLine();
            assertThat(client.command("APOP alice " + md5("x"))).isEqualTo("-ERR APOP not supported");
        }
    }

    @Test
    void authPlainAcceptsAnInitialResponse() throws IOException {
        try (Pop3TestClient client = greeted()) {
            assertThat(client.command("AUTH PLAIN " + base64("\0alice\0open sesame"))).startsWith("+OK");
        }
    }

    @Test
    void authPlainAcceptsAResponseToAnEmptyChallengeAndRecordsIt() throws IOException {
        try (Pop3TestClient client = greeted()) {
            assertThat(client.command("AUTH PLAIN")).isEqualTo("+ ");
            String response = base64("alice\0alice\0open sesame");
            assertThat(client.command(response)).startsWith("+OK");
            assertThat(server.commands()).last()
                    .isEqualTo(new RecordedCommand(0, RecordedCommand.CONTINUATION, response, false));
        }
    }

    @Test
    void authPlainRefusesAForeignAuthorizationIdentity() throws IOException {
        try (Pop3TestClient client = greeted()) {
            assertThat(client.command("AUTH PLAIN " + base64("bob\0alice\0open sesame"))).startsWith("-ERR [AUTH]");
        }
    }

    @Test
    void authCanBeCancelledWithAStar() throws IOException {
        try (Pop3TestClient client = greeted()) {
            client.command("AUTH PLAIN");
            assertThat(client.command("*")).isEqualTo("-ERR authentication cancelled");
            assertThat(client.command("NOOP")).startsWith("-ERR");
        }
    }

    @Test
    void authWithoutMechanismListsTheMechanisms() throws IOException {
        try (Pop3TestClient client = greeted()) {
            assertThat(client.command("AUTH")).startsWith("+OK");
            assertThat(client.readBodyLines()).containsExactly("PLAIN", "XOAUTH2");
        }
    }

    @Test
    void xoauth2AcceptsABearerTokenEqualToThePassword() throws IOException {
        try (Pop3TestClient client = greeted()) {
            String blob = base64("user=alice\u0001auth=Bearer open sesame\u0001\u0001");
            assertThat(client.command("AUTH XOAUTH2 " + blob)).startsWith("+OK");
        }
    }

    @Test
    void xoauth2RejectsAnyOtherToken() throws IOException {
        try (Pop3TestClient client = greeted()) {
            assertThat(client.command("AUTH XOAUTH2")).isEqualTo("+ ");
            assertThat(client.command(base64("user=alice\u0001auth=Bearer expired\u0001\u0001")))
                    .startsWith("-ERR [AUTH]");
        }
    }

    @Test
    void aSecondSessionOnALockedMaildropGetsInUse() throws IOException {
        try (Pop3TestClient first = Pop3TestClient.login(server, "alice", "open sesame");
             Pop3TestClient second = greeted()) {
            second.command("USER alice");
            assertThat(second.command("PASS open sesame")).isEqualTo("-ERR [IN-USE] maildrop already locked");
            assertThat(first.command("NOOP")).isEqualTo("+OK");
        }
    }

    @Test
    void theMaildropIsUnlockedAfterQuitAndAfterADrop() throws IOException {
        Pop3TestClient.login(server, "alice", "open sesame").close();
        try (Pop3TestClient client = Pop3TestClient.login(server, "alice", "open sesame")) {
            client.command("QUIT");
        }
        try (Pop3TestClient client = Pop3TestClient.login(server, "alice", "open sesame")) {
            assertThat(client.command("STAT")).startsWith("+OK");
        }
    }

    private Pop3TestClient greeted() throws IOException {
        Pop3TestClient client = Pop3TestClient.connect(server);
        client.readLine();
        return client;
    }

    private static String timestampOf(String greeting) {
        Matcher matcher = Pattern.compile("<[^>]+>").matcher(greeting);
        assertThat(matcher.find()).as("timestamp in %s", greeting).isTrue();
        return matcher.group();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
