package org.mailaccess.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The users of a Dovecot test instance: one passwd-file per user ({@code <dir>/<user>}), used as passdb and userdb
 * with {@code args = <dir>/%u}.
 *
 * <p>One file per user, because Dovecot checks a passwd-file for changes at most once per second: with a single
 * file, a user added in the same second as an earlier lookup would be unknown for up to a second. A new user's file
 * has never been read, so it is seen at once. A changed password is seen from the next second on; {@link #put}
 * reports the change so that the caller can wait. Files are renamed into place, so Dovecot never reads half a file,
 * and a rewritten file gets a later modification time than the one Dovecot saw (Dovecot compares time and size).
 *
 * <p>Passwords are stored as {@code {PLAIN.BASE64}}, so they may contain any character, colons included. The uid,
 * gid and home directory come from the userdb's {@code default_fields}.
 */
public final class DovecotUsers {

    /** Letters, digits and {@code . _ @ + -}: safe as a file name and in the {@code %u} of a Maildir path. */
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,99}");

    private final Path directory;
    private final Set<String> users = ConcurrentHashMap.newKeySet();

    /**
     * Uses a directory for the user files.
     *
     * @param directory an existing, empty directory
     */
    public DovecotUsers(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /**
     * The file pattern for Dovecot's passdb and userdb {@code args}.
     *
     * @return {@code <dir>/%u}
     */
    public String pathPattern() {
        return directory + "/%u";
    }

    /**
     * Checks a user name.
     *
     * @param user the name
     * @return the name
     * @throws IllegalArgumentException if the name is unsafe for Dovecot's user files or its mail paths
     */
    public static String checkUserName(String user) {
        Objects.requireNonNull(user, "user");
        if (!USER_NAME.matcher(user).matches()) {
            throw new IllegalArgumentException("user names for Dovecot must be 1-100 characters of letters, digits and"
                    + " . _ @ + -, starting with a letter or digit: '" + user + "'");
        }
        return user;
    }

    /**
     * Adds a user or replaces a user's password.
     *
     * @param user     the login name, see {@link #checkUserName(String)}
     * @param password the password; any characters
     * @return true if the user existed, so a running Dovecot sees the new password only from the next second on
     */
    public synchronized boolean put(String user, String password) {
        checkUserName(user);
        Objects.requireNonNull(password, "password");
        Path file = directory.resolve(user);
        String line = user + ":{PLAIN.BASE64}"
                + Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8)) + "::::::\n";
        try {
            Path temporary = directory.resolve("." + user + ".new");
            Files.writeString(temporary, line, StandardCharsets.UTF_8);
            // readable by Dovecot's auth process, which runs as the "dovecot" user when Dovecot was started as root
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
            boolean existed = Files.exists(file);
            if (existed) {
                long previous = Files.getLastModifiedTime(file).toMillis() / 1000;
                long now = System.currentTimeMillis() / 1000;
                Files.setLastModifiedTime(temporary, FileTime.fromMillis(Math.max(now, previous + 1) * 1000));
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            users.add(user);
            return existed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Dovecot's user file " + file, e);
        }
    }

    /**
     * Whether a user exists.
     *
     * @param user the login name
     * @return true if it was added
     */
    public boolean contains(String user) {
        return users.contains(user);
    }
}
