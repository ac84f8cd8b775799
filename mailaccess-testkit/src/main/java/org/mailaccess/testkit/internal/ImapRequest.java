package org.mailaccess.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One complete IMAP command as received (RFC 3501 section 2.2.1): the text lines and, between them, the literals the
 * client sent. Literal {@code i} follows line {@code i}, whose text ends with its {@code {n}} or {@code {n+}} marker.
 *
 * @param lines    the text lines without CRLF, one more than there are literals
 * @param literals the literal bytes, exactly as received
 */
public record ImapRequest(List<String> lines, List<byte[]> literals) {

    /**
     * Copies the lists.
     *
     * @param lines    the text lines
     * @param literals the literals
     */
    public ImapRequest {
        lines = List.copyOf(lines);
        literals = List.copyOf(literals);
        if (lines.size() != literals.size() + 1) {
            throw new IllegalArgumentException("a request has one line more than literals");
        }
    }

    /**
     * The command as it travelled, minus the final CRLF: lines joined by CRLF with each literal's bytes (decoded as
     * UTF-8) in its place.
     *
     * @return the raw text
     */
    public String rawText() {
        StringBuilder text = new StringBuilder(lines.get(0));
        for (int i = 0; i < literals.size(); i++) {
            text.append("\r\n").append(new String(literals.get(i), StandardCharsets.UTF_8)).append(lines.get(i + 1));
        }
        return text.toString();
    }

    /**
     * Reads one command from a connection, answering synchronizing literals with a continuation request.
     *
     * @param connection     the connection
     * @param maxLiteralSize the largest literal accepted, in bytes; also the limit on all literals together
     * @return the command, or null when the client closed the connection before sending one
     * @throws LiteralTooLargeException if the client announces a larger literal; the stream cannot be resynchronised
     * @throws java.io.IOException      on network errors
     */
    public static ImapRequest read(Connection connection, long maxLiteralSize) throws java.io.IOException {
        String line = connection.readLine();
        if (line == null) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        List<byte[]> literals = new ArrayList<>();
        long total = 0;
        while (true) {
            lines.add(line);
            long size = literalSize(line);
            if (size < 0) {
                return new ImapRequest(lines, literals);
            }
            total += size;
            if (size > maxLiteralSize || total > maxLiteralSize) {
                throw new LiteralTooLargeException(maxLiteralSize);
            }
            if (!line.endsWith("+}")) {
                // RFC 3501 section 7.5: a synchronizing literal waits for the server's go-ahead.
                connection.write("+ Ready for literal data\r\n");
                connection.flush();
            }
            literals.add(connection.readExactly((int) size));
            line = connection.readLine();
            if (line == null) {
                throw new java.io.EOFException("end of stream after a literal");
            }
        }
    }

    /**
     * The size announced by a literal marker ending the line, {@code {n}} or {@code {n+}} (RFC 7888).
     *
     * @param line a line of the command
     * @return the size, or -1 when the line ends without a literal marker (Long.MAX_VALUE if too large to parse)
     */
    public static long literalSize(String line) {
        if (!line.endsWith("}")) {
            return -1;
        }
        int open = line.lastIndexOf('{');
        if (open < 0) {
            return -1;
        }
        String digits = line.substring(open + 1, line.endsWith("+}") ? line.length() - 2 : line.length() - 1);
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }
}
