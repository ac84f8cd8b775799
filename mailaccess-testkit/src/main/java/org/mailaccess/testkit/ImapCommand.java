package org.mailaccess.testkit;

import java.util.Locale;
import org.mailaccess.testkit.internal.ImapParser;
import org.mailaccess.testkit.internal.ImapRequest;
import org.mailaccess.testkit.internal.ImapSyntaxException;

/**
 * A received IMAP command split into tag and verb (RFC 3501 section 2.2.1), with a parser positioned at its
 * arguments. UID commands (RFC 3501 section 6.4.8) have the two-word verb {@code "UID FETCH"} and {@link #uid()} set.
 */
final class ImapCommand {

    final ImapRequest request;
    final String tag;
    final String verb;
    final boolean uid;
    final ImapParser args;

    private ImapCommand(ImapRequest request, String tag, String verb, boolean uid, ImapParser args) {
        this.request = request;
        this.tag = tag;
        this.verb = verb;
        this.uid = uid;
        this.args = args;
    }

    /**
     * Splits a request. A missing or invalid tag gives the empty tag, which the session answers with an untagged BAD;
     * a missing verb gives the empty verb.
     */
    static ImapCommand of(ImapRequest request) {
        ImapParser parser = new ImapParser(request);
        String line = request.lines().get(0);
        int space = line.indexOf(' ');
        String tag = space < 0 ? line : line.substring(0, space);
        if (!validTag(tag) || space < 0) {
            return new ImapCommand(request, validTag(tag) ? tag : "", "", false, parser);
        }
        parser.token("");
        parser.sp();
        try {
            String verb = word(parser);
            boolean uid = verb.equals("UID") && parser.tryConsume(' ');
            if (uid) {
                verb = "UID " + word(parser);
            }
            return new ImapCommand(request, tag, verb, uid, parser);
        } catch (ImapSyntaxException e) {
            // A verb with control characters is no command at all; the session answers BAD unknown command.
            return new ImapCommand(request, tag, "", false, parser);
        }
    }

    /** The command name without the UID prefix. */
    String name() {
        return uid ? verb.substring(4) : verb;
    }

    private static String word(ImapParser parser) {
        char c = parser.peek();
        if (c <= ' ' || c > 0x7e || c == '(' || c == ')' || c == '{' || c == '"') {
            return "";
        }
        return parser.token("{\"").toUpperCase(Locale.ROOT);
    }

    /** RFC 3501 tag: ASTRING-CHARs except "+". */
    private static boolean validTag(String tag) {
        return !tag.isEmpty() && tag.chars().allMatch(c -> c > ' ' && c < 0x7f && "(){%*\"\\+".indexOf(c) < 0);
    }
}
