package org.mailaccess.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.mailaccess.Protocol;
import org.mailaccess.TlsMode;

class GreetingAndCapabilityTest {

    @Test
    void greetsWithPlusOkAndNoTimestampByDefault() throws IOException {
        try (FakePop3Server server = FakePop3Server.start(); Pop3TestClient client = Pop3TestClient.connect(server)) {
            assertThat(client.readLine()).isEqualTo("+OK fake POP3 ready");
        }
    }

    @Test
    void capaListsEveryDefaultCapability() throws IOException {
        try (FakePop3Server server = FakePop3Server.start(); Pop3TestClient client = Pop3TestClient.connect(server)) {
            client.readLine();
            assertThat(client.command("CAPA")).startsWith("+OK");
            assertThat(client.readBodyLines()).containsExactly("TOP", "UIDL", "USER", "SASL PLAIN XOAUTH2", "STLS",
                    "PIPELINING", "RESP-CODES", "AUTH-RESP-CODE", "IMPLEMENTATION mailaccess-testkit");
        }
    }

    @Test
    void capaAnswersErrWhenTheProfileHasNoCapa() throws IOException {
        try (FakePop3Server server = FakePop3Server.builder().profile(Pop3Profile.defaults().withoutCapa()).start();
             Pop3TestClient client = Pop3TestClient.connect(server)) {
            client.readLine();
            assertThat(client.command("CAPA")).startsWith("-ERR");
        }
    }

    @Test
    void disabledFeaturesDisappearFromCapaAndTheirCommandsFail() throws IOException {
        Pop3Profile profile = Pop3Profile.defaults().withoutUidl().withoutTop().withoutSasl().withoutStls()
                .withoutPipelining().withoutRespCodes();
        try (FakePop3Server server = FakePop3Server.builder().profile(profile).start()) {
            server.addUser("alice", "pw").mailbox("alice").deliver("Subject: x\r\n\r\nbody\r\n");
            try (Pop3TestClient client = Pop3TestClient.connect(server)) {
                client.readLine();
                client.command("CAPA");
                assertThat(client.readBodyLines()).containsExactly("USER", "IMPLEMENTATION mailaccess-testkit");
                assertThat(client.command("STLS")).startsWith("-ERR");
                assertThat(client.command("AUTH PLAIN AGFsaWNlAHB3")).startsWith("-ERR");
                assertThat(client.command("USER alice")).startsWith("+OK");
                assertThat(client.command("PASS wrong")).isEqualTo("-ERR invalid user name or password");
                client.command("USER alice");
                client.command("PASS pw");
                assertThat(client.command("UIDL")).startsWith("-ERR");
                assertThat(client.command("TOP 1 0")).startsWith("-ERR");
                assertThat(client.command("RETR 1")).startsWith("+OK");
            }
        }
    }

    @Test
    void capaAdvertisesExpireAndLoginDelayWhenSet() throws IOException {
        Pop3Profile profile = Pop3Profile.defaults().withExpire("NEVER").withLoginDelay(900);
        try (FakePop3Server server = FakePop3Server.builder().profile(profile).start();
             Pop3TestClient client = Pop3TestClient.connect(server)) {
            client.readLine();
            client.command("CAPA");
            assertThat(client.readBodyLines()).contains("EXPIRE NEVER", "LOGIN-DELAY 900");
        }
    }

    @Test
    void capaOmitsStlsOnceLoggedIn() throws IOException {
        try (FakePop3Server server = FakePop3Server.start()) {
            server.addUser("alice", "pw");
            try (Pop3TestClient client = Pop3TestClient.login(server, "alice", "pw")) {
                client.command("CAPA");
                assertThat(client.readBodyLines()).doesNotContain("STLS").contains("UIDL");
            }
        }
    }

    @Test
    void apopProfileGreetsWithAUniqueTimestamp() throws IOException {
        try (FakePop3Server server = FakePop3Server.builder().profile(Pop3Profile.defaults().withApop()).start();
             Pop3TestClient first = Pop3TestClient.connect(server);
             Pop3TestClient second = Pop3TestClient.connect(server)) {
            String greeting = first.readLine();
            assertThat(greeting).matches("\\+OK fake POP3 ready <\\d+\\.\\d+\\.\\d+@localhost>");
            assertThat(second.readLine()).isNotEqualTo(greeting);
        }
    }

    @Test
    void endpointMatchesTheListenerAndProfile() {
        try (FakePop3Server starttls = FakePop3Server.start();
             FakePop3Server plain = FakePop3Server.builder().profile(Pop3Profile.defaults().withoutStls()).start();
             FakePop3Server implicit = FakePop3Server.builder().implicitTls().start()) {
            assertThat(starttls.endpoint().tls()).isEqualTo(TlsMode.STARTTLS_REQUIRED);
            assertThat(starttls.endpoint().protocol()).isEqualTo(Protocol.POP3);
            assertThat(starttls.endpoint().host()).isEqualTo("localhost");
            assertThat(starttls.endpoint().port()).isEqualTo(starttls.port());
            assertThat(plain.endpoint().tls()).isEqualTo(TlsMode.INSECURE_PLAINTEXT);
            assertThat(implicit.endpoint().tls()).isEqualTo(TlsMode.IMPLICIT);
            assertThat(plain.endpoint(TlsMode.IMPLICIT).tls()).isEqualTo(TlsMode.IMPLICIT);
        }
    }
}
