package org.mailaccess.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.security.KeyStoreException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

class TlsTest {

    @Test
    void stlsUpgradesTheConnectionAndTheCertificateVerifiesForLocalhost() throws IOException {
        try (FakePop3Server server = FakePop3Server.start().addUser("alice", "pw");
             Pop3TestClient client = Pop3TestClient.connect(server)) {
            client.readLine();
            assertThat(client.command("STLS")).startsWith("+OK");
            client.startTls();
            client.command("CAPA");
            assertThat(client.readBodyLines()).doesNotContain("STLS");
            assertThat(client.command("STLS")).startsWith("-ERR");
            assertThat(client.command("USER alice")).startsWith("+OK");
            assertThat(client.command("PASS pw")).startsWith("+OK");
        }
    }

    @Test
    void commandsRecordWhetherTheyArrivedThroughTls() throws IOException {
        try (FakePop3Server server = FakePop3Server.start().addUser("alice", "pw");
             Pop3TestClient client = Pop3TestClient.connect(server)) {
            client.readLine();
            client.command("STLS");
            client.startTls();
            client.command("USER alice");
            client.command("PASS pw");
            assertThat(server.commands()).containsExactly(
                    new RecordedCommand(0, "STLS", "STLS", false),
                    new RecordedCommand(0, "USER", "USER alice", true),
                    new RecordedCommand(0, "PASS", "PASS pw", true));
        }
    }

    @Test
    void plaintextPipelinedBehindStlsIsDiscardedNotExecutedInsideTls() throws IOException {
        try (FakePop3Server server = FakePop3Server.start().addUser("alice", "pw");
             Pop3TestClient client = Pop3TestClient.connect(server)) {
            client.readLine();
            client.send("STLS\r\nUSER alice\r\nPASS pw\r\n");
            assertThat(client.readLine()).startsWith("+OK");
            client.startTls();
            assertThat(client.command("STAT")).isEqualTo("-ERR not authenticated");
            assertThat(server.commands()).extracting(RecordedCommand::verb).containsExactly("STLS", "STAT");
            assertThat(server.commands()).extracting(RecordedCommand::tls).containsExactly(false, true);
        }
    }

    @Test
    void implicitTlsSpeaksTlsFromTheFirstByte() throws IOException {
        try (FakePop3Server server = FakePop3Server.builder().implicitTls().start().addUser("alice", "pw");
             Pop3TestClient client = Pop3TestClient.connectTls(server)) {
            assertThat(client.readLine()).startsWith("+OK");
            client.command("CAPA");
            assertThat(client.readBodyLines()).doesNotContain("STLS");
            assertThat(client.command("STLS")).startsWith("-ERR");
            assertThat(client.command("USER alice")).startsWith("+OK");
            assertThat(client.command("PASS pw")).startsWith("+OK");
            assertThat(server.commands()).allMatch(RecordedCommand::tls);
        }
    }

    @Test
    void aCertificateForAnotherNameFailsHostnameVerificationForLocalhost() throws IOException {
        try (FakePop3Server server = FakePop3Server.builder().implicitTls().hostname("other.test").start()) {
            assertThatThrownBy(() -> Pop3TestClient.connectTls(server)).isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("localhost");
        }
    }

    @Test
    void aCertificateForAnotherNameIsStillIssuedByTheTrustedCa() throws Exception {
        try (FakePop3Server server = FakePop3Server.builder().implicitTls().hostname("other.test").start();
             SSLSocket socket = (SSLSocket) server.clientSslContext().getSocketFactory()
                     .createSocket(server.host(), server.port())) {
            socket.startHandshake();
            X509Certificate leaf = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            assertThat(leaf.getSubjectAlternativeNames()).extracting(name -> (Object) name.get(1)).containsExactly("other.test");
        }
    }

    @Test
    void theDefaultCertificateNamesLocalhostAndTheLoopbackAddress() throws Exception {
        try (FakePop3Server server = FakePop3Server.builder().implicitTls().start();
             SSLSocket socket = (SSLSocket) server.clientSslContext().getSocketFactory()
                     .createSocket(server.host(), server.port())) {
            socket.startHandshake();
            X509Certificate leaf = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            assertThat(leaf.getSubjectAlternativeNames()).extracting(name -> (Object) name.get(1))
                    .containsExactlyInAnyOrder("localhost", "127.0.0.1");
            assertThat(socket.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
        }
    }

    @Test
    void theTrustStoreHoldsOnlyTheTestkitCa() throws KeyStoreException {
        try (FakePop3Server server = FakePop3Server.start()) {
            assertThat(server.trustStore().size()).isEqualTo(1);
            X509Certificate ca = (X509Certificate) server.trustStore().getCertificate("fake-ca");
            assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void stlsIsRefusedWhenTheProfileHasNoStls() throws IOException {
        try (FakePop3Server server = FakePop3Server.builder().profile(Pop3Profile.defaults().withoutStls()).start();
             Pop3TestClient client = Pop3TestClient.connect(server)) {
            client.readLine();
            assertThat(client.command("STLS")).isEqualTo("-ERR STLS not supported");
        }
    }
}
