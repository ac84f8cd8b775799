package org.mailaccess.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.mailaccess.FolderRole;
import org.mailaccess.testkit.ImapSession.Result;
import org.mailaccess.testkit.internal.ImapSyntaxException;
import org.mailaccess.testkit.internal.ImapWriter;
import org.mailaccess.testkit.internal.ModifiedUtf7;

/**
 * Mailbox-level commands (RFC 3501 sections 6.3.3-6.3.10): CREATE, DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE, LIST with
 * LIST-EXTENDED selection and return options (RFC 5258), SPECIAL-USE attributes (RFC 6154) and CHILDREN (RFC 3348),
 * LSUB, STATUS (with HIGHESTMODSEQ, RFC 7162, and SIZE, RFC 8438) and NAMESPACE (RFC 2342). Names are modified
 * UTF-7 on the wire and always sent as quoted strings or literals (PITFALLS S8, P12).
 */
final class ImapMailboxes {

    private final ImapSession session;
    private final ImapAccount account;

    ImapMailboxes(ImapSession session) {
        this.session = session;
        this.account = session.account;
    }

    Result handle(ImapCommand c, ImapWriter out) {
        switch (c.verb) {
            case "LIST":
                return list(c, out, false);
            case "LSUB":
                return list(c, out, true);
            case "NAMESPACE":
                c.args.end();
                if (!session.profile.has(ImapProfile.Feature.NAMESPACE)) {
                    return ImapSession.unknown();
                }
                out.untagged("NAMESPACE ((\"\" \"/\")) NIL NIL");
                return Result.ok("NAMESPACE completed");
            case "STATUS":
                return status(c, out);
            default:
                break;
        }
        c.args.sp();
        String name = mailbox(c);
        switch (c.verb) {
            case "CREATE":
                return create(c, name);
            case "DELETE":
                c.args.end();
                return delete(name);
            case "RENAME":
                c.args.sp();
                String target = mailbox(c);
                c.args.end();
                return rename(name, target);
            default:
                c.args.end();
                ImapFolder folder = account.lookup(name);
                if (folder == null) {
                    return Result.no("NONEXISTENT", "no such mailbox");
                }
                folder.setSubscribed(c.verb.equals("SUBSCRIBE"));
                return Result.ok(c.verb + " completed");
        }
    }

    static String mailbox(ImapCommand c) {
        try {
            return ImapAccount.normalize(ModifiedUtf7.decode(c.args.astring()));
        } catch (IllegalArgumentException e) {
            throw new ImapSyntaxException("invalid modified UTF-7 mailbox name");
        }
    }

    private Result create(ImapCommand c, String name) {
        c.args.end();
        // RFC 3501 section 6.3.3: a trailing delimiter announces a future parent; it is not part of the name.
        String clean = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        if (!ImapAccount.validName(clean)) {
            return Result.no("CANNOT", "invalid mailbox name");
        }
        if (account.lookup(clean) != null) {
            return Result.no("ALREADYEXISTS", "mailbox exists");
        }
        account.createFolder(clean);
        return Result.ok("CREATE completed");
    }

    private Result delete(String name) {
        ImapFolder folder = account.lookup(name);
        if (name.equals("INBOX")) {
            return Result.no("CANNOT", "INBOX cannot be deleted");
        }
        if (folder == null) {
            return Result.no("NONEXISTENT", "no such mailbox");
        }
        if (account.hasChildren(name)) {
            return Result.no("INUSE", "mailbox has children, delete them first");
        }
        folder.expunge(List.copyOf(folder.live()));
        account.remove(folder);
        if (session.view != null && session.view.folder == folder) {
            session.view = null;
        }
        return Result.ok("DELETE completed");
    }

    private Result rename(String from, String to) {
        ImapFolder folder = account.lookup(from);
        if (folder == null) {
            return Result.no("NONEXISTENT", "no such mailbox");
        }
        if (account.lookup(to) != null) {
            return Result.no("ALREADYEXISTS", "target mailbox exists");
        }
        if (!ImapAccount.validName(to) || to.startsWith(from + "/")) {
            return Result.no("CANNOT", "invalid target name");
        }
        if (from.equals("INBOX")) {
            // RFC 3501 section 6.3.5: renaming INBOX moves its messages and leaves an empty INBOX.
            ImapFolder target = account.createFolder(to);
            for (MessageState m : List.copyOf(folder.live())) {
                target.append(m.bytes, m.flags, m.internalDate);
            }
            folder.expunge(List.copyOf(folder.live()));
            return Result.ok("RENAME completed");
        }
        account.rename(folder, to);
        return Result.ok("RENAME completed");
    }

    private Result list(ImapCommand c, ImapWriter out, boolean lsub) {
        boolean onlySubscribed = lsub;
        boolean onlySpecialUse = false;
        boolean returnSubscribed = false;
        c.args.sp();
        if (!lsub && c.args.tryConsume('(')) {
            for (String option : options(c)) {
                onlySubscribed |= option.equals("SUBSCRIBED");
                onlySpecialUse |= option.equals("SPECIAL-USE");
            }
            c.args.sp();
        }
        String reference = decode(listMailbox(c));
        c.args.sp();
        List<String> patterns = new ArrayList<>();
        if (!lsub && c.args.tryConsume('(')) {
            do {
                c.args.tryConsume(' ');
                patterns.add(decode(listMailbox(c)));
            } while (!c.args.tryConsume(')'));
        } else {
            patterns.add(decode(listMailbox(c)));
        }
        if (!lsub && c.args.tryConsume(' ')) {
            if (!c.args.tryConsumeIgnoreCase("RETURN (")) {
                throw new ImapSyntaxException("expected RETURN options");
            }
            returnSubscribed = options(c).contains("SUBSCRIBED");
        }
        c.args.end();
        String response = lsub ? "LSUB" : "LIST";
        if (patterns.size() == 1 && patterns.get(0).isEmpty()) {
            // RFC 3501 section 6.3.8: an empty pattern asks for the delimiter and the root name.
            out.untagged(response + " (\\Noselect) \"/\" \"\"");
            return Result.ok(response + " completed");
        }
        List<Pattern> regexes = patterns.stream().map(p -> toRegex(reference + p)).toList();
        for (ImapFolder folder : account.folders()) {
            String name = folder.name();
            if (regexes.stream().noneMatch(r -> r.matcher(name).matches())
                    || onlySubscribed && !folder.isSubscribed()
                    || onlySpecialUse && folder.role().filter(r -> r != FolderRole.INBOX).isEmpty()) {
                continue;
            }
            List<String> attributes = new ArrayList<>();
            attributes.add(account.hasChildren(name) ? "\\HasChildren" : "\\HasNoChildren");
            if (!lsub && (returnSubscribed || onlySubscribed) && folder.isSubscribed()) {
                attributes.add("\\Subscribed");
            }
            if (!lsub && session.profile.has(ImapProfile.Feature.SPECIAL_USE)) {
                folder.role().map(ImapMailboxes::attribute).ifPresent(attributes::add);
            }
            out.raw("* " + response + " (" + String.join(" ", attributes) + ") \"/\" ")
                    .string(ModifiedUtf7.encode(name)).crlf();
        }
        return Result.ok(response + " completed");
    }

    private static String decode(String wire) {
        try {
            return ModifiedUtf7.decode(wire);
        } catch (IllegalArgumentException e) {
            throw new ImapSyntaxException("invalid modified UTF-7 mailbox name");
        }
    }

    /** Reads {@code opt *(SP opt) ")"} after the opening parenthesis; nested lists such as STATUS (...) are skipped. */
    private static List<String> options(ImapCommand c) {
        List<String> options = new ArrayList<>();
        while (!c.args.tryConsume(')')) {
            c.args.tryConsume(' ');
            if (c.args.tryConsume('(')) {
                options(c);
                continue;
            }
            options.add(c.args.atom().toUpperCase(Locale.ROOT));
        }
        return options;
    }

    /** RFC 3501 list-mailbox: an astring that may also contain the wildcards. */
    private static String listMailbox(ImapCommand c) {
        char next = c.args.peek();
        return next == '"' || next == '{' ? c.args.string() : c.args.token("{\"");
    }

    /** {@code *} matches anything, {@code %} anything but the delimiter; INBOX matches case-insensitively. */
    private static Pattern toRegex(String pattern) {
        StringBuilder regex = new StringBuilder();
        String normalized = ImapAccount.normalize(pattern);
        StringBuilder literal = new StringBuilder();
        for (char ch : normalized.toCharArray()) {
            if (ch == '*' || ch == '%') {
                regex.append(Pattern.quote(literal.toString())).append(ch == '*' ? ".*" : "[^/]*");
                literal.setLength(0);
            } else {
                literal.append(ch);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    static String attribute(FolderRole role) {
        switch (role) {
            case SENT: return "\\Sent";
            case TRASH: return "\\Trash";
            case DRAFTS: return "\\Drafts";
            case JUNK: return "\\Junk";
            case ARCHIVE: return "\\Archive";
            case ALL: return "\\All";
            case FLAGGED: return "\\Flagged";
            default: return null;
        }
    }

    private Result status(ImapCommand c, ImapWriter out) {
        c.args.sp();
        String name = mailbox(c);
        c.args.sp();
        c.args.expect('(');
        List<String> items = new ArrayList<>();
        while (!c.args.tryConsume(')')) {
            c.args.tryConsume(' ');
            items.add(c.args.atom().toUpperCase(Locale.ROOT));
        }
        c.args.end();
        ImapFolder folder = account.lookup(name);
        if (folder == null) {
            return Result.no("NONEXISTENT", "no such mailbox");
        }
        List<MessageState> messages = folder.live();
        List<String> values = new ArrayList<>();
        for (String item : items) {
            long value;
            switch (item) {
                case "MESSAGES": value = messages.size(); break;
                case "RECENT": value = messages.stream().filter(m -> !m.recentClaimed).count(); break;
                case "UIDNEXT": value = folder.uidNext(); break;
                case "UIDVALIDITY": value = folder.uidValidity(); break;
                case "UNSEEN": value = messages.stream().filter(m -> !m.hasFlag("\\Seen")).count(); break;
                case "DELETED": value = messages.stream().filter(m -> m.hasFlag("\\Deleted")).count(); break;
                case "HIGHESTMODSEQ":
                    if (!session.condstoreOffered()) {
                        throw new ImapSyntaxException("unknown STATUS item");
                    }
                    session.enableCondstore();
                    value = folder.highestModseq();
                    break;
                case "SIZE":
                    if (!session.profile.has(ImapProfile.Feature.STATUS_SIZE)) {
                        throw new ImapSyntaxException("unknown STATUS item");
                    }
                    value = folder.size();
                    break;
                default:
                    throw new ImapSyntaxException("unknown STATUS item");
            }
            values.add(item + " " + value);
        }
        out.raw("* STATUS ").string(ModifiedUtf7.encode(folder.name())).raw(" (" + String.join(" ", values) + ")")
                .crlf();
        return Result.ok("STATUS completed");
    }
}
