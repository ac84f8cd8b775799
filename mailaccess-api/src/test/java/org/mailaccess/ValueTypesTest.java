package org.mailaccess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ValueTypesTest {

    @Test
    void credentialsNeverShowTheirSecretInToString() {
        assertThat(Credentials.password("ann", "s3cret-pw").toString()).contains("ann").doesNotContain("s3cret-pw");
        assertThat(Credentials.oauth2("ann", () -> "tok-123").toString()).contains("ann").doesNotContain("tok-123");
    }

    @Test
    void endpointsDefaultToImplicitTlsOnTheWellKnownPorts() {
        assertThat(ServerEndpoint.pop3s("pop.example.org").port()).isEqualTo(995);
        assertThat(ServerEndpoint.imaps("imap.example.org").tls()).isEqualTo(TlsMode.IMPLICIT);
        assertThat(ServerEndpoint.of(Protocol.IMAP, "h", TlsMode.STARTTLS_REQUIRED).port()).isEqualTo(143);
    }

    @Test
    void endpointsRejectHostsThatCouldSmuggleControlCharacters() {
        assertThatThrownBy(() -> ServerEndpoint.pop3s("evil\r\nhost")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerEndpoint.pop3s("host").withPort(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keywordsMustBeImapAtoms() {
        assertThat(Flags.keywords("$Forwarded").keywords()).containsExactly("$Forwarded");
        assertThatThrownBy(() -> Flags.keywords("two words")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Flags.keywords("x\r\nA1 DELETE INBOX")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("\r");
    }

    @Test
    void messageKeysAreStableIdsNeverEmpty() {
        assertThat(MessageKey.pop3("abc").folder()).isEqualTo("INBOX");
        assertThat(MessageKey.imap("Sent", 7, 42).uid()).isEqualTo(42);
        assertThatThrownBy(() -> MessageKey.pop3("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyClientTimeoutIsFiniteByDefault() {
        MailboxClient client = MailboxClient.builder().build();

        assertThat(client.connectTimeout()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
        assertThat(client.readTimeout()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(5));
        assertThat(client.writeTimeout()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> MailboxClient.builder().readTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void openingWithoutAProtocolModuleSaysWhichModuleIsMissing() {
        MailboxClient client = MailboxClient.builder().build();

        assertThatThrownBy(() -> client.open(ServerEndpoint.imaps("localhost"), Credentials.password("a", "b")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("mailaccess-imap");
    }
}
