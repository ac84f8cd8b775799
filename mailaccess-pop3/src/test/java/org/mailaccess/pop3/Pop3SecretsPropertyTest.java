package org.mailaccess.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mailaccess.Credentials;
import org.mailaccess.MailAccessException;
import org.mailaccess.MailboxClient;
import org.mailaccess.MailboxSession;
import org.mailaccess.TlsMode;
import org.mailaccess.testkit.FakePop3Server;
import org.mailaccess.testkit.Pop3Profile;
import org.quicktheories.core.Gen;

/**
 * PITFALLS S6 as a property: whatever the user name and the secret, the secret never reaches a listener event or an
 * exception, with every login mechanism, on success and on refusal. Secrets start with IMAP verbs now and then,
 * because guessing the protocol from the line once leaked {@code PASS select my horse 42}. (User names are shown by
 * design: {@code USER ann}, {@code APOP ann <redacted>}.)
 */
@Timeout(120)
class Pop3SecretsPropertyTest {

    enum Mechanism {
        USER_PASS(Pop3Profile.defaults().withoutSasl(), true),
        APOP(Pop3Profile.defaults().withoutSasl().withoutUser().withApop(), true),
        PLAIN(Pop3Profile.defaults(), true),
        XOAUTH2(Pop3Profile.defaults(), false);

        final Pop3Profile profile;
        final boolean spacesAllowed;

        Mechanism(Pop3Profile profile, boolean spacesAllowed) {
            this.profile = profile;
            this.spacesAllowed = spacesAllowed;
        }
    }

    private static final String[] VERBS = {"", "select ", "LOGIN ", "fetch ", "UID ", "AUTHENTICATE ", "capability "};

    private static final Gen<String> USERS = strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 12);

    private static Gen<String> secrets(boolean spaces) {
        return integers().between(0, VERBS.length - 1).zip(
                strings().betweenCodePoints(spaces ? ' ' : '!', '~').ofLengthBetween(12, 40), (v, s) -> {
                    String secret = (spaces ? VERBS[v] : VERBS[v].strip()) + s;
                    return spaces ? secret : secret.replace(' ', '_');
                });
    }

    @ParameterizedTest
    @EnumSource(Mechanism.class)
    void noSecretReachesAListenerOrAnException(Mechanism mechanism) {
        try (FakePop3Server server = FakePop3Server.builder().profile(mechanism.profile).start()) {
            qt().withExamples(25).withShrinkCycles(5).forAll(USERS, secrets(mechanism.spacesAllowed))
                    .checkAssert((user, secret) -> {
                        server.addUser(user, secret);
                        assertNotExposed(server, mechanism, user, secret, secret); // accepted
                        assertNotExposed(server, mechanism, user, secret + "x", secret + "x"); // refused
                    });
        }
    }

    private static void assertNotExposed(FakePop3Server server, Mechanism mechanism, String user, String secret,
            String mustNotAppear) {
        CapturingListener events = new CapturingListener();
        MailboxClient client = MailboxClient.builder().connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(5)).writeTimeout(Duration.ofSeconds(5)).listener(events).build();
        Credentials credentials = mechanism == Mechanism.XOAUTH2 ? Credentials.oauth2(user, () -> secret)
                : Credentials.password(user, secret);
        List<String> texts = new ArrayList<>();
        try (MailboxSession s = client.open(server.endpoint(TlsMode.INSECURE_PLAINTEXT), credentials)) {
            s.noop();
        } catch (MailAccessException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                texts.add(String.valueOf(t.getMessage()));
                texts.add(t.toString());
            }
            if (e instanceof org.mailaccess.AuthenticationException a) {
                texts.add(a.serverText().orElse(""));
            }
        }
        texts.addAll(events.events);
        String upper = mustNotAppear.toUpperCase(Locale.ROOT);
        assertThat(texts).as(mechanism + " user=" + user).noneMatch(t -> t.contains(mustNotAppear))
                .noneMatch(t -> t.toUpperCase(Locale.ROOT).contains(upper));
        assertThat(events.commands()).as("the login happened").isNotEmpty();
    }
}
