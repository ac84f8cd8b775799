package org.mailaccess.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailaccess.pop3.Pop3Fixtures.PASSWORD;
import static org.mailaccess.pop3.Pop3Fixtures.USER;
import static org.mailaccess.pop3.Pop3Fixtures.client;
import static org.mailaccess.pop3.Pop3Fixtures.seeded;
import static org.mailaccess.pop3.Pop3Fixtures.verbs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mailaccess.AuthenticationException;
import org.mailaccess.Credentials;
import org.mailaccess.MailboxSession;
import org.mailaccess.testkit.FakePop3Server;
import org.mailaccess.testkit.Pop3Profile;
import org.mailaccess.testkit.RecordedCommand;

@Timeout(20)
class Pop3AuthTest {

    private static FakePop3Server server(Pop3Profile profile) {
        return seeded(FakePop3Server.builder().profile(profile).start(), 1);
    }

    private static MailboxSession open(FakePop3Server server, Credentials credentials, Pop3Options options,
            CapturingListener events) {
        return client(server).options(options).listener(events).build().open(server.endpoint(), credentials);
    }

    private static String mechanismOf(CapturingListener events) {
        return events.events.stream().filter(e -> e.startsWith("authenticated ")).findFirst().orElseThrow()
                .substring("authenticated ann ".length());
    }

    private static String login(Pop3Profile profile, Pop3Options options) {
        try (FakePop3Server server = server(profile)) {
            CapturingListener events = new CapturingListener();
            try (MailboxSession s = open(server, Credentials.password(USER, PASSWORD), options, events)) {
                assertThat(s.inbox().status().messages()).isEqualTo(1);
            }
            return mechanismOf(events);
        }
    }

    @Test
    void saslPlainIsPreferredWhenAdvertised() {
        assertThat(login(Pop3Profile.defaults().withApop(), Pop3Options.defaults())).isEqualTo("PLAIN");
    }

    @Test
    void userPassIsUsedWithoutSasl() {
        assertThat(login(Pop3Profile.defaults().withoutSasl(), Pop3Options.defaults())).isEqualTo("USER");
    }

    @Test
    void userPassIsUsedWhenTheServerHasNoCapa() {
        assertThat(login(Pop3Profile.defaults().withoutCapa(), Pop3Options.defaults())).isEqualTo("USER");
    }

    @Test
    void apopIsUsedWhenItIsAllThereIs() {
        assertThat(login(Pop3Profile.defaults().withoutSasl().withoutUser().withApop(), Pop3Options.defaults()))
                .isEqualTo("APOP");
    }

    @Test
    void preferApopPutsApopFirstWhenTheGreetingHasATimestamp() {
        Pop3Options preferApop = Pop3Options.builder().preferApop(true).build();
        assertThat(login(Pop3Profile.defaults().withApop(), preferApop)).isEqualTo("APOP");
        assertThat(login(Pop3Profile.defaults(), preferApop)).isEqualTo("PLAIN");
    }

    @Test
    void xoauth2SendsTheBearerBlobAndAsksTheSupplierOnEveryLogin() {
        try (FakePop3Server server = server(Pop3Profile.defaults())) {
            AtomicInteger asked = new AtomicInteger();
            Credentials oauth = Credentials.oauth2(USER, () -> {
                asked.incrementAndGet();
                return PASSWORD;
            });
            for (int i = 0; i < 2; i++) {
                CapturingListener events = new CapturingListener();
                try (MailboxSession s = open(server, oauth, Pop3Options.defaults(), events)) {
                    assertThat(s.isOpen()).isTrue();
                    assertThat(mechanismOf(events)).isEqualTo("XOAUTH2");
                }
            }
            assertThat(asked).hasValue(2);
            String auth = server.commands().stream().filter(c -> c.verb().equals("AUTH")).findFirst().orElseThrow()
                    .line();
            assertThat(auth).startsWith("AUTH XOAUTH2 ");
            String decoded = new String(Base64.getDecoder().decode(auth.substring("AUTH XOAUTH2 ".length())),
                    StandardCharsets.UTF_8);
            assertThat(decoded).isEqualTo("user=ann\u0001auth=Bearer " + PASSWORD + "\u0001\u0001");
        }
    }

    @Test
    void aLongXoauth2TokenTravelsAfterTheChallengeAsRfc5034Requires() {
        String longToken = "t".repeat(400);
        try (FakePop3Server server = seeded(FakePop3Server.start(), 0)) {
            server.addUser(USER, longToken);
            try (MailboxSession s = open(server, Credentials.oauth2(USER, () -> longToken), Pop3Options.defaults(),
                    new CapturingListener())) {
                assertThat(s.isOpen()).isTrue();
            }
            assertThat(server.commands()).extracting(RecordedCommand::line).contains("AUTH XOAUTH2");
            assertThat(verbs(server)).contains(RecordedCommand.CONTINUATION);
        }
    }

    @Test
    void xoauth2FailsClearlyWhenNotAdvertised() {
        try (FakePop3Server server = server(Pop3Profile.defaults().withSaslMechanisms("PLAIN"))) {
            assertThatThrownBy(() -> open(server, Credentials.oauth2(USER, () -> PASSWORD), Pop3Options.defaults(),
                    new CapturingListener()))
                    .isInstanceOf(AuthenticationException.class).hasMessageContaining("XOAUTH2");
            assertThat(verbs(server)).doesNotContain("AUTH", "USER", "PASS");
        }
    }

    @Test
    void aBadPasswordGivesAnAuthenticationExceptionWithTheServerText() {
        for (Pop3Profile profile : List.of(Pop3Profile.defaults(), Pop3Profile.defaults().withoutSasl(),
                Pop3Profile.defaults().withoutSasl().withoutUser().withApop())) {
            try (FakePop3Server server = server(profile)) {
                assertThatThrownBy(() -> open(server, Credentials.password(USER, "wrong"), Pop3Options.defaults(),
                        new CapturingListener()))
                        .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                            assertThat(e.serverText()).hasValueSatisfying(t -> assertThat(t).contains("invalid"));
                            assertThat(e.getMessage()).doesNotContain("wrong");
                            assertThat(e.isSessionUsable()).isFalse();
                        });
            }
        }
    }

    @Test
    void aPasswordWithALineBreakIsRefusedBeforeItIsSent() {
        try (FakePop3Server server = server(Pop3Profile.defaults().withoutSasl())) {
            assertThatThrownBy(() -> open(server, Credentials.password(USER, "pw\r\nDELE 1"), Pop3Options.defaults(),
                    new CapturingListener()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("DELE");
            assertThat(verbs(server)).doesNotContain("USER", "PASS", "DELE");
        }
    }

    /** PITFALLS S6: no secret, nor its base64 SASL form, in any event, exception or toString. */
    @Test
    void secretsNeverAppearInEventsExceptionsOrToString() {
        String token = "tok-" + PASSWORD;
        List<String> forbidden = List.of(PASSWORD, token,
                b64("\0" + USER + "\0" + PASSWORD),
                b64("user=" + USER + "\u0001auth=Bearer " + token + "\u0001\u0001"));
        List<String> seen = new ArrayList<>();
        record Case(Pop3Profile profile, Pop3Options options, boolean oauth) {
        }
        List<Case> cases = List.of(
                new Case(Pop3Profile.defaults().withoutSasl(), Pop3Options.defaults(), false),
                new Case(Pop3Profile.defaults().withApop(), Pop3Options.builder().preferApop(true).build(), false),
                new Case(Pop3Profile.defaults(), Pop3Options.defaults(), false),
                new Case(Pop3Profile.defaults(), Pop3Options.defaults(), true));
        for (Case c : cases) {
            for (boolean good : new boolean[] {true, false}) {
                try (FakePop3Server server = seeded(FakePop3Server.builder().profile(c.profile()).start(), 1)) {
                    if (c.oauth() && good) {
                        server.addUser(USER, token);
                    }
                    Credentials credentials = c.oauth() ? Credentials.oauth2(USER, () -> token)
                            : Credentials.password(USER, good ? PASSWORD : PASSWORD + "x");
                    if (!good && c.oauth()) {
                        server.addUser(USER, "other");
                    }
                    CapturingListener events = new CapturingListener();
                    seen.add(credentials.toString());
                    try (MailboxSession s = open(server, credentials, c.options(), events)) {
                        seen.add(s.toString());
                        seen.add(s.capabilities().toString());
                        s.inbox().status();
                    } catch (RuntimeException e) {
                        assertThat(good).as("login failed unexpectedly: " + e).isFalse();
                        for (Throwable t = e; t != null; t = t.getCause()) {
                            seen.add(String.valueOf(t.getMessage()));
                            seen.add(t.toString());
                        }
                        if (e instanceof AuthenticationException a) {
                            seen.add(a.serverText().orElse(""));
                        }
                    }
                    seen.addAll(events.events);
                    assertThat(events.events).anySatisfy(ev -> assertThat(ev).contains("<redacted>"));
                }
            }
        }
        assertThat(seen).hasSizeGreaterThan(40);
        for (String s : seen) {
            for (String secret : forbidden) {
                assertThat(s).doesNotContain(secret);
            }
        }
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
