package org.mailaccess.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailaccess.AuthenticationException;
import org.mailaccess.Capability;
import org.mailaccess.ConnectionException;
import org.mailaccess.Credentials;
import org.mailaccess.LogoutResult;
import org.mailaccess.MailboxClient;
import org.mailaccess.MailboxSession;
import org.mailaccess.TlsMode;
import org.mailaccess.TlsRequiredException;

class ImapConnectAndLoginTest {

    @RegisterExtension
    static GreenMailExtension greenMail = GreenMailImap.extension();

    @Test
    void capabilitiesReflectWhatGreenMailAdvertisesAfterLogin() {
        GreenMailImap.user(greenMail);
        try (MailboxSession s = GreenMailImap.open(greenMail)) {
            assertThat(s.capabilities().features()).contains(Capability.FOLDERS, Capability.FLAGS,
                    Capability.SERVER_SEARCH, Capability.APPEND, Capability.HEADERS_PREVIEW,
                    Capability.PERSISTENT_IDS, Capability.PIPELINING, Capability.PARTIAL_FETCH, Capability.PUSH,
                    Capability.MOVE, Capability.UIDPLUS, Capability.QUOTA);
            // GreenMail has neither SPECIAL-USE nor CONDSTORE/QRESYNC.
            assertThat(s.capabilities().features()).doesNotContain(Capability.SPECIAL_USE,
                    Capability.CHANGE_TRACKING);
            assertThat(s.capabilities().serverTokens()).contains("IMAP4REV1", "IDLE", "MOVE", "UIDPLUS");
        }
    }

    @Test
    void disabledExtensionsAreMaskedFromTheCapabilities() {
        GreenMailImap.user(greenMail);
        ImapOptions options = ImapOptions.builder().disabledExtensions(Set.of("move", "IDLE")).build();
        try (MailboxSession s = GreenMailImap.open(greenMail, options)) {
            assertThat(s.capabilities().features()).doesNotContain(Capability.MOVE, Capability.PUSH);
            assertThat(s.capabilities().serverTokens()).doesNotContain("MOVE", "IDLE");
        }
    }

    @Test
    void wrongPasswordFailsWithAuthenticationExceptionThatDoesNotContainThePassword() {
        GreenMailImap.user(greenMail);
        MailboxClient client = GreenMailImap.client(ImapOptions.defaults());
        assertThatThrownBy(() -> client.open(GreenMailImap.endpoint(greenMail),
                Credentials.password(GreenMailImap.USER, "wrong-Pa55word")))
                .isInstanceOf(AuthenticationException.class)
                .satisfies(e -> assertThat(fullText(e)).doesNotContain("wrong-Pa55word"));
    }

    @Test
    void oauth2TokenIsAskedOnEveryAuthenticationAndUsedWithXoauth2() {
        GreenMailImap.user(greenMail);
        AtomicInteger asked = new AtomicInteger();
        Credentials oauth = Credentials.oauth2(GreenMailImap.USER, () -> {
            asked.incrementAndGet();
            return GreenMailImap.PASSWORD;
        });
        GreenMailImap.RecordingListener events = new GreenMailImap.RecordingListener();
        MailboxClient client = GreenMailImap.client(ImapOptions.defaults(), events);
        try (MailboxSession s = client.open(GreenMailImap.endpoint(greenMail), oauth)) {
            assertThat(s.isOpen()).isTrue();
        }
        try (MailboxSession s = client.open(GreenMailImap.endpoint(greenMail), oauth)) {
            assertThat(s.isOpen()).isTrue();
        }
        assertThat(asked).hasValue(2);
        assertThat(events.events).contains("AUTH " + GreenMailImap.USER + " XOAUTH2");
    }

    @Test
    void listenerEventsCarryNoPasswordTokenOrSaslBlob() {
        GreenMailImap.user(greenMail);
        GreenMailImap.RecordingListener events = new GreenMailImap.RecordingListener();
        MailboxClient client = GreenMailImap.client(ImapOptions.defaults(), events);
        try (MailboxSession s = client.open(GreenMailImap.endpoint(greenMail),
                Credentials.password(GreenMailImap.USER, GreenMailImap.PASSWORD))) {
            s.inbox().status();
        }
        try (MailboxSession s = client.open(GreenMailImap.endpoint(greenMail),
                Credentials.oauth2(GreenMailImap.USER, () -> GreenMailImap.PASSWORD))) {
            s.noop();
        }
        String blob = Base64.getEncoder().encodeToString(("user=" + GreenMailImap.USER + "\001auth=Bearer "
                + GreenMailImap.PASSWORD + "\001\001").getBytes(StandardCharsets.UTF_8));
        assertThat(events.events).isNotEmpty();
        assertThat(events.events).anyMatch(e -> e.contains("LOGIN " + GreenMailImap.USER + " <redacted>"));
        assertThat(events.events).anyMatch(e -> e.contains("AUTHENTICATE XOAUTH2 <redacted>"));
        assertThat(events.events).noneMatch(e -> e.contains(GreenMailImap.PASSWORD) || e.contains(blob)
                || e.contains(blob.substring(0, 20)));
        // Status replies reach the listener; message data does not.
        assertThat(events.events).anyMatch(e -> e.startsWith("S: ") && e.contains(" OK"));
    }

    @Test
    void startTlsRequiredFailsBeforeLoginWhenTheServerDoesNotOfferIt() {
        GreenMailImap.user(greenMail);
        GreenMailImap.RecordingListener events = new GreenMailImap.RecordingListener();
        MailboxClient client = GreenMailImap.client(ImapOptions.defaults(), events);
        assertThatThrownBy(() -> client.open(GreenMailImap.endpoint(greenMail).withTls(TlsMode.STARTTLS_REQUIRED),
                Credentials.password(GreenMailImap.USER, GreenMailImap.PASSWORD)))
                .isInstanceOf(TlsRequiredException.class);
        assertThat(events.events).noneMatch(e -> e.contains("LOGIN") || e.contains("AUTHENTICATE"));
    }

    @Test
    void implicitTlsAgainstAPlaintextPortFailsWithConnectionException() {
        GreenMailImap.user(greenMail);
        MailboxClient client = GreenMailImap.client(ImapOptions.defaults());
        assertThatThrownBy(() -> client.open(GreenMailImap.endpoint(greenMail).withTls(TlsMode.IMPLICIT),
                Credentials.password(GreenMailImap.USER, GreenMailImap.PASSWORD)))
                .isInstanceOf(ConnectionException.class);
    }

    @Test
    void logoutReportsNothingPendingAndCloseNeverThrows() {
        GreenMailImap.user(greenMail);
        MailboxSession s = GreenMailImap.open(greenMail);
        assertThat(s.logout().outcome()).isEqualTo(LogoutResult.Outcome.NOTHING_PENDING);
        assertThat(s.isOpen()).isFalse();
        s.close();
        s.close();
        assertThatThrownBy(s::logout).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSecondThreadEnteringABusySessionFailsFast() throws Exception {
        GreenMailImap.user(greenMail);
        try (MailboxSession s = GreenMailImap.open(greenMail)) {
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicReference<Throwable> other = new AtomicReference<>();
            // The watch listener cannot hold the session, so hold it through a stream read that blocks in a sink.
            Thread holder = new Thread(() -> s.inbox().append(new java.io.InputStream() {
                private boolean signalled;

                @Override
                public int read() {
                    if (!signalled) {
                        signalled = true;
                        inside.countDown();
                        try {
                            release.await(5, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return -1;
                }
            }, org.mailaccess.Flags.NONE, null));
            holder.start();
            assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
            try {
                s.noop();
            } catch (Throwable t) {
                other.set(t);
            }
            release.countDown();
            holder.join(5000);
            assertThat(other.get()).isInstanceOf(IllegalStateException.class);
        }
    }

    private static String fullText(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            b.append(t).append('\n');
        }
        return b.toString();
    }

}
