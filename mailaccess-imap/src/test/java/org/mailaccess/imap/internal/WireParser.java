package org.mailaccess.imap.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A strict reader of one client command as it went on the wire (RFC 3501 section 9): tag, then atoms, quoted
 * strings, literals and parenthesised lists, then CRLF, then nothing. Used to prove that encoded arguments round-trip
 * and never split a command.
 */
final class WireParser {

    private final byte[] b;
    private int i;

    private WireParser(byte[] b) {
        this.b = b;
    }

    /**
     * Parses one command line and returns its tokens (strings decoded from quoted or literal form as UTF-8; lists
     * flattened with "(" and ")" markers).
     *
     * @throws IllegalStateException when the bytes are not exactly one command
     */
    static List<String> parse(byte[] wire) {
        WireParser p = new WireParser(wire);
        List<String> out = new ArrayList<>();
        p.tokens(out, false);
        if (p.i != wire.length) {
            throw new IllegalStateException("bytes after the command: " + (wire.length - p.i));
        }
        return out;
    }

    private void tokens(List<String> out, boolean inList) {
        while (true) {
            if (i >= b.length) {
                throw new IllegalStateException("no CRLF at the end");
            }
            byte c = b[i];
            if (c == '\r') {
                expect("\r\n");
                if (inList) {
                    throw new IllegalStateException("CRLF inside a list");
                }
                return;
            }
            if (c == ' ') {
                i++;
                continue;
            }
            if (c == ')') {
                if (!inList) {
                    throw new IllegalStateException("unbalanced )");
                }
                i++;
                out.add(")");
                return;
            }
            if (c == '(') {
                i++;
                out.add("(");
                tokens(out, true);
                continue;
            }
            if (c == '"') {
                out.add(quoted());
            } else if (c == '{') {
                out.add(literal());
            } else {
                out.add(atom());
            }
        }
    }

    private String quoted() {
        i++;
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        while (true) {
            byte c = b[i++];
            if (c == '"') {
                return s.toString(StandardCharsets.UTF_8);
            }
            if (c == '\r' || c == '\n') {
                throw new IllegalStateException("CR/LF in a quoted string");
            }
            if (c == '\\') {
                c = b[i++];
                if (c != '"' && c != '\\') {
                    throw new IllegalStateException("bad escape");
                }
            }
            s.write(c);
        }
    }

    private String literal() {
        int close = i;
        while (b[close] != '}') {
            close++;
        }
        String n = new String(b, i + 1, close - i - 1, StandardCharsets.US_ASCII);
        if (n.endsWith("+")) {
            n = n.substring(0, n.length() - 1);
        }
        int size = Integer.parseInt(n);
        i = close + 1;
        expect("\r\n");
        String s = new String(b, i, size, StandardCharsets.UTF_8);
        i += size;
        return s;
    }

    private String atom() {
        int start = i;
        while (i < b.length && b[i] != ' ' && b[i] != '\r' && b[i] != ')' && b[i] != '(') {
            byte c = b[i];
            if (c == '"' || c == '{' || c == '\n' || (c & 0xff) > 0x7e || c < 0x20) {
                throw new IllegalStateException("illegal byte in an atom: " + c);
            }
            i++;
        }
        return new String(b, start, i - start, StandardCharsets.US_ASCII);
    }

    private void expect(String s) {
        for (int k = 0; k < s.length(); k++) {
            if (i >= b.length || b[i] != s.charAt(k)) {
                throw new IllegalStateException("expected " + s.replace("\r", "\\r").replace("\n", "\\n"));
            }
            i++;
        }
    }
}
