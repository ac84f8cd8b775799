package org.mailaccess.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RecordedCommandsTest {

    @Test
    void commandsAreRecordedRawAndInOrderAcrossConnections() throws IOException {
        try (FakePop3Server server = FakePop3Server.start().addUser("alice", "s3cret")) {
            try (Pop3TestClient client = Pop3TestClient.login(server, "alice", "s3cret")) {
                client.command("QUIT");
            }
            try (Pop3TestClient client = Pop3TestClient.connect(server)) {
                client.readLine();
                client.command("capa");
                client.readBodyLines();
            }
            assertThat(server.commands()).containsExactly(
                    new RecordedCommand(0, "USER", "USER alice", false),
                    new RecordedCommand(0, "PASS", "PASS s3cret", false),
                    new RecordedCommand(0, "QUIT", "QUIT", false),
                    new RecordedCommand(1, "CAPA", "capa", false));
            assertThat(server.commands().get(1).arguments()).isEqualTo("s3cret");
            assertThat(server.connectionCount()).isEqualTo(2);
        }
    }

    @Test
    void takeCommandReturnsCommandsOneByOneAndNullOnTimeout() throws IOException {
        try (FakePop3Server server = FakePop3Server.start();
             Pop3TestClient client = Pop3TestClient.connect(server)) {
            client.readLine();
            client.send("NOOP\r\nUSER bob\r\n");
            assertThat(server.takeCommand(Duration.ofSeconds(5)).verb()).isEqualTo("NOOP");
            assertThat(server.takeCommand(Duration.ofSeconds(5)).line()).isEqualTo("USER bob");
            assertThat(server.takeCommand(Duration.ofMillis(50))).isNull();
            assertThat(server.commands()).hasSize(2);
        }
    }

    @Test
    void anEmptyLineIsRecordedWithAnEmptyVerb() throws IOException {
        try (FakePop3Server server = FakePop3Server.start();
             Pop3TestClient client = Pop3TestClient.connect(server)) {
            client.readLine();
            assertThat(client.command("")).isEqualTo("-ERR unknown command");
            assertThat(server.commands()).containsExactly(new RecordedCommand(0, "", "", false));
        }
    }
}
