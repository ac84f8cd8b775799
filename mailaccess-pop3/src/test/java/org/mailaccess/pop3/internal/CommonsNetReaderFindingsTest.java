package org.mailaccess.pop3.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import org.apache.commons.net.io.CRLFLineReader;
import org.apache.commons.net.io.DotTerminatedMessageReader;
import org.junit.jupiter.api.Test;

/**
 * Why {@link Pop3Socket} hands the connection to our own reader after TLS: what Commons Net 3.12.0's RETR path
 * ({@code POP3Client.retrieveMessage}: a {@code DotTerminatedMessageReader} over a {@code CRLFLineReader} over an
 * ISO-8859-1 {@code InputStreamReader}) does with the bytes, rebuilt here on in-memory streams exactly as
 * {@code POP3._connectAction_} and {@code retrieveMessage} stack it. If an upgrade changes these facts, this test says
 * so.
 */
class CommonsNetReaderFindingsTest {

    private static BufferedReader connectionReader(byte[] wire) {
        return new CRLFLineReader(new InputStreamReader(new ByteArrayInputStream(wire), StandardCharsets.ISO_8859_1));
    }

    private static byte[] readAll(Reader r) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = r.read()) != -1) {
            b.append((char) c);
        }
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aReplyPipelinedBehindARetrBodyIsSwallowedByTheMessageReader() throws IOException {
        BufferedReader connection = connectionReader(
                "Subject: x\r\n\r\nbody\r\n.\r\n+OK 2nd RETR reply\r\n".getBytes(StandardCharsets.ISO_8859_1));
        Reader message = new DotTerminatedMessageReader(connection);
        readAll(message);
        message.close();
        // The message reader buffered ahead past the terminator; the next reply is gone for good.
        assertThat(connection.readLine()).isNull();
    }

    @Test
    void theIso88591RoundTripKeeps8BitBareCrAndBareLfWhenStuffingFollowsCrlf() throws IOException {
        byte[] content = {'a', '\n', '.', 'x', '\r', '\n', 'b', '\r', 'c', '\r', '\n', (byte) 0xE9, (byte) 0xFF, 0, '\r',
            '\n'};
        byte[] wire = "a\n.x\r\nb\rc\r\n\u00e9\u00ff\u0000\r\n.\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(readAll(new DotTerminatedMessageReader(connectionReader(wire)))).isEqualTo(content);
    }

    @Test
    void itIsNotByteExactWithServersThatStuffAfterABareLf() throws IOException {
        // Content "a\n.x\r\n" from a server that treats LF as a line end (the testkit's fake does): "a\n..x\r\n".
        byte[] wire = "a\n..x\r\n.\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] decoded = readAll(new DotTerminatedMessageReader(connectionReader(wire)));
        assertThat(new String(decoded, StandardCharsets.ISO_8859_1)).isEqualTo("a\n..x\r\n");
        // Our decoder gives back the content.
        LineInput ours = new LineInput(new ByteArrayInputStream(wire));
        assertThat(new String(new DotStuffedInputStream(ours).readAllBytes(), StandardCharsets.ISO_8859_1))
                .isEqualTo("a\n.x\r\n");
    }
}
