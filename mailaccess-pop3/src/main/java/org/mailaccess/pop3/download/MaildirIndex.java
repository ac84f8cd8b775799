package org.mailaccess.pop3.download;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What one {@link MaildirStore} holds in {@code new/} and {@code cur/}: its own files by key hash (for the duplicate
 * check of each commit, and for listing), and where a base name is now. Files are found by their base name because
 * Maildir readers move them from {@code new/} to {@code cur/} and append flags ({@code :2,S}).
 *
 * <p>The index is rebuilt when the modification time of {@code new/} or {@code cur/} changed under us (a reader moved
 * or deleted something); a hit is confirmed on disk before it is trusted, because directory times can be coarse.
 * Not thread-safe: the store calls it under its own lock.
 */
final class MaildirIndex {

    private final Path newDir;
    private final Path cur;
    private final Predicate<MaildirName.Parsed> ours;
    private final Map<String, List<MaildirName.Parsed>> byKeyHash = new HashMap<>();
    private FileTime indexedNew;
    private FileTime indexedCur;

    /**
     * An empty index, built on the first {@link #refresh()}.
     *
     * @param newDir the Maildir's new/
     * @param cur    the Maildir's cur/
     * @param ours   which parsed names belong to the store's account (others sharing the Maildir are ignored)
     */
    MaildirIndex(Path newDir, Path cur, Predicate<MaildirName.Parsed> ours) {
        this.newDir = newDir;
        this.cur = cur;
        this.ours = ours;
    }

    /** Forces a rebuild on the next {@link #refresh()}, e.g. after a delete or when the caller needs fresh data. */
    void invalidate() {
        indexedNew = null;
    }

    /** Rebuilds the index if a directory changed since it was built. */
    void refresh() throws IOException {
        FileTime n = Files.getLastModifiedTime(newDir);
        FileTime c = Files.getLastModifiedTime(cur);
        if (n.equals(indexedNew) && c.equals(indexedCur)) {
            return;
        }
        byKeyHash.clear();
        for (Path dir : List.of(newDir, cur)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    MaildirName.parse(p.getFileName().toString()).ifPresent(this::add);
                }
            }
        }
        indexedNew = n;
        indexedCur = c;
    }

    /** The store's files whose key hash is this one, as of the last refresh. */
    List<MaildirName.Parsed> withKeyHash(String keyHash) {
        return byKeyHash.getOrDefault(keyHash, List.of());
    }

    /** All of the store's files, as of the last refresh. */
    List<MaildirName.Parsed> all() {
        List<MaildirName.Parsed> out = new ArrayList<>();
        byKeyHash.values().forEach(out::addAll);
        return out;
    }

    /** Records a file the store just moved into {@code new/}, so that the next refresh need not rescan. */
    void published(MaildirName.Parsed p) throws IOException {
        add(p);
        indexedNew = Files.getLastModifiedTime(newDir);
    }

    /** The current path of a base name: in new/, or in cur/ with whatever flags a reader gave it. */
    Optional<Path> locate(String base) throws IOException {
        Path inNew = newDir.resolve(base);
        if (Files.exists(inNew)) {
            return Optional.of(inNew);
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(cur)) {
            for (Path p : ds) {
                if (MaildirName.base(p.getFileName().toString()).equals(base)) {
                    return Optional.of(p);
                }
            }
        }
        // A reader may have moved it from new/ to cur/ between our two looks.
        return Files.exists(inNew) ? Optional.of(inNew) : Optional.empty();
    }

    private void add(MaildirName.Parsed p) {
        if (ours.test(p)) {
            byKeyHash.computeIfAbsent(p.keyHash(), k -> new ArrayList<>()).add(p);
        }
    }
}
