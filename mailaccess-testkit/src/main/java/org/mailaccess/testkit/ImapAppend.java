package org.mailaccess.testkit;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.mailaccess.testkit.ImapSession.Result;
import org.mailaccess.testkit.internal.ImapSyntaxException;
import org.mailaccess.testkit.internal.ImapWriter;

/**
 * APPEND (RFC 3501 section 6.3.11) with flags, an internal date and the message literal (synchronizing or LITERAL+),
 * answered with APPENDUID (RFC 4315). A missing folder answers {@code NO [TRYCREATE]}, a full quota
 * {@code NO [OVERQUOTA]} (RFC 9208).
 */
final class ImapAppend {

    /** RFC 3501 date-time; the day may be space-padded, which {@code strip} and {@code d} handle. */
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("d-MMM-yyyy HH:mm:ss Z").toFormatter(Locale.US);

    private final ImapSession session;

    ImapAppend(ImapSession session) {
        this.session = session;
    }

    Result append(ImapCommand c, ImapWriter out) {
        c.args.sp();
        String name = ImapMailboxes.mailbox(c);
        c.args.sp();
        List<String> flags = new ArrayList<>();
        if (c.args.peek() == '(') {
            flags.addAll(c.args.atomList());
            c.args.sp();
        }
        Instant internalDate = Instant.now();
        if (c.args.peek() == '"') {
            try {
                internalDate = ZonedDateTime.parse(c.args.quoted().strip(), DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                throw new ImapSyntaxException("invalid date-time");
            }
            c.args.sp();
        }
        byte[] message = c.args.literal();
        c.args.end();
        try {
            flags.forEach(MessageState::canonical);
        } catch (IllegalArgumentException e) {
            throw new ImapSyntaxException("invalid flag");
        }
        ImapFolder folder = session.account.lookup(name);
        if (folder == null) {
            return Result.no("TRYCREATE", "no such mailbox");
        }
        if (session.account.exceedsQuota(message.length, 1)) {
            return Result.no("OVERQUOTA", "quota exceeded");
        }
        MessageState stored = folder.append(message, Set.copyOf(flags), internalDate);
        String code = session.profile.has(ImapProfile.Feature.UIDPLUS)
                ? "APPENDUID " + folder.uidValidity() + " " + stored.uid : null;
        return Result.ok(code, "APPEND completed");
    }
}
