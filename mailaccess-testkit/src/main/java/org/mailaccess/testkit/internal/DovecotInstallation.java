package org.mailaccess.testkit.internal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where Dovecot's programs are on this machine. Debian and Ubuntu put the master in {@code /usr/sbin/dovecot},
 * {@code doveadm} in {@code /usr/bin} and the protocol binaries in {@code /usr/lib/dovecot}; Fedora and the BSDs use
 * {@code libexec}. Each location can be forced with a system property: {@code mailaccess.dovecot.binary},
 * {@code mailaccess.dovecot.doveadm} and {@code mailaccess.dovecot.libexec}.
 *
 * @param dovecot the master binary
 * @param doveadm the admin tool, used to deliver messages
 * @param libexec the directory holding {@code imap}, {@code pop3}, {@code imap-login} and {@code pop3-login}
 */
public record DovecotInstallation(Path dovecot, Path doveadm, Path libexec) {

    /** What to tell a developer whose machine lacks Dovecot. */
    public static final String INSTALL_HINT =
            "install dovecot-imapd and dovecot-pop3d (apt-get install -y dovecot-imapd dovecot-pop3d)";

    private static final List<String> SBIN_DIRS = List.of("/usr/sbin", "/usr/local/sbin", "/opt/homebrew/sbin");
    private static final List<String> BIN_DIRS = List.of("/usr/bin", "/usr/local/bin", "/opt/homebrew/bin");
    private static final List<String> LIBEXEC_DIRS = List.of("/usr/lib/dovecot", "/usr/libexec/dovecot",
            "/usr/local/libexec/dovecot", "/opt/homebrew/opt/dovecot/libexec/dovecot");
    private static final List<String> PROTOCOL_BINARIES = List.of("imap", "imap-login", "pop3", "pop3-login");

    /**
     * Finds the installation.
     *
     * @return the installation, or empty if any part is missing ({@link #missingParts()} says which)
     */
    public static Optional<DovecotInstallation> find() {
        Optional<Path> dovecot = program("mailaccess.dovecot.binary", "dovecot", SBIN_DIRS);
        Optional<Path> doveadm = program("mailaccess.dovecot.doveadm", "doveadm", BIN_DIRS);
        Optional<Path> libexec = findLibexec();
        if (dovecot.isEmpty() || doveadm.isEmpty() || libexec.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DovecotInstallation(dovecot.get(), doveadm.get(), libexec.get()));
    }

    /**
     * Describes what {@link #find()} could not find.
     *
     * @return a human-readable list, empty if everything is there
     */
    public static String missingParts() {
        List<String> missing = new ArrayList<>();
        if (program("mailaccess.dovecot.binary", "dovecot", SBIN_DIRS).isEmpty()) {
            missing.add("the dovecot binary");
        }
        if (program("mailaccess.dovecot.doveadm", "doveadm", BIN_DIRS).isEmpty()) {
            missing.add("doveadm");
        }
        if (findLibexec().isEmpty()) {
            missing.add("the imap/pop3 binaries (looked in " + String.join(", ", libexecCandidates()) + ")");
        }
        return String.join(", ", missing);
    }

    private static Optional<Path> program(String property, String name, List<String> dirs) {
        String forced = System.getProperty(property);
        if (forced != null && !forced.isBlank()) {
            Path path = Path.of(forced);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        List<String> candidates = new ArrayList<>(dirs);
        String pathVariable = System.getenv("PATH");
        if (pathVariable != null) {
            candidates.addAll(List.of(pathVariable.split(File.pathSeparator)));
        }
        return candidates.stream()
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static Optional<Path> findLibexec() {
        return libexecCandidates().stream()
                .map(Path::of)
                .filter(dir -> PROTOCOL_BINARIES.stream().allMatch(binary -> Files.isExecutable(dir.resolve(binary))))
                .findFirst();
    }

    private static List<String> libexecCandidates() {
        String forced = System.getProperty("mailaccess.dovecot.libexec");
        return forced != null && !forced.isBlank() ? List.of(forced) : LIBEXEC_DIRS;
    }
}
