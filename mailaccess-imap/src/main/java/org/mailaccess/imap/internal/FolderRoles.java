package org.mailaccess.imap.internal;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.mailaccess.FolderRole;

/**
 * Folder roles: from SPECIAL-USE attributes (RFC 6154 section 2) when the server sends them, else from the names
 * clients have always used. Name matching is a fallback only: a role announced by attribute anywhere in the tree wins
 * over every name, and a name gives a role to at most one folder.
 */
final class FolderRoles {

    private static final Map<String, FolderRole> ATTRIBUTES = Map.of(
            "\\SENT", FolderRole.SENT, "\\TRASH", FolderRole.TRASH, "\\DRAFTS", FolderRole.DRAFTS,
            "\\JUNK", FolderRole.JUNK, "\\ARCHIVE", FolderRole.ARCHIVE, "\\ALL", FolderRole.ALL,
            "\\FLAGGED", FolderRole.FLAGGED);

    /** Well-known names, in order of preference for each role (compared case-insensitively, on the last level). */
    private static final Map<FolderRole, List<String>> NAMES = new EnumMap<>(Map.of(
            FolderRole.SENT, List.of("Sent", "Sent Items", "Sent Messages", "Sent Mail"),
            FolderRole.TRASH, List.of("Trash", "Deleted Items", "Deleted Messages", "Bin"),
            FolderRole.DRAFTS, List.of("Drafts", "Draft"),
            FolderRole.JUNK, List.of("Junk", "Spam", "Junk E-mail", "Junk Email"),
            FolderRole.ARCHIVE, List.of("Archive", "Archives")));

    private FolderRoles() {
    }

    /**
     * The role a folder announces with a special-use attribute.
     *
     * @param name       the folder name
     * @param attributes its LIST attributes
     * @return the role, if any
     */
    static Optional<FolderRole> fromAttributes(String name, List<String> attributes) {
        if (name.equalsIgnoreCase("INBOX")) {
            return Optional.of(FolderRole.INBOX);
        }
        for (String a : attributes) {
            FolderRole r = ATTRIBUTES.get(a.toUpperCase(Locale.ROOT));
            if (r != null) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /**
     * The role a folder has by name, for a role no folder announced.
     *
     * @param lastLevel the last hierarchy level of the name
     * @param depthOk   whether the folder is at the top level or directly under INBOX
     * @param wanted    the role looked for
     * @return the preference rank (lower is better), or -1
     */
    static int rankByName(String lastLevel, boolean depthOk, FolderRole wanted) {
        List<String> names = NAMES.get(wanted);
        if (!depthOk || names == null) {
            return -1;
        }
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(lastLevel)) {
                return i;
            }
        }
        return -1;
    }

    static Iterable<FolderRole> nameRoles() {
        return NAMES.keySet();
    }
}
