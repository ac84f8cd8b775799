package org.mailaccess.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.mailaccess.FolderRole;

/**
 * One user's folders on a {@link FakeImapServer}, to seed and inspect. Folder names use {@code /} as the hierarchy
 * delimiter and are plain Unicode here; the server encodes them as modified UTF-7 on the wire (RFC 3501 section
 * 5.1.3). {@code INBOX} is case-insensitive and always exists.
 *
 * <p>Thread-safe. All folders of an account share one lock, which also serialises the account's IMAP sessions, so
 * every command is atomic with respect to the others, like on a real server.
 */
public final class ImapAccount {

    /** The hierarchy delimiter advertised in LIST. */
    public static final String DELIMITER = "/";

    private final String user;
    private final Map<String, ImapFolder> folders = new TreeMap<>();
    private long storageLimitKiB = -1;
    private long messageLimit = -1;

    ImapAccount(String user, boolean defaultFolders) {
        this.user = user;
        folders.put("INBOX", new ImapFolder(this, "INBOX", null));
        if (defaultFolders) {
            createFolder("Sent", FolderRole.SENT);
            createFolder("Drafts", FolderRole.DRAFTS);
            createFolder("Trash", FolderRole.TRASH);
            createFolder("Junk", FolderRole.JUNK);
            createFolder("Archive", FolderRole.ARCHIVE);
        }
    }

    /**
     * The login name.
     *
     * @return the user
     */
    public String user() {
        return user;
    }

    /**
     * The inbox.
     *
     * @return INBOX
     */
    public ImapFolder inbox() {
        return folder("INBOX");
    }

    /**
     * A folder by name.
     *
     * @param name the full name, e.g. {@code "Archive/2024"}
     * @return the folder
     * @throws IllegalArgumentException if there is no such folder
     */
    public ImapFolder folder(String name) {
        return findFolder(name).orElseThrow(
                () -> new IllegalArgumentException("no folder '" + name + "' for " + user + "; call createFolder"));
    }

    /**
     * A folder by name, if it exists.
     *
     * @param name the full name
     * @return the folder
     */
    public synchronized Optional<ImapFolder> findFolder(String name) {
        return Optional.ofNullable(folders.get(normalize(name)));
    }

    /**
     * All folders, sorted by name.
     *
     * @return an immutable snapshot
     */
    public synchronized List<ImapFolder> folders() {
        return List.copyOf(folders.values());
    }

    /**
     * Creates a folder, and its missing parents (RFC 3501 section 6.3.3), or returns the existing one.
     *
     * @param name the full name; non-empty levels separated by {@code /}
     * @return the folder
     */
    public ImapFolder createFolder(String name) {
        return createFolder(name, null);
    }

    /**
     * Creates a folder with a special-use role (RFC 6154), or gives an existing folder that role.
     *
     * @param name the full name
     * @param role the role, or null
     * @return the folder
     * @throws IllegalArgumentException if the name has empty levels
     */
    public synchronized ImapFolder createFolder(String name, FolderRole role) {
        String normalized = normalize(name);
        if (!validName(normalized)) {
            throw new IllegalArgumentException("invalid folder name");
        }
        ImapFolder folder = folders.get(normalized);
        if (folder == null) {
            int slash = normalized.lastIndexOf('/');
            if (slash > 0) {
                createFolder(normalized.substring(0, slash), null);
            }
            folder = new ImapFolder(this, normalized, role);
            folders.put(normalized, folder);
        } else if (role != null) {
            folder.setRole(role);
        }
        return folder;
    }

    /**
     * Delivers a message to INBOX.
     *
     * @param message the builder
     * @return the stored message
     */
    public ImapMessage deliver(MessageBuilder message) {
        return inbox().deliver(message);
    }

    /**
     * Delivers a message to INBOX.
     *
     * @param rfc822 the message bytes
     * @return the stored message
     */
    public ImapMessage deliver(byte[] rfc822) {
        return inbox().deliver(rfc822);
    }

    /**
     * Delivers a message given as text to INBOX.
     *
     * @param rfc822 the message text
     * @return the stored message
     */
    public ImapMessage deliver(String rfc822) {
        return inbox().deliver(rfc822);
    }

    /**
     * Sets the quota of the account's single quota root {@code ""} (RFC 9208): APPEND, COPY and MOVE beyond it fail
     * with {@code NO [OVERQUOTA]}; deliveries by the test are not limited.
     *
     * @param storageKiB   the STORAGE limit in KiB (1024 octets), or -1 for none
     * @param messageLimit the MESSAGE limit, or -1 for none
     * @return this account
     */
    public synchronized ImapAccount setQuota(long storageKiB, long messageLimit) {
        this.storageLimitKiB = storageKiB;
        this.messageLimit = messageLimit;
        return this;
    }

    /**
     * Describes the account for test failure messages.
     *
     * @return the user and folder names
     */
    @Override
    public synchronized String toString() {
        return "ImapAccount[" + user + ", " + folders.keySet() + "]";
    }

    // ---- package-private: used by the sessions with the lock held ----

    long storageLimitKiB() {
        return storageLimitKiB;
    }

    long messageLimit() {
        return messageLimit;
    }

    boolean hasQuota() {
        return storageLimitKiB >= 0 || messageLimit >= 0;
    }

    long usedBytes() {
        return folders.values().stream().mapToLong(ImapFolder::size).sum();
    }

    long usedMessages() {
        return folders.values().stream().mapToLong(f -> f.live().size()).sum();
    }

    /** Whether adding these messages would exceed the quota. */
    boolean exceedsQuota(long addedBytes, long addedMessages) {
        return storageLimitKiB >= 0 && usedBytes() + addedBytes > storageLimitKiB * 1024
                || messageLimit >= 0 && usedMessages() + addedMessages > messageLimit;
    }

    ImapFolder lookup(String name) {
        return folders.get(normalize(name));
    }

    boolean hasChildren(String name) {
        String prefix = name + "/";
        return folders.keySet().stream().anyMatch(n -> n.startsWith(prefix));
    }

    void remove(ImapFolder folder) {
        folders.remove(folder.name());
    }

    /** Renames a folder and its children (RFC 3501 section 6.3.5). */
    void rename(ImapFolder folder, String newName) {
        String old = folder.name();
        List<ImapFolder> moved = new ArrayList<>();
        for (ImapFolder f : folders.values()) {
            if (f.name().equals(old) || f.name().startsWith(old + "/")) {
                moved.add(f);
            }
        }
        moved.forEach(f -> folders.remove(f.name()));
        for (ImapFolder f : moved) {
            f.rename(newName + f.name().substring(old.length()));
            folders.put(f.name(), f);
        }
        int slash = newName.lastIndexOf('/');
        if (slash > 0) {
            createFolder(newName.substring(0, slash), null);
        }
    }

    static String normalize(String name) {
        Objects.requireNonNull(name, "name");
        if (name.equalsIgnoreCase("INBOX")) {
            return "INBOX";
        }
        if (name.toUpperCase(Locale.ROOT).startsWith("INBOX/")) {
            return "INBOX" + name.substring(5);
        }
        return name;
    }

    static boolean validName(String name) {
        return !name.isEmpty() && !name.startsWith("/") && !name.endsWith("/") && !name.contains("//");
    }
}
