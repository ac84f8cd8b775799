package org.mailaccess.imap.internal;

import java.util.regex.Pattern;
import org.mailaccess.internal.Redaction;

/**
 * Decides what of the wire a listener may see (PITFALLS S6): command lines with LOGIN and AUTHENTICATE secrets
 * removed, nothing of SASL continuation data, and only status responses from the server.
 */
final class WireRedaction {

    /** Angus tags are one to three letters and a counter ({@code iap.Protocol.computePrefix}). */
    private static final Pattern TAGGED_COMMAND = Pattern.compile("[A-Z]{1,3}[0-9]+ [A-Za-z].*");
    private static final Pattern STATUS = Pattern.compile(
            "(\\* (OK|NO|BAD|BYE|PREAUTH)|[A-Z]{1,3}[0-9]+ (OK|NO|BAD))( .*)?", Pattern.CASE_INSENSITIVE);

    private WireRedaction() {
    }

    /**
     * The line as a listener may see it.
     *
     * @param line a logical command line, literal data left out
     * @return the line with secrets replaced by {@link Redaction#REDACTED}
     */
    static String command(String line) {
        if (line.equals("DONE")) {
            return line;
        }
        if (!TAGGED_COMMAND.matcher(line).matches()) {
            // An untagged client line is a SASL response (base64 of the secret) or a literal's continuation.
            return Redaction.REDACTED;
        }
        return Redaction.imap(line);
    }

    /**
     * Whether a response line is a status response (RFC 3501 section 7.1) rather than data.
     *
     * @param line the first line of a response
     * @return true for tagged OK/NO/BAD and untagged OK/NO/BAD/BYE/PREAUTH
     */
    static boolean isStatus(String line) {
        return STATUS.matcher(line).matches();
    }
}
