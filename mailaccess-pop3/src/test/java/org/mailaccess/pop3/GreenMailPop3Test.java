package org.mailaccess.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailaccess.AuthenticationException;
import org.mailaccess.Capability;
import org.mailaccess.Credentials;
import org.mailaccess.FetchSpec;
import org.mailaccess.LogoutResult;
import org.mailaccess.MailboxClient;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageRange;
import org.mailaccess.MessageSummary;
import org.mailaccess.Protocol;
import org.mailaccess.ServerEndpoint;
import org.mailaccess.TlsMode;
import org.mailaccess.testkit.internal.TestCertificates;

/**
 * The same session against GreenMail 2.1.12's POP3 server, an independent implementation.
 *
 * <p>What GreenMail offers, read from its source and confirmed here: CAPA lists only {@code UIDL} and
 * {@code SASL PLAIN XOAUTH2}; TOP works although it is not advertised (found by our probe); no STLS, no PIPELINING,
 * no APOP timestamp. Its RETR is not byte-exact with what was delivered: it re-serialises the stored MimeMessage and
 * writes one CRLF more after it, so RETR is compared with what GreenMail itself holds, plus that CRLF.
 *
 * <p>One GreenMail instance serves the whole class; every test uses its own user.
 *
 * <p>POP3S runs with hostname verification on: GreenMail's bundled certificate has no subject alternative name and
 * would (correctly) be refused for {@code localhost}, so the server is given the testkit's localhost certificate
 * through GreenMail's keystore system properties, set before GreenMail's TLS factory is first created.
 */
@Timeout(30)
class GreenMailPop3Test {

    private static final String PASSWORD = "gm-secret";

    static {
        useTestkitCertificate();
    }

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(
            ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.POP3, ServerSetupTest.POP3S}))
            .withPerMethodLifecycle(false);

    private static final SessionFactory PLAIN = user -> open(ServerSetupTest.POP3.getProtocol(),
            TlsMode.INSECURE_PLAINTEXT, user, PASSWORD);

    @FunctionalInterface
    interface SessionFactory {
        MailboxSession open(String user);
    }

    private static MailboxSession open(String protocol, TlsMode tls, String user, String password) {
        int port = (protocol.equals(ServerSetup.PROTOCOL_POP3S) ? GREENMAIL.getPop3s() : GREENMAIL.getPop3())
                .getServerSetup().getPort();
        return MailboxClient.builder().sslContext(TestCertificates.forHost("localhost").clientContext()).build()
                .open(new ServerEndpoint(Protocol.POP3, "localhost", port, tls), Credentials.password(user, password));
    }

    private static GreenMailUser userWith(String user, String... bodies) throws Exception {
        GreenMailUser u = GREENMAIL.setUser(user + "@localhost", user, PASSWORD);
        Session mail = Session.getInstance(new Properties());
        for (String body : bodies) {
            u.deliver(new MimeMessage(mail, new ByteArrayInputStream(body.getBytes(StandardCharsets.ISO_8859_1))));
        }
        return u;
    }

    private static String message(String subject, String body) {
        return "From: bob@example.org\r\nTo: ann@localhost\r\nSubject: " + subject + "\r\nMessage-ID: <" + subject
                + "@example.org>\r\n\r\n" + body;
    }

    @Test
    void logsInListsWithHeadersAndReadsStatus() throws Exception {
        userWith("lister", message("one", "1\r\n"), message("two", "2\r\n"));
        try (MailboxSession s = PLAIN.open("lister")) {
            assertThat(s.capabilities().serverTokens()).contains("UIDL", "SASL PLAIN XOAUTH2");
            assertThat(s.capabilities().features()).containsExactlyInAnyOrder(Capability.PERSISTENT_IDS,
                    Capability.HEADERS_PREVIEW);
            assertThat(s.inbox().status().messages()).isEqualTo(2);
            List<MessageSummary> list = s.inbox().summaries(MessageRange.all(), FetchSpec.headers());
            assertThat(list).extracting(m -> m.headers().orElseThrow().subject().orElseThrow())
                    .containsExactly("one", "two");
            assertThat(list).allSatisfy(m -> assertThat(m.size()).isPositive());
            assertThat(list).extracting(m -> m.key().id()).doesNotHaveDuplicates();
        }
    }

    @Test
    void retrIsByteExactWithWhatGreenMailSends() throws Exception {
        userWith("reader", message("dots", ".\r\n..x\r\n.leading\r\n\r\nlast\r\n"));
        MimeMessage stored = java.util.Arrays.stream(GREENMAIL.getReceivedMessages())
                .filter(m -> GreenMailUtil.getWholeMessage(m).contains("Subject: dots")).findFirst().orElseThrow();
        String expected = GreenMailUtil.getWholeMessage(stored) + "\r\n";
        try (MailboxSession s = PLAIN.open("reader")) {
            MessageSummary m = s.inbox().summaries(MessageRange.all(), FetchSpec.keysAndSizes()).get(0);
            try (InputStream in = s.inbox().openMessage(m.key())) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo(expected)
                        .contains("\r\n.\r\n..x\r\n.leading\r\n");
            }
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            s.inbox().writeMessage(m.key(), sink);
            assertThat(sink.toString(StandardCharsets.ISO_8859_1)).isEqualTo(expected);
            s.noop();
        }
    }

    @Test
    void deleteAndLogoutCommit() throws Exception {
        userWith("deleter", message("keep", "k\r\n"), message("drop", "d\r\n"));
        try (MailboxSession s = PLAIN.open("deleter")) {
            MessageSummary drop = s.inbox().summaries(MessageRange.all(), FetchSpec.headers()).stream()
                    .filter(m -> m.headers().orElseThrow().subject().orElse("").equals("drop")).findFirst()
                    .orElseThrow();
            s.inbox().delete(List.of(drop.key()));
            LogoutResult result = s.logout();
            assertThat(result.outcome()).isEqualTo(LogoutResult.Outcome.COMMITTED);
            assertThat(result.deleted()).containsExactly(drop.key());
        }
        try (MailboxSession s = PLAIN.open("deleter")) {
            assertThat(s.inbox().summaries(MessageRange.all(), FetchSpec.headers()))
                    .extracting(m -> m.headers().orElseThrow().subject().orElseThrow()).containsExactly("keep");
        }
    }

    @Test
    void aBadPasswordIsAnAuthenticationException() throws Exception {
        userWith("refused");
        assertThatThrownBy(() -> open(ServerSetupTest.POP3.getProtocol(), TlsMode.INSECURE_PLAINTEXT, "refused",
                "wrong")).isInstanceOfSatisfying(AuthenticationException.class,
                        e -> assertThat(e.getMessage()).doesNotContain("wrong"));
    }

    @Test
    void pop3sWorksWithHostnameVerification() throws Exception {
        userWith("secure", message("tls", "t\r\n"));
        try (MailboxSession s = open(ServerSetupTest.POP3S.getProtocol(), TlsMode.IMPLICIT, "secure", PASSWORD)) {
            assertThat(s.inbox().summaries(MessageRange.all(), FetchSpec.headers())).singleElement()
                    .satisfies(m -> assertThat(m.headers().orElseThrow().subject()).contains("tls"));
        }
    }

    private static void useTestkitCertificate() {
        try {
            TestCertificates certs = TestCertificates.forHost("localhost");
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("greenmail", certs.serverPrivateKey(), "changeit".toCharArray(),
                    new Certificate[] {certs.serverCertificate(), certs.caCertificate()});
            Path file = Files.createTempFile("greenmail-localhost", ".p12");
            file.toFile().deleteOnExit();
            try (var out = Files.newOutputStream(file)) {
                ks.store(out, "changeit".toCharArray());
            }
            System.setProperty("greenmail.tls.keystore.file", file.toString());
            System.setProperty("greenmail.tls.keystore.password", "changeit");
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare GreenMail's keystore", e);
        }
    }
}
