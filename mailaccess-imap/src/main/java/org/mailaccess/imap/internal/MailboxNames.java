package org.mailaccess.imap.internal;

import java.nio.charset.StandardCharsets;
import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.imap.protocol.BASE64MailboxEncoder;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;

/**
 * Writes a folder name as a command argument, exactly as Angus's own (protected) {@code writeMailboxName} does:
 * modified UTF-7 (RFC 3501 section 5.1.3), or UTF-8 once {@code UTF8=ACCEPT} is enabled (RFC 6855). Angus then
 * quotes the result or sends it as a literal, so a name can never break the command line.
 */
final class MailboxNames {

    private MailboxNames() {
    }

    static void write(Argument args, IMAPProtocol p, String name) {
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a folder name cannot contain NUL");
        }
        if (p.supportsUtf8()) {
            args.writeString(name, StandardCharsets.UTF_8);
        } else {
            args.writeString(BASE64MailboxEncoder.encode(name));
        }
    }
}
