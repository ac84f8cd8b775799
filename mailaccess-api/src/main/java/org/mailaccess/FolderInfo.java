package org.mailaccess;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One folder of the server's tree (RFC 3501 LIST), its name a plain Java string (modified UTF-7, RFC 3501 section
 * 5.1.3, is handled inside the library).
 *
 * @param name       the full name, hierarchy levels joined with the delimiter
 * @param delimiter  the hierarchy delimiter, empty for a flat namespace
 * @param attributes the LIST attributes as sent, such as {@code \HasChildren}, {@code \Noselect}
 * @param role       the special-use role (RFC 6154), if any
 * @param subscribed whether the folder is subscribed (RFC 3501 LSUB)
 */
public record FolderInfo(String name, Optional<Character> delimiter, Set<String> attributes, Optional<FolderRole> role,
        boolean subscribed) {

    /**
     * Validates the components and copies the attributes into an immutable set.
     *
     * @param name       the full folder name, hierarchy levels joined with the delimiter, as a plain Java string
     *                   (already decoded from modified UTF-7); {@code "INBOX"} for POP3
     * @param delimiter  the hierarchy delimiter character from LIST, such as {@code '/'} or {@code '.'}; empty for a
     *                   flat namespace (the server sent NIL) and for POP3
     * @param attributes the LIST name attributes as sent, such as {@code \HasChildren}, {@code \Noselect} or
     *                   {@code \Sent} (RFC 3501 section 7.2.2, RFC 6154)
     * @param role       the special-use role (RFC 6154) the library assigned to this folder, if any; at most one
     *                   folder has each role
     * @param subscribed whether the folder is in the subscription list (RFC 3501 LSUB)
     * @throws NullPointerException when a component is null
     */
    public FolderInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(delimiter, "delimiter");
        Objects.requireNonNull(role, "role");
        attributes = Set.copyOf(attributes);
    }

    /**
     * Whether messages can be selected in this folder (no {@code \Noselect} or {@code \NonExistent}).
     *
     * @return true when selectable
     */
    public boolean selectable() {
        return attributes.stream().noneMatch(a -> a.equalsIgnoreCase("\\Noselect") || a.equalsIgnoreCase("\\NonExistent"));
    }
}
