package org.mailaccess.testkit;

import java.util.ArrayList;
import java.util.List;
import org.mailaccess.testkit.ImapSession.Result;
import org.mailaccess.testkit.internal.ImapWriter;
import org.mailaccess.testkit.internal.ModifiedUtf7;

/**
 * GETQUOTAROOT and GETQUOTA (RFC 9208 sections 4.2-4.3): one quota root {@code ""} per account covering all folders,
 * with STORAGE in KiB (rounded up) and MESSAGE. SETQUOTA is refused: tests set quotas through
 * {@link ImapAccount#setQuota(long, long)}.
 */
final class ImapQuota {

    private final ImapSession session;

    ImapQuota(ImapSession session) {
        this.session = session;
    }

    Result handle(ImapCommand c, ImapWriter out) {
        ImapAccount account = session.account;
        c.args.sp();
        switch (c.verb) {
            case "GETQUOTAROOT": {
                String name = ImapMailboxes.mailbox(c);
                c.args.end();
                ImapFolder folder = account.lookup(name);
                if (folder == null) {
                    return Result.no("NONEXISTENT", "no such mailbox");
                }
                out.raw("* QUOTAROOT ").string(ModifiedUtf7.encode(folder.name()));
                if (account.hasQuota()) {
                    out.raw(" \"\"").crlf();
                    quota(account, out);
                } else {
                    out.crlf();
                }
                return Result.ok("GETQUOTAROOT completed");
            }
            case "GETQUOTA": {
                String root = c.args.astring();
                c.args.end();
                if (!root.isEmpty() || !account.hasQuota()) {
                    return Result.no("NONEXISTENT", "no such quota root");
                }
                quota(account, out);
                return Result.ok("GETQUOTA completed");
            }
            default:
                return Result.no("NOPERM", "quotas are set by the test, not by clients");
        }
    }

    private static void quota(ImapAccount account, ImapWriter out) {
        List<String> resources = new ArrayList<>();
        if (account.storageLimitKiB() >= 0) {
            resources.add("STORAGE " + (account.usedBytes() + 1023) / 1024 + " " + account.storageLimitKiB());
        }
        if (account.messageLimit() >= 0) {
            resources.add("MESSAGE " + account.usedMessages() + " " + account.messageLimit());
        }
        out.untagged("QUOTA \"\" (" + String.join(" ", resources) + ")");
    }
}
