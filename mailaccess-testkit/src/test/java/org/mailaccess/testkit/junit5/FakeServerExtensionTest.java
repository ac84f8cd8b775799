package org.mailaccess.testkit.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mailaccess.testkit.FakePop3Server;

@FakeServers
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FakeServerExtensionTest {

    private static int portOfEarlierTest;

    private final FakePop3Server constructorServer;

    FakeServerExtensionTest(FakePop3Server constructorServer) {
        this.constructorServer = constructorServer;
    }

    @Test
    @Order(1)
    void injectsAStartedServerPerParameter(FakePop3Server first, FakePop3Server second) throws IOException {
        assertThat(first.port()).isNotEqualTo(second.port()).isNotEqualTo(constructorServer.port());
        try (Socket socket = new Socket(first.host(), first.port())) {
            assertThat(socket.getInputStream().read()).isEqualTo('+');
        }
        portOfEarlierTest = first.port();
    }

    @Test
    @Order(2)
    void closesTheServerAfterTheTest() {
        assertThat(portOfEarlierTest).isPositive();
        assertThatThrownBy(() -> new Socket("localhost", portOfEarlierTest).close())
                .isInstanceOf(ConnectException.class);
    }
}
