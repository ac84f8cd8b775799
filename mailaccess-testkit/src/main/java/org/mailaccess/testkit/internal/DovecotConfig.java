package org.mailaccess.testkit.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Renders the {@code dovecot.conf} of a throw-away test instance. The file is complete on its own (nothing from
 * {@code /etc/dovecot} is included), so the machine's own Dovecot configuration cannot leak in.
 *
 * <p>Layout under {@link #root()}: {@code dovecot.conf}, {@code users/<user>} (passwd-files), {@code tls/cert.pem},
 * {@code tls/key.pem}, {@code run/} (base_dir), {@code state/} (state_dir), {@code mail/<user>/} (Maildir) and
 * {@code dovecot.log}.
 *
 * @param root            the instance's private directory
 * @param instanceName    a name unique in the JVM, shown in process titles
 * @param ports           the loopback ports: IMAP, IMAPS, POP3, POP3S
 * @param privileged      whether Dovecot is started as root: then its own {@code dovecot}/{@code dovenull} system
 *                        users and the login chroot stay as packaged; otherwise every process runs as the caller
 * @param processUser     the caller's user name, for {@code default_internal_user}/{@code default_login_user}
 *                        when not privileged
 * @param processGroup    the caller's primary group name, for {@code default_internal_group} when not privileged
 * @param mailUid         the numeric uid owning the Maildirs (never 0: Dovecot refuses root mail access)
 * @param mailGid         the numeric gid owning the Maildirs
 * @param quotaStorage    the per-user storage limit in bytes
 * @param quotaMessages   the per-user message limit
 */
public record DovecotConfig(Path root, String instanceName, Ports ports, boolean privileged, String processUser,
        String processGroup, int mailUid, int mailGid, long quotaStorage, long quotaMessages) {

    /** Characters Dovecot's config parser and its space-separated {@code args} take without quoting. */
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9._/+-]+");
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    /** The services whose packaged configuration chroots; a non-root master cannot chroot, so they must not. */
    private static final List<String> CHROOTED_SERVICES = List.of("anvil", "ipc", "old-stats", "aggregator",
            "director", "imap-login", "pop3-login", "imap-urlauth-login", "submission-login");

    /**
     * The four listening ports.
     *
     * @param imap  IMAP with STARTTLS
     * @param imaps IMAP over implicit TLS
     * @param pop3  POP3 with STLS
     * @param pop3s POP3 over implicit TLS
     */
    public record Ports(int imap, int imaps, int pop3, int pop3s) {
    }

    /** Validates the values that end up in the file. */
    public DovecotConfig {
        Objects.requireNonNull(ports, "ports");
        if (!SAFE_PATH.matcher(root.toString()).matches()) {
            throw new IllegalArgumentException("Dovecot's directory must be a path of letters, digits and ._/+- only"
                    + " (set java.io.tmpdir or DovecotServer.Builder.parentDirectory): " + root);
        }
        if (!SAFE_NAME.matcher(instanceName).matches()) {
            throw new IllegalArgumentException("bad instance name: " + instanceName);
        }
        if (!privileged && (!SAFE_NAME.matcher(processUser).matches() || !SAFE_NAME.matcher(processGroup).matches())) {
            throw new IllegalArgumentException("Dovecot needs a named user and group to run as, not '" + processUser
                    + "'/'" + processGroup + "'");
        }
        if (mailUid <= 0 || mailGid < 0) {
            throw new IllegalArgumentException("Dovecot refuses mail access as root; mail uid/gid: " + mailUid + "/"
                    + mailGid);
        }
        if (quotaStorage < 1 || quotaMessages < 1) {
            throw new IllegalArgumentException("quota limits must be positive");
        }
    }

    /**
     * The configuration file.
     *
     * @return {@code root/dovecot.conf}
     */
    public Path configFile() {
        return root.resolve("dovecot.conf");
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
     * The PEM certificate chain.
     *
     * @return {@code root/tls/cert.pem}
     */
    public Path certificateFile() {
        return root.resolve("tls").resolve("cert.pem");
    }

    /**
     * The PEM private key.
     *
     * @return {@code root/tls/key.pem}
     */
    public Path keyFile() {
        return root.resolve("tls").resolve("key.pem");
    }

    /**
     * Where the Maildirs live, one directory per user.
     *
     * @return {@code root/mail}
     */
    public Path mailRoot() {
        return root.resolve("mail");
    }

    /**
     * Dovecot's log, which also receives the master's stdout and stderr.
     *
     * @return {@code root/dovecot.log}
     */
    public Path logFile() {
        return root.resolve("dovecot.log");
    }

    /**
     * The base_dir with the sockets and the master's pid file.
     *
     * @return {@code root/run}
     */
    public Path baseDir() {
        return root.resolve("run");
    }

    /**
     * The state_dir.
     *
     * @return {@code root/state}
     */
    public Path stateDir() {
        return root.resolve("state");
    }

    /**
     * Renders the configuration.
     *
     * @return the text of {@code dovecot.conf}
     */
    public String render() {
        StringBuilder c = new StringBuilder();
        c.append("# Generated by org.mailaccess.testkit.DovecotServer: a throw-away Dovecot for tests.\n")
                .append("protocols = imap pop3\n")
                .append("listen = 127.0.0.1\n")
                .append("base_dir = ").append(baseDir()).append('\n')
                .append("state_dir = ").append(stateDir()).append('\n')
                .append("instance_name = ").append(instanceName).append('\n')
                .append("log_path = ").append(logFile()).append('\n')
                .append("auth_verbose = yes\n")
                .append("\n# Users: one passwd-file per user as passdb and userdb, re-read by Dovecot when it changes.\n")
                .append("passdb {\n")
                .append("  driver = passwd-file\n")
                .append("  args = scheme=PLAIN username_format=%u ").append(usersDir()).append("/%u\n")
                .append("}\n")
                .append("userdb {\n")
                .append("  driver = passwd-file\n")
                .append("  args = username_format=%u ").append(usersDir()).append("/%u\n")
                .append("  default_fields = uid=").append(mailUid).append(" gid=").append(mailGid)
                .append(" home=").append(mailRoot()).append("/%u\n")
                .append("}\n")
                .append("first_valid_uid = ").append(mailUid).append('\n')
                .append("first_valid_gid = ").append(mailGid).append('\n')
                .append("# Dovecot's secure default stays: no plaintext logins on insecure connections. Tests still\n")
                .append("# log in without TLS (TlsMode.INSECURE_PLAINTEXT) because Dovecot counts a connection whose\n")
                .append("# remote IP equals its local IP (here 127.0.0.1 to 127.0.0.1) as secure.\n")
                .append("disable_plaintext_auth = yes\n")
                .append("auth_mechanisms = plain login\n")
                .append("# Failed logins answer fast: no 2-second delay, and no growing per-IP penalty (auth cannot\n")
                .append("# reach anvil's penalty socket; it logs that once as an error).\n")
                .append("auth_failure_delay = 0\n")
                .append("service anvil {\n")
                .append("  unix_listener anvil-auth-penalty {\n")
                .append("    mode = 0\n")
                .append("  }\n")
                .append("}\n")
                .append("\n# TLS: an ECDSA certificate allows only ECDHE key exchange, so ssl_dh is never needed.\n")
                .append("ssl = yes\n")
                .append("ssl_cert = <").append(certificateFile()).append('\n')
                .append("ssl_key = <").append(keyFile()).append('\n')
                .append("ssl_min_protocol = TLSv1.2\n")
                .append("\n# Storage.\n")
                .append("mail_location = maildir:").append(mailRoot()).append("/%u\n")
                .append("mail_fsync = never\n")
                .append("mail_max_userip_connections = 100\n")
                .append("pop3_uidl_format = %g\n")
                .append("mail_plugins = $mail_plugins quota\n")
                .append("protocol imap {\n")
                .append("  mail_plugins = $mail_plugins imap_quota\n")
                .append("}\n")
                .append("plugin {\n")
                .append("  quota = count:User quota\n")
                .append("  quota_vsizes = yes\n")
                .append("  quota_rule = *:storage=").append(quotaStorage).append("B:messages=").append(quotaMessages)
                .append('\n')
                .append("  quota_grace = 0\n")
                .append("}\n")
                .append("namespace inbox {\n")
                .append("  inbox = yes\n");
        for (String[] folder : new String[][] {{"Drafts", "\\Drafts"}, {"Sent", "\\Sent"}, {"Trash", "\\Trash"},
            {"Junk", "\\Junk"}, {"Archive", "\\Archive"}}) {
            c.append("  mailbox ").append(folder[0]).append(" {\n")
                    .append("    special_use = ").append(folder[1]).append('\n')
                    .append("    auto = subscribe\n")
                    .append("  }\n");
        }
        c.append("}\n")
                .append("\n# Listeners.\n")
                .append("service imap-login {\n")
                .append(listener("imap", ports.imap(), false))
                .append(listener("imaps", ports.imaps(), true))
                .append("}\n")
                .append("service pop3-login {\n")
                .append(listener("pop3", ports.pop3(), false))
                .append(listener("pop3s", ports.pop3s(), true))
                .append("}\n");
        if (!privileged) {
            c.append("\n# Started by an ordinary user: every process runs as that user, and nothing can chroot.\n")
                    .append("default_internal_user = ").append(processUser).append('\n')
                    .append("default_internal_group = ").append(processGroup).append('\n')
                    .append("default_login_user = ").append(processUser).append('\n');
            for (String service : CHROOTED_SERVICES) {
                c.append("service ").append(service).append(" {\n  chroot =\n}\n");
            }
        }
        return c.toString();
    }

    private static String listener(String name, int port, boolean ssl) {
        return "  inet_listener " + name + " {\n"
                + "    address = 127.0.0.1\n"
                + "    port = " + port + "\n"
                + (ssl ? "    ssl = yes\n" : "")
                + "  }\n";
    }
}
