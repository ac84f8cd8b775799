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
}
