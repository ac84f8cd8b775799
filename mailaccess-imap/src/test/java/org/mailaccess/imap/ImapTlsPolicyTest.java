package org.mailaccess.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailaccess.imap.ScriptedImapServer.ascii;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mailaccess.Capability;
import org.mailaccess.ConnectionException;
import org.mailaccess.Credentials;
import org.mailaccess.MailboxClient;
import org.mailaccess.MailboxSession;
import org.mailaccess.Protocol;
import org.mailaccess.ServerEndpoint;
import org.mailaccess.TlsMode;
import org.mailaccess.TlsRequiredException;
import org.mailaccess.testkit.internal.TestCertificates;

/**
 * TLS policy (RFC 8314; PITFALLS S1, S2, S3) against a scripted server: STARTTLS is required, never opportunistic;
 * no credential goes out before TLS; capabilities are asked again after TLS; hostnames are verified.
 */
@Timeout(20)
class ImapTlsPolicyTest {

    private static final TestCertificates LOCALHOST = TestCertificates.forHost("localhost");

    private static MailboxClient client() {
        return MailboxClient.builder().sslContext(LOCALHOST.clientContext()).connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(5)).build();
    }

    private static ServerEndpoint endpoint(ScriptedImapServer server, TlsMode mode) {
        return new ServerEndpoint(Protocol.IMAP, "localhost", server.port(), mode);
    }

    /** A server that offers STARTTLS before TLS and other capabilities after it. */
    private static ScriptedImapServer.Script normal(String startTlsReply) {
        return (tag, command, c) -> {
            String verb = command.split(" ")[0].toUpperCase();
            return switch (verb) {
                case "CAPABILITY" -> ascii((c.tls ? "* CAPABILITY IMAP4rev1 IDLE MOVE\r\n"
                        : "* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED XPLAINTEXTONLY\r\n") + tag + " OK done\r\n");
                case "STARTTLS" -> ascii(startTlsReply.replace("TAG", tag));
                case "LOGIN" -> ascii(tag + " OK logged in\r\n");
                case "LOGOUT" -> ascii("* BYE bye\r\n" + tag + " OK bye\r\n");
                default -> ascii(tag + " OK done\r\n");
            };
        };
    }

    @Test
    void startTlsUpgradesBeforeLoginAndCapabilitiesAreAskedAgainAfterTls() throws Exception {
        // The STARTTLS answer carries injected plaintext (PITFALLS S1); it must not survive the upgrade.
        try (ScriptedImapServer server = new ScriptedImapServer("* OK ready", LOCALHOST.serverContext(), false,
                normal("TAG OK begin TLS\r\n* CAPABILITY IMAP4rev1 XINJECTED\r\n"))) {
            try (MailboxSession s = client().open(endpoint(server, TlsMode.STARTTLS_REQUIRED),
                    Credentials.password("ann", "pw"))) {
                assertThat(s.capabilities().serverTokens()).contains("IDLE", "MOVE")
                        .doesNotContain("XPLAINTEXTONLY", "XINJECTED", "STARTTLS");
                assertThat(s.capabilities().has(Capability.PUSH)).isTrue();
            }
            assertThat(server.received).filteredOn(l -> l.contains("LOGIN")).allMatch(l -> l.startsWith("TLS "));
            assertThat(server.received).anyMatch(l -> l.startsWith("TLS ") && l.endsWith("CAPABILITY"));
        }
    }

    @Test
    void aRefusedStartTlsFailsWithTlsRequiredAndNoCredentialIsSent() throws Exception {
        for (String refusal : new String[] {"TAG NO not now\r\n", "TAG BAD what\r\n"}) {
            try (ScriptedImapServer server = new ScriptedImapServer("* OK ready", LOCALHOST.serverContext(), false,
                    normal(refusal))) {
                assertThatThrownBy(() -> client().open(endpoint(server, TlsMode.STARTTLS_REQUIRED),
                        Credentials.password("ann", "pw"))).isInstanceOf(TlsRequiredException.class);
                assertThat(server.received).noneMatch(l -> l.contains("LOGIN") || l.contains("AUTHENTICATE"));
            }
        }
    }

    @Test
    void aServerWithoutStartTlsFailsWithTlsRequired() throws Exception {
        ScriptedImapServer.Script noStartTls = (tag, command, c) -> command.equalsIgnoreCase("CAPABILITY")
                ? ascii("* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n" + tag + " OK done\r\n") : ascii(tag + " OK\r\n");
        try (ScriptedImapServer server = new ScriptedImapServer("* OK ready", LOCALHOST.serverContext(), false,
                noStartTls)) {
            assertThatThrownBy(() -> client().open(endpoint(server, TlsMode.STARTTLS_REQUIRED),
                    Credentials.password("ann", "pw"))).isInstanceOf(TlsRequiredException.class);
            assertThat(server.received).noneMatch(l -> l.contains("LOGIN") || l.contains("AUTHENTICATE"));
        }
    }

    @Test
    void aPreauthGreetingOnAConnectionThatMustUseStartTlsIsRefused() throws Exception {
        try (ScriptedImapServer server = new ScriptedImapServer(
                "* PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] welcome back", LOCALHOST.serverContext(), false,
                normal("TAG OK begin TLS\r\n"))) {
            assertThatThrownBy(() -> client().open(endpoint(server, TlsMode.STARTTLS_REQUIRED),
                    Credentials.password("ann", "pw"))).isInstanceOf(TlsRequiredException.class);
            assertThat(server.received).noneMatch(l -> l.contains("SELECT") || l.contains("LOGIN"));
        }
    }

    @Test
    void implicitTlsVerifiesTheCertificateAndTheHostName() throws Exception {
        ScriptedImapServer.Script plain = (tag, command, c) -> {
            if (command.equalsIgnoreCase("CAPABILITY")) {
                return ascii("* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n" + tag + " OK done\r\n");
            }
            if (command.toUpperCase().startsWith("AUTHENTICATE")) {
                return ascii("+ \r\n");
            }
            return ascii((tag.startsWith("A") || tag.startsWith("B") || tag.startsWith("C") ? tag : "A1")
                    + " OK done\r\n");
        };
        try (ScriptedImapServer server = new ScriptedImapServer("* OK [CAPABILITY IMAP4rev1 LOGINDISABLED] tls",
                LOCALHOST.serverContext(), true, (tag, command, c) -> command.equalsIgnoreCase("LOGOUT")
                        ? ascii("* BYE\r\n" + tag + " OK\r\n") : ascii(tag + " OK done\r\n"))) {
            // LOGINDISABLED and no AUTH=: authentication fails, but only after TLS was verified.
            assertThatThrownBy(() -> client().open(endpoint(server, TlsMode.IMPLICIT),
                    Credentials.password("ann", "pw"))).isInstanceOf(org.mailaccess.AuthenticationException.class);
        }
        TestCertificates other = TestCertificates.forHost("other.test");
        try (ScriptedImapServer server = new ScriptedImapServer("* OK ready", other.serverContext(), true, plain)) {
            assertThatThrownBy(() -> client().open(endpoint(server, TlsMode.IMPLICIT),
                    Credentials.password("ann", "pw"))).isInstanceOf(ConnectionException.class)
                    .isNotInstanceOf(TlsRequiredException.class);
            assertThat(server.received).isEmpty();
        }
    }
}
