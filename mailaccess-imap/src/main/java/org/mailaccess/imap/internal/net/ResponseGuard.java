package org.mailaccess.imap.internal.net;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Inspects every byte the server sends before Angus Mail's {@code ResponseInputStream} sees it, and fails the
 * connection when a response goes beyond the configured limits.
 *
 * <p>Why: Angus grows its response buffer to a literal's announced size <em>before</em> reading it, so
 * {@code {2000000000}} makes it allocate 2 GB; it also accumulates a line, and a whole response, without any bound
 * (RFC 3501 section 4.3 literals; PITFALLS S5). This filter mirrors Angus's own framing rules exactly (a line ends at
 * CR LF; a literal is announced by {@code '{' digits '}'} CR LF, where the last {@code '{'} may lie in earlier
 * literal data of the same response, as Angus searches backwards through its whole buffer), so that it can never
 * disagree with Angus about where literal data begins. It never reads ahead: it only looks at the bytes the caller
 * asked for, so it can be switched off for STARTTLS without losing any byte.
 *
 * <p>Parenthesis nesting is bounded conservatively: every {@code '('} outside literal data counts, even inside what
 * looks like a quoted string, because Angus does not always treat {@code '"'} as a quote (its {@code readSimpleList}
 * takes {@code a"} as a flag atom), and a quote we believed in could otherwise hide nesting that makes Angus's
 * recursive {@code BODYSTRUCTURE} parser overflow the stack. A {@code ')'} only undoes a count outside quotes.
 *
 * <p>Angus's {@code Protocol.command} keeps every untagged response until the tagged one arrives, so the number and
 * total size of the untagged responses of one command are bounded as well (RFC 3501 section 2.2.2: a command ends
 * with its tagged response); the budget starts again after each tagged response.
 *
 * <p>Not thread-safe; one reader at a time, as the IMAP connection is.
 */
final class ResponseGuard extends FilterInputStream {

    /** Receives the first line of every response, for status events; literal data never reaches it. */
    interface Observer {
        void response(String firstLine);
    }

    private static final int FIRST_LINE_CAPTURE = 512;

    private final ConnectionProbe probe;
    private final long maxLiteral;
    private final long maxLine;
    private final long maxResponse;
    private final int maxNesting;
    private final long maxCommandResponses;
    private final long maxCommandOctets;
    private final Observer observer;

    // The untagged responses since the last tagged one: what Angus is holding for the current command.
    private long commandResponses;
    private long commandOctets;
    private int responseType = -1;

    private long literalRemaining;
    private long lineLength;
    private long responseLength;
    private int depth;
    private boolean inQuote;
    private boolean escaped;
    // Angus's literal detection, mirrored: state since the last '{' of the current response.
    private boolean braceOpen;
    private boolean braceDigitsOnly;
    private boolean braceNegative;
    private int braceDigits;
    private long braceValue;
    private long candidate = -1;
    private int afterCandidate;
    private int previous = -1;
    private boolean firstLine = true;
    private final StringBuilder firstLineText = new StringBuilder();

    ResponseGuard(InputStream in, ConnectionProbe probe, long maxLiteral, int maxLine, int maxNesting,
            long maxCommandResponses, long maxCommandOctets, Observer observer) {
        super(in);
        this.maxCommandResponses = maxCommandResponses;
        this.maxCommandOctets = maxCommandOctets;
        this.probe = probe;
        this.maxLiteral = maxLiteral;
        this.maxLine = maxLine;
        this.maxResponse = maxLiteral + maxLine;
        this.maxNesting = maxNesting;
        this.observer = observer;
    }

    @Override
    public int read() throws IOException {
        probe.throwIfViolated();
        int b = in.read();
        if (b >= 0) {
            inspect(b);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        probe.throwIfViolated();
        int n = in.read(buf, off, len);
        for (int i = 0; i < n; i++) {
            inspect(buf[off + i] & 0xff);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes would escape inspection; Angus never skips, so read them instead.
        byte[] scratch = new byte[(int) Math.min(n, 8192)];
        int r = read(scratch, 0, scratch.length);
        return Math.max(r, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void inspect(int b) throws IOException {
        if (++responseLength > maxResponse) {
            fail("a server response exceeded " + maxResponse + " octets");
        }
        if (responseType < 0) {
            responseType = b;
        }
        if (responseType == '*' && ++commandOctets > maxCommandOctets) {
            fail("the untagged responses to one command exceeded " + maxCommandOctets + " octets");
        }
        trackBrace(b);
        if (literalRemaining > 0) {
            literalRemaining--;
            previous = b;
            return;
        }
        if (++lineLength > maxLine) {
            fail("a server line exceeded " + maxLine + " octets");
        }
        if (firstLine && firstLineText.length() < FIRST_LINE_CAPTURE && b != '\r' && b != '\n') {
            firstLineText.append(b < 0x20 || b == 0x7f ? '?' : (char) b);
        }
        trackNesting(b);
        if (b == '\n' && previous == '\r') {
            endOfLine();
        }
        previous = b;
    }

    private void trackNesting(int b) throws IOException {
        if (b == '(' && ++depth > maxNesting) {
            // Counted even inside a quote: our idea of quoting may differ from Angus's (see the class comment).
            fail("a server response nested parentheses deeper than " + maxNesting);
        }
        if (inQuote) {
            if (escaped) {
                escaped = false;
            } else if (b == '\\') {
                escaped = true;
            } else if (b == '"') {
                inQuote = false;
            }
            return;
        }
        if (b == '"') {
            inQuote = true;
        } else if (b == ')' && depth > 0) {
            depth--;
        }
    }

    private void trackBrace(int b) {
        // A literal is only announced by '}' CR LF; any other byte after the '}' voids the candidate.
        if (candidate >= 0) {
            afterCandidate++;
            boolean stillValid = (afterCandidate == 1 && b == '\r') || (afterCandidate == 2 && b == '\n');
            if (!stillValid) {
                candidate = -1;
            }
        }
        if (b == '{') {
            braceOpen = true;
            braceDigitsOnly = true;
            braceNegative = false;
            braceDigits = 0;
            braceValue = 0;
        } else if (b >= '0' && b <= '9') {
            if (braceOpen && braceDigitsOnly) {
                braceDigits++;
                braceValue = Math.min(braceValue * 10 + (b - '0'), Long.MAX_VALUE / 20);
            }
        } else if (b == '-' && braceOpen && braceDigitsOnly && braceDigits == 0 && !braceNegative) {
            braceNegative = true;
        } else if (b == '}') {
            if (braceOpen && braceDigitsOnly && braceDigits > 0) {
                // Angus reads nothing for a negative count, but keeps reading the response: a literal of 0.
                candidate = braceNegative ? 0 : braceValue;
                afterCandidate = 0;
            }
            braceDigitsOnly = false;
        } else {
            braceDigitsOnly = false;
        }
    }

    private void endOfLine() throws IOException {
        lineLength = 0;
        // Quoted strings cannot span lines (RFC 3501 section 4.3); never let a stray quote hide nesting.
        inQuote = false;
        escaped = false;
        if (candidate >= 0 && afterCandidate == 2) {
            long size = candidate;
            candidate = -1;
            if (size > maxLiteral) {
                fail("the server announced a literal of " + size + " octets, above the limit of " + maxLiteral);
            }
            literalRemaining = size;
            firstLine = false;
            return;
        }
        candidate = -1;
        endOfResponse();
    }

    private void endOfResponse() throws IOException {
        if (responseType == '*') {
            if (++commandResponses > maxCommandResponses) {
                fail("a server sent more than " + maxCommandResponses + " untagged responses to one command");
            }
        } else if (responseType != '+') {
            // A tagged response completes a command: Angus hands its collected responses over and forgets them.
            commandResponses = 0;
            commandOctets = 0;
        }
        responseType = -1;
        if (observer != null && firstLineText.length() > 0) {
            observer.response(firstLineText.toString());
        }
        firstLineText.setLength(0);
        firstLine = true;
        responseLength = 0;
        depth = 0;
        braceOpen = false;
        braceDigitsOnly = false;
    }

    private void fail(String message) throws IOException {
        probe.violation(message);
        probe.throwIfViolated();
    }
}
