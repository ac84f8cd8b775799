package org.mailaccess.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.List;

/**
 * The private temporary directory of one Dovecot test instance, laid out as {@link DovecotConfig} describes, with
 * the owners and permissions Dovecot needs, and who the processes run as.
 *
 * <p>Started as root (as on CI), Dovecot's own users must reach the user files (auth runs as {@code dovecot}) and
 * the Maildirs (mail processes run as {@code nobody}, because Dovecot refuses mail access as root): the directory
 * becomes traversable and the mail tree belongs to {@code nobody}. Started as an ordinary user, everything belongs
 * to that user.
 */
public final class DovecotDirectory {

    private final Path root;
    private final boolean privileged;
    private final String processUser;
    private final String processGroup;
    private final int mailUid;
    private final int mailGid;

    private DovecotDirectory(Path root, boolean privileged, String processUser, String processGroup, int mailUid,
            int mailGid) {
        this.root = root;
        this.privileged = privileged;
        this.processUser = processUser;
        this.processGroup = processGroup;
        this.mailUid = mailUid;
        this.mailGid = mailGid;
    }

    /**
     * Creates a fresh {@code dovecot-*} directory with the {@code mail}, {@code run}, {@code state}, {@code tls}
     * (owner-only) and {@code users} subdirectories. If that fails, what was created is deleted again.
     *
     * @param parent an existing directory
     * @return the directory
     * @throws IOException           if a directory cannot be created or its attributes cannot be read or set
     * @throws IllegalStateException if running as root and there is no user {@code nobody} to own the mail
     */
    public static DovecotDirectory create(Path parent) throws IOException {
        Path root = Files.createTempDirectory(parent, "dovecot-");
        try {
            return layOut(root);
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(root);
            throw e;
        }
    }

    private static DovecotDirectory layOut(Path root) throws IOException {
        PosixFileAttributes owner = Files.readAttributes(root, PosixFileAttributes.class);
        int uid = (Integer) Files.getAttribute(root, "unix:uid");
        int gid = (Integer) Files.getAttribute(root, "unix:gid");
        boolean privileged = uid == 0;
        Path mail = Files.createDirectory(root.resolve("mail"));
        Files.createDirectory(root.resolve("run"));
        Files.createDirectory(root.resolve("state"));
        Files.createDirectory(root.resolve("tls"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        if (privileged) {
            // Dovecot's own users must reach the user file (auth runs as "dovecot") and the Maildirs (mail
            // processes run as "nobody"): the directory becomes traversable, the mail tree belongs to nobody.
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
            giveToNobody(mail);
            uid = (Integer) Files.getAttribute(mail, "unix:uid");
            gid = (Integer) Files.getAttribute(mail, "unix:gid");
        }
        Path usersDir = Files.createDirectory(root.resolve("users"));
        Files.setPosixFilePermissions(usersDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new DovecotDirectory(root, privileged, owner.owner().getName(), owner.group().getName(), uid, gid);
    }

    /**
     * The directory itself.
     *
     * @return its path
     */
    public Path root() {
        return root;
    }

    /**
     * The directory of per-user passwd-files, see {@link DovecotUsers}.
     *
     * @return {@code root/users}
     */
    public Path usersDir() {
        return root.resolve("users");
    }

    /**
     * The configuration for this directory and the users it belongs to (nothing is written yet).
     *
     * @param ports         the loopback ports
     * @param quotaStorage  the per-user storage limit in bytes
     * @param quotaMessages the per-user message limit
     * @return the configuration, with an instance name derived from the directory's name
     * @throws IllegalArgumentException if the directory's path has characters Dovecot's configuration cannot take
     */
    public DovecotConfig config(DovecotConfig.Ports ports, long quotaStorage, long quotaMessages) {
        return new DovecotConfig(root, "mailaccess-" + root.getFileName(), ports, privileged, processUser,
                processGroup, mailUid, mailGid, quotaStorage, quotaMessages);
    }

    /**
     * Deletes the directory with everything in it. Does nothing if it is already gone.
     *
     * @throws UncheckedIOException if something cannot be deleted
     */
    public void delete() {
        deleteTree(root);
    }

    /** Deletes the directory as far as possible, for clean-up after another failure. */
    public void deleteQuietly() {
        deleteQuietly(root);
    }

    private static void giveToNobody(Path directory) throws IOException {
        UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(directory, PosixFileAttributeView.class);
        try {
            view.setOwner(lookup.lookupPrincipalByName("nobody"));
        } catch (UserPrincipalNotFoundException e) {
            throw new IllegalStateException("running as root, Dovecot needs the user 'nobody' to own the mail:"
                    + " Dovecot refuses mail access as root", e);
        }
        for (String group : List.of("nogroup", "nobody")) {
            try {
                GroupPrincipal principal = lookup.lookupPrincipalByGroupName(group);
                view.setGroup(principal);
                return;
            } catch (UserPrincipalNotFoundException e) {
                // try the next spelling: Debian says nogroup, Red Hat says nobody
            }
        }
    }

    private static void deleteQuietly(Path root) {
        try {
            deleteTree(root);
        } catch (UncheckedIOException e) {
            // the failure that led here is the interesting exception
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete Dovecot's directory " + root, e);
        }
    }
}
