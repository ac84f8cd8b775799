package org.mailaccess.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A cursor over one {@link ImapRequest} with a method per RFC 3501 section 9 grammar rule, in the style of go-imap's
 * {@code imapwire.Decoder}. Every string form (atom, quoted, literal, including RFC 7888 {@code {n+}}) is read the
 * same way, so an argument is exactly what the client meant, whatever quoting it chose (PITFALLS S4). Errors throw
 * {@link ImapSyntaxException} with a fixed text.
 */
public final class ImapParser {

    /** RFC 3501 atom-specials plus the list wildcards and the resp-specials {@code ]}. */
    private static final String ATOM_SPECIALS = "(){ %*\"\\]";

    private final ImapRequest request;
    private int segment;
    private int position;

    /**
     * Starts at the beginning of the request.
     *
     * @param request the command
     */
    public ImapParser(ImapRequest request) {
        this.request = request;
    }

    private String line() {
        return request.lines().get(segment);
    }

    /**
     * Whether the whole command has been consumed.
     *
     * @return true at the end
     */
    public boolean atEnd() {
        return segment == request.lines().size() - 1 && position == line().length();
    }

    /**
     * The next character without consuming it.
     *
     * @return the character, or 0 at the end of a line
     */
    public char peek() {
        return position < line().length() ? line().charAt(position) : 0;
    }

    /**
     * Whether the next characters are {@code text}, ignoring case.
     *
     * @param text the expected text
     * @return true if they are
     */
    public boolean peekIgnoreCase(String text) {
        return line().regionMatches(true, position, text, 0, text.length());
    }

    /**
     * Consumes one expected character.
     *
     * @param c the character
     */
    public void expect(char c) {
        if (peek() != c) {
            throw new ImapSyntaxException(c == ' ' ? "missing space" : "missing '" + c + "'");
        }
        position++;
    }

    /**
     * Consumes the character if it is next.
     *
     * @param c the character
     * @return whether it was consumed
     */
    public boolean tryConsume(char c) {
        if (peek() == c) {
            position++;
            return true;
        }
        return false;
    }

    /**
     * Consumes {@code text} if it is next, ignoring case.
     *
     * @param text the text
     * @return whether it was consumed
     */
    public boolean tryConsumeIgnoreCase(String text) {
        if (peekIgnoreCase(text)) {
            position += text.length();
            return true;
        }
        return false;
    }

    /** Consumes one space. */
    public void sp() {
        expect(' ');
    }

    /** Requires the end of the command. */
    public void end() {
        if (!atEnd()) {
            throw new ImapSyntaxException("unexpected characters at the end of the command");
        }
    }

    /**
     * Reads an atom: printable ASCII without atom-specials.
     *
     * @return the atom
     */
    public String atom() {
        return chars(ATOM_SPECIALS, "atom");
    }

    /**
     * Reads a run of printable ASCII up to a space, a parenthesis or the end; for tags, flags, sequence sets and
     * fetch attributes, whose grammars are checked by their callers.
     *
     * @param stops additional characters that end the token
     * @return the token
     */
    public String token(String stops) {
        return chars(" ()" + stops, "token");
    }

    private String chars(String stops, String what) {
        int start = position;
        String line = line();
        while (position < line.length()) {
            char c = line.charAt(position);
            if (stops.indexOf(c) >= 0) {
                break;
            }
            if (c < 0x21 || c > 0x7e) {
                throw new ImapSyntaxException("invalid character in " + what);
            }
            position++;
        }
        if (position == start) {
            throw new ImapSyntaxException("missing " + what);
        }
        return line.substring(start, position);
    }

    /**
     * Reads an astring: an atom (which may contain {@code ]}), a quoted string or a literal, decoded as UTF-8.
     *
     * @return the string
     */
    public String astring() {
        char c = peek();
        if (c == '"' || c == '{') {
            return string();
        }
        return chars("(){ %*\"\\", "atom");
    }

    /**
     * Reads a quoted string or a literal, decoded as UTF-8.
     *
     * @return the string
     */
    public String string() {
        if (peek() == '"') {
            return quoted();
        }
        return new String(literal(), StandardCharsets.UTF_8);
    }

    /**
     * Reads a quoted string, undoing the {@code \\} and {@code \"} escapes; any other escape is an error.
     *
     * @return the content
     */
    public String quoted() {
        expect('"');
        StringBuilder text = new StringBuilder();
        String line = line();
        while (true) {
            if (position >= line.length()) {
                throw new ImapSyntaxException("unterminated quoted string");
            }
            char c = line.charAt(position++);
            if (c == '"') {
                return text.toString();
            }
            if (c == '\\') {
                char next = position < line.length() ? line.charAt(position++) : 0;
                if (next != '\\' && next != '"') {
                    throw new ImapSyntaxException("invalid escape in quoted string");
                }
                c = next;
            } else if (c == '\r' || c == '\n' || c == 0) {
                throw new ImapSyntaxException("control character in quoted string");
            }
            text.append(c);
        }
    }

    /**
     * Reads a literal marker that ends the current line and returns the literal's bytes.
     *
     * @return the exact bytes
     */
    public byte[] literal() {
        String line = line();
        long size = ImapRequest.literalSize(line);
        if (peek() != '{' || size < 0 || line.lastIndexOf('{') != position) {
            throw new ImapSyntaxException("expected a string");
        }
        byte[] bytes = request.literals().get(segment);
        segment++;
        position = 0;
        return bytes;
    }

    /**
     * Reads a non-negative decimal number (RFC 3501 number, or RFC 7162 mod-sequence-value).
     *
     * @return the number
     */
    public long number() {
        int start = position;
        String line = line();
        while (position < line.length() && Character.isDigit(line.charAt(position)) && line.charAt(position) < 0x80) {
            position++;
        }
        if (position == start || position - start > 19) {
            throw new ImapSyntaxException("invalid number");
        }
        try {
            return Long.parseLong(line.substring(start, position));
        } catch (NumberFormatException e) {
            throw new ImapSyntaxException("invalid number");
        }
    }

    /**
     * Reads a parenthesised list of atoms or a single atom (flag lists, RFC 3501 flag-list).
     *
     * @return the items, possibly empty
     */
    public List<String> atomList() {
        List<String> items = new ArrayList<>();
        if (!tryConsume('(')) {
            items.add(token(""));
            return items;
        }
        while (!tryConsume(')')) {
            if (!items.isEmpty()) {
                sp();
            }
            items.add(token(""));
        }
        return items;
    }
}
