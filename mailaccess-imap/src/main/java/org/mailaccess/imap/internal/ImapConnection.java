package org.mailaccess.imap.internal;

import java.util.Locale;
import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.MailboxInfo;
import org.mailaccess.Capabilities;
import org.mailaccess.ConnectionException;
import org.mailaccess.MailAccessException;
import org.mailaccess.ProtocolViolationException;
import org.mailaccess.ServerEndpoint;
import org.mailaccess.imap.ImapOptions;
import org.mailaccess.imap.internal.net.ConnectionProbe;

/**
 * One authenticated IMAP connection: Angus's {@link IMAPProtocol} (the wire engine: tagging, argument encoding with
 * quoting and literals, modified UTF-7 mailbox names, response parsing) plus what we add around it: typed errors,
 * the selected-folder state, capability masking, and death on the first fatal error.
 *
 * <p>We drive {@code IMAPProtocol} directly instead of {@code IMAPStore}/{@code IMAPFolder}: those add a connection
 * pool (several connections per store), lazily-fetched message proxies addressed by sequence numbers, a silent
 * client-side search fallback and STORE/COPY/MOVE by sequence number; the public API here is UID-only (RFC 3501
 * section 2.3.1.1), one connection per session.
 */
final class ImapConnection {

    /** A call into Angus's high-level protocol methods. */
    interface AngusCall<T> {
        T call(IMAPProtocol p) throws ProtocolException;
    }

    private final IMAPProtocol protocol;
    private final ConnectionProbe probe;
    private final ServerEndpoint endpoint;
    private final ImapOptions options;
    private Capabilities capabilities;
    private SelectedFolder selected;
    private boolean open = true;

    ImapConnection(IMAPProtocol protocol, ConnectionProbe probe, ServerEndpoint endpoint, ImapOptions options,
            Capabilities capabilities) {
        this.protocol = protocol;
        this.probe = probe;
        this.endpoint = endpoint;
        this.options = options;
        this.capabilities = capabilities;
        // Angus's high-level methods (LIST, STATUS, APPEND...) hand their untagged responses to the handlers; our own
        // command() does not, and tracks its responses itself.
        protocol.addResponseHandler(this::trackOne);
    }

    ServerEndpoint endpoint() {
        return endpoint;
    }

    ImapOptions options() {
        return options;
    }

    ConnectionProbe probe() {
        return probe;
    }

    IMAPProtocol protocol() {
        return protocol;
    }

    Capabilities capabilities() {
        return capabilities;
    }

    boolean isOpen() {
        return open;
    }

    /**
     * Whether the server advertised a capability atom that is not masked by the options.
     *
     * @param token for example {@code MOVE}
     * @return true when usable
     */
    boolean has(String token) {
        return capabilities.serverTokens().contains(token.toUpperCase(Locale.ROOT));
    }

    /**
     * Sends one command and returns all its responses, the tagged one last.
     *
     * @param verb    the verb for error messages, such as {@code UID FETCH}
     * @param command the command text after the tag (only atoms and numbers we generated)
     * @param args    the arguments Angus encodes (strings quoted or as literals), or null
     * @return the responses
     * @throws MailAccessException when the server says NO/BAD or the connection fails
     */
    Response[] command(String verb, String command, Argument args) {
        ensureOpen();
        Response[] r;
        try {
            r = protocol.command(command, args);
        } catch (StackOverflowError e) {
            throw tooDeep(verb);
        }
        Response last = r[r.length - 1];
        if (last.isBYE()) {
            throw fatal(ImapErrors.dropped(verb, last, probe));
        }
        track(r);
        MailAccessException e = ImapErrors.forResult(verb, last, probe);
        if (e != null) {
            throw e;
        }
        return r;
    }

    /**
     * Runs one of Angus's high-level protocol methods with the errors mapped.
     *
     * @param verb the verb for error messages
     * @param call the call
     * @param <T>  the result type
     * @return the result
     */
    <T> T call(String verb, AngusCall<T> call) {
        ensureOpen();
        try {
            return call.call(protocol);
        } catch (ProtocolException | RuntimeException e) {
            MailAccessException m = ImapErrors.fromThrowable(verb, e, probe);
            if (!m.isSessionUsable()) {
                throw fatal(m);
            }
            throw m;
        } catch (StackOverflowError e) {
            throw tooDeep(verb);
        }
    }

    /**
     * The last line of defence against nesting the response guard could not see: Angus parses BODYSTRUCTURE
     * recursively, and its quoting rules differ from place to place. The parse ran on this thread and is unwound,
     * so the stack is usable again; the connection is not, so it is closed.
     */
    MailAccessException tooDeep(String verb) {
        probe.violation("a server response was nested too deeply to parse");
        return fatal(new ProtocolViolationException(probe.violation().orElseThrow() + " (during " + verb + ")"));
    }

    /**
     * Selects a folder unless it already is (RFC 3501 section 6.3.1).
     *
     * @param name the folder name
     * @return the selection state
     */
    SelectedFolder select(String name) {
        if (selected != null && selected.name().equals(name)) {
            return selected;
        }
        selected = null;
        MailboxInfo info = call("SELECT", p -> p.select(name));
        selected = new SelectedFolder(name, info.uidvalidity, info.uidnext, info.highestmodseq, info.total);
        return selected;
    }

    /** Forgets the selection, so that the next {@link #select} sends SELECT again (after DELETE or RENAME). */
    void deselect() {
        selected = null;
    }

    SelectedFolder selected() {
        return selected;
    }

    /**
     * Re-reads capabilities (after STARTTLS and after login, RFC 3501 section 6.2.1 and 6.2.3) and masks the
     * disabled ones, also inside Angus, whose own checks ({@code LITERAL+}, {@code UIDPLUS}...) read the same map.
     */
    void maskCapabilities() {
        capabilities = ImapConnector.mask(protocol, options);
    }

    /** Sends LOGOUT and closes; never throws (RFC 3501 section 6.1.3). */
    void logout() {
        if (!open) {
            return;
        }
        open = false;
        try {
            protocol.logout();
        } catch (ProtocolException | RuntimeException e) {
            // The connection is being closed anyway.
        } finally {
            protocol.disconnect();
        }
    }

    /** Closes the socket without LOGOUT. */
    void abort() {
        open = false;
        try {
            protocol.disconnect();
        } catch (RuntimeException e) {
            // Already gone.
        }
    }

    private MailAccessException fatal(MailAccessException e) {
        abort();
        return e;
    }

    private void ensureOpen() {
        if (!open) {
            throw new ConnectionException("the IMAP connection to " + endpoint.host() + " is closed", null);
        }
    }

    private void track(Response[] responses) {
        for (Response r : responses) {
            trackOne(r);
        }
    }

    /**
     * Keeps the selection state current from untagged EXISTS, EXPUNGE, VANISHED and response codes (RFC 3501
     * section 7.3.1 and 7.4.1, RFC 7162 section 3.2.10): the message count must follow every expunge, or later
     * ranges by sequence number point past the end of the mailbox.
     */
    private void trackOne(Response r) {
        SelectedFolder s = selected;
        if (s == null || !(r instanceof IMAPResponse ir) || !r.isUnTagged()) {
            return;
        }
        if (ir.keyEquals("EXISTS")) {
            s = s.withExists(ir.getNumber());
        } else if (ir.keyEquals("EXPUNGE")) {
            s = s.withExists(Math.max(0, s.exists() - 1));
        } else if (ir.keyEquals("VANISHED")) {
            s = s.withExists((int) Math.max(0, s.exists() - vanishedCount(ir)));
        } else if (r.isOK()) {
            String rest = ImapErrors.rest(r);
            if (rest.regionMatches(true, 0, "[UIDVALIDITY ", 0, 13)) {
                try {
                    s = s.withUidValidity(Long.parseLong(rest.substring(13, rest.indexOf(']')).trim()));
                } catch (RuntimeException e) {
                    // Malformed code: keep the old value; a later SELECT will tell.
                }
            }
        }
        selected = s;
    }

    /** How many messages an untagged VANISHED removes; VANISHED (EARLIER) reports old news and removes none. */
    static long vanishedCount(IMAPResponse ir) {
        String set = vanishedSet(ir);
        return set == null ? 0 : UidSets.count(set);
    }

    /**
     * The UID set of an untagged VANISHED, or null for VANISHED (EARLIER). Read from the text rather than with the
     * response's parser, whose read position other handlers of the same response share.
     */
    static String vanishedSet(IMAPResponse ir) {
        String text = ir.toString();
        int at = text.toUpperCase(Locale.ROOT).indexOf("VANISHED");
        String rest = at < 0 ? "" : text.substring(at + 8).trim();
        if (rest.isEmpty() || rest.startsWith("(")) {
            return null;
        }
        int sp = rest.indexOf(' ');
        return sp < 0 ? rest : rest.substring(0, sp);
    }
}
