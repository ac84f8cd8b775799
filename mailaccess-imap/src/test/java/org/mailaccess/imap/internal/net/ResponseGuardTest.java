package org.mailaccess.imap.internal.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseGuardTest {

    private final List<String> firstLines = new ArrayList<>();

    private InputStream guard(String wire, long maxLiteral, int maxLine) {
        ConnectionProbe probe = new ConnectionProbe(maxLiteral, maxLine, 8, Duration.ofSeconds(1),
                new ConnectionProbe.Events() {
                    @Override
                    public void commandSent(String line) {
                    }

                    @Override
                    public void responseReceived(String line) {
                        firstLines.add(line);
                    }
                });
        return probe.guardInput(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void normalTrafficPassesByteForByteAndLiteralDataIsNotTakenForLines() throws IOException {
        String wire = "* 1 FETCH (BODY[] {12}\r\n((((((((((\r\n)\r\n* OK [UIDNEXT 3] x\r\nA1 OK done\r\n";
        assertThat(new String(guard(wire, 100, 100).readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo(wire);
        assertThat(firstLines).containsExactly("* 1 FETCH (BODY[] {12}", "* OK [UIDNEXT 3] x", "A1 OK done");
    }

    @Test
    void aLiteralAboveTheCapFailsBeforeItsDataIsRead() {
        assertThatThrownBy(() -> guard("* 1 FETCH (BODY[] {101}\r\n", 100, 1000).readAllBytes())
                .isInstanceOf(IOException.class).hasMessageContaining("literal of 101");
    }

    @Test
    void aLiteralAnnouncedAcrossEarlierLiteralDataIsSeenAsAngusSeesIt() {
        // Angus finds the last '{' anywhere in the response, even inside literal data: "{9" + "99}" is {999}.
        assertThatThrownBy(() -> guard("* 1 FETCH (BODY[1] {2}\r\n{999}\r\n", 100, 1000).readAllBytes())
                .isInstanceOf(IOException.class).hasMessageContaining("literal of 999");
    }

    @Test
    void linesResponsesAndNestingAreBounded() {
        assertThatThrownBy(() -> guard("* " + "x".repeat(200) + "\r\n", 100, 100).readAllBytes())
                .hasMessageContaining("line exceeded 100");
        assertThatThrownBy(() -> guard("* x {55}\r\n" + "y".repeat(55) + " {55}\r\n" + "z".repeat(55) + ")\r\n",
                60, 60).readAllBytes()).hasMessageContaining("response exceeded");
        assertThatThrownBy(() -> guard("* x " + "(".repeat(9) + "\r\n", 100, 100).readAllBytes())
                .hasMessageContaining("nested");
    }

    @Test
    void parenthesesCountEvenInsideQuotesAndTheGuardStaysPoisonedAfterAViolation() throws IOException {
        // Angus does not always honour a quote (a" is a flag atom to readSimpleList), so a quote hides nothing.
        assertThat(guard("* x (\"(a)\" \"(b)\") ok\r\n", 100, 100).readAllBytes()).isNotEmpty();
        assertThatThrownBy(() -> guard("* x \"((((((((((\" ok\r\n", 100, 100).readAllBytes())
                .hasMessageContaining("nested");
        assertThatThrownBy(() -> guard("* 1 FETCH (FLAGS (a\") UID 1 BODYSTRUCTURE " + "(".repeat(20) + "\r\n",
                100, 1000).readAllBytes()).hasMessageContaining("nested");
        // A quoted ')' never undoes a '(': it cannot talk the count down while Angus's real nesting grows.
        assertThatThrownBy(() -> guard("* x " + "((\"))\" ".repeat(5) + "\r\n", 100, 1000).readAllBytes())
                .hasMessageContaining("nested");
        InputStream in = guard("* " + "x".repeat(200) + "\r\n", 100, 100);
        assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class);
        assertThatThrownBy(in::read).isInstanceOf(IOException.class);
    }

    private InputStream guardWithCommandCaps(String wire, long maxResponses, long maxOctets) {
        ConnectionProbe probe = new ConnectionProbe(1000, 1000, 8, maxResponses, maxOctets, Duration.ofSeconds(1),
                new ConnectionProbe.Events() {
                    @Override
                    public void commandSent(String line) {
                    }

                    @Override
                    public void responseReceived(String line) {
                    }
                });
        return probe.guardInput(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void untaggedResponsesPerCommandAreBoundedInNumberAndSizeUntilTheTaggedOne() throws IOException {
        String ten = "* 1 FETCH (FLAGS (\\Seen))\r\n".repeat(10);
        assertThat(guardWithCommandCaps(ten + "A1 OK\r\n" + ten + "A2 OK\r\n", 10, 10_000).readAllBytes())
                .isNotEmpty();
        assertThatThrownBy(() -> guardWithCommandCaps(ten + "* 2 EXISTS\r\nA1 OK\r\n", 10, 10_000).readAllBytes())
                .hasMessageContaining("more than 10 untagged responses");
        assertThatThrownBy(() -> guardWithCommandCaps(ten + "A1 OK\r\n", 1000, 100).readAllBytes())
                .hasMessageContaining("exceeded 100 octets");
        // Continuation requests do not end a command (APPEND), and are not untagged data either.
        assertThat(guardWithCommandCaps("+ go\r\n" + ten + "A1 OK\r\n", 10, 10_000).readAllBytes()).isNotEmpty();
    }
}
