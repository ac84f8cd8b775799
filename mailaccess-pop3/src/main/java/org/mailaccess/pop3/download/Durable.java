package org.mailaccess.pop3.download;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** File-system durability helpers shared by {@link FileLedger} and {@link MaildirStore}. */
final class Durable {

    private Durable() {
    }

    /**
     * Flushes a directory, so that a rename or create inside it survives a power loss (POSIX needs an fsync of the
     * directory for that; fetchmail and getmail learned it the hard way, PITFALLS 3.1).
     */
    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Windows cannot open a directory as a channel; NTFS journals the rename itself.
            if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows")) {
                throw e;
            }
        }
    }

    /**
     * Creates missing directories and fsyncs the parent of each one created, so that the path itself survives a
     * power loss (a file fsynced inside a directory whose creation was lost is lost with it).
     */
    static void createDirectories(Path dir) throws IOException {
        java.util.ArrayDeque<Path> created = new java.util.ArrayDeque<>();
        for (Path d = dir; d != null && !java.nio.file.Files.isDirectory(d); d = d.getParent()) {
            created.push(d);
        }
        java.nio.file.Files.createDirectories(dir);
        for (Path d : created) {
            if (d.getParent() != null) {
                fsyncDirectory(d.getParent());
            }
        }
    }
}
