package org.mailaccess.imap.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.eclipse.angus.mail.imap.protocol.ListInfo;
import org.eclipse.angus.mail.imap.protocol.Status;
import org.mailaccess.FolderInfo;
import org.mailaccess.FolderRole;
import org.mailaccess.FolderStatus;

/**
 * The folder tree (RFC 3501 sections 6.3.3 to 6.3.10): LIST and LSUB, CREATE, RENAME, DELETE, SUBSCRIBE and STATUS.
 * Names are plain Java strings; Angus encodes and decodes modified UTF-7 (RFC 3501 section 5.1.3).
 *
 * <p>A name is a full path: hierarchy levels joined with the server's delimiter. A level can therefore not contain
 * the delimiter; {@code createFolder("a/b")} on a server whose delimiter is {@code /} creates {@code b} inside
 * {@code a} (RFC 3501 section 6.3.3 lets the server create the superior level).
 */
final class ImapFolders {

    private ImapFolders() {
    }

    static List<FolderInfo> list(ImapConnection c) {
        ListInfo[] all = c.call("LIST", p -> p.list("", "*"));
        ListInfo[] subscribed = c.call("LSUB", p -> p.lsub("", "*"));
        Set<String> subscribedNames = new HashSet<>();
        if (subscribed != null) {
            for (ListInfo l : subscribed) {
                subscribedNames.add(l.name);
            }
        }
        return build(all, subscribedNames, false);
    }

    static List<FolderInfo> subscribed(ImapConnection c) {
        ListInfo[] subscribed = c.call("LSUB", p -> p.lsub("", "*"));
        Set<String> names = new HashSet<>();
        if (subscribed != null) {
            for (ListInfo l : subscribed) {
                names.add(l.name);
            }
        }
        return build(subscribed, names, true);
    }

    private static List<FolderInfo> build(ListInfo[] infos, Set<String> subscribed, boolean onlySubscribed) {
        List<ListInfo> list = infos == null ? List.of() : Arrays.asList(infos);
        FolderRole[] roles = new FolderRole[list.size()];
        Set<FolderRole> announced = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            ListInfo l = list.get(i);
            Optional<FolderRole> r = FolderRoles.fromAttributes(l.name, Arrays.asList(l.attrs));
            if (r.isPresent()) {
                roles[i] = r.get();
                announced.add(r.get());
            }
        }
        for (FolderRole role : FolderRoles.nameRoles()) {
            if (announced.contains(role)) {
                continue;
            }
            int best = -1;
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i < list.size(); i++) {
                if (roles[i] != null || !list.get(i).canOpen) {
                    continue;
                }
                ListInfo l = list.get(i);
                String[] levels = levels(l);
                boolean depthOk = levels.length == 1
                        || (levels.length == 2 && levels[0].equalsIgnoreCase("INBOX"));
                int rank = FolderRoles.rankByName(levels[levels.length - 1], depthOk, role);
                if (rank >= 0 && rank < bestRank) {
                    best = i;
                    bestRank = rank;
                }
            }
            if (best >= 0) {
                roles[best] = role;
            }
        }
        List<FolderInfo> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            ListInfo l = list.get(i);
            Optional<Character> delimiter = l.separator == '\0' ? Optional.empty() : Optional.of(l.separator);
            out.add(new FolderInfo(l.name, delimiter, Set.copyOf(Arrays.asList(l.attrs)),
                    Optional.ofNullable(roles[i]), onlySubscribed || subscribed.contains(l.name)));
        }
        return out;
    }

    private static String[] levels(ListInfo l) {
        if (l.separator == '\0') {
            return new String[] {l.name};
        }
        return l.name.split(java.util.regex.Pattern.quote(String.valueOf(l.separator)), -1);
    }

    static FolderStatus status(ImapConnection c, String folder) {
        List<String> items = new ArrayList<>(List.of("MESSAGES", "UNSEEN", "UIDNEXT", "UIDVALIDITY"));
        boolean modseq = c.has("CONDSTORE") || c.has("QRESYNC");
        if (modseq) {
            items.add("HIGHESTMODSEQ");
        }
        boolean size = c.has("STATUS=SIZE");
        if (size) {
            items.add("SIZE");
        }
        Status s = c.call("STATUS", p -> p.status(folder, items.toArray(String[]::new)));
        if (s == null) {
            throw new org.mailaccess.ProtocolViolationException("the server answered STATUS without a STATUS"
                    + " response");
        }
        return new FolderStatus(folder, Math.max(0, s.total),
                s.unseen >= 0 ? OptionalInt.of(s.unseen) : OptionalInt.empty(),
                size && s.getItem("SIZE") >= 0 ? OptionalLong.of(s.getItem("SIZE")) : OptionalLong.empty(),
                s.uidvalidity >= 0 ? OptionalLong.of(s.uidvalidity) : OptionalLong.empty(),
                s.uidnext >= 0 ? OptionalLong.of(s.uidnext) : OptionalLong.empty(),
                modseq && s.highestmodseq >= 0 ? OptionalLong.of(s.highestmodseq) : OptionalLong.empty());
    }

    static void create(ImapConnection c, String name) {
        checkName(name);
        c.call("CREATE", p -> {
            p.create(name);
            return null;
        });
    }

    static void rename(ImapConnection c, String from, String to) {
        checkName(from);
        checkName(to);
        c.deselect();
        c.call("RENAME", p -> {
            p.rename(from, to);
            return null;
        });
    }

    static void delete(ImapConnection c, String name) {
        checkName(name);
        SelectedFolder sel = c.selected();
        if (sel != null && sel.name().equals(name)) {
            // Some servers refuse to delete the selected mailbox; leave it first with UNSELECT (RFC 3691). Never
            // with CLOSE, which silently expunges every \Deleted message of the folder (RFC 3501 section 6.4.2).
            if (c.has("UNSELECT")) {
                c.command("UNSELECT", "UNSELECT", null);
            }
        }
        c.deselect();
        c.call("DELETE", p -> {
            p.delete(name);
            return null;
        });
    }

    static void subscribe(ImapConnection c, String name, boolean subscribed) {
        checkName(name);
        c.call(subscribed ? "SUBSCRIBE" : "UNSUBSCRIBE", p -> {
            if (subscribed) {
                p.subscribe(name);
            } else {
                p.unsubscribe(name);
            }
            return null;
        });
    }

    static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a folder name must not be empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a folder name cannot contain NUL");
        }
    }
}
