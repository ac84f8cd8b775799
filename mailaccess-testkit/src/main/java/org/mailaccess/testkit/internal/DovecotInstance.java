package org.mailaccess.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One running Dovecot test instance, the parts behind a {@code DovecotServer}: its private directory, its
 * configuration, users and TLS material, the master process, and {@code doveadm} bound to it.
 *
 * <p>{@link #start} prepares the directory, writes the user files, the PEM files and {@code dovecot.conf}, and starts
 * the master; if another process takes one of the chosen ports before Dovecot binds it, it tries again with fresh
 * ports (up to three attempts).
 */
public final class DovecotInstance {

    private static final int START_ATTEMPTS = 3;

    private final DovecotDirectory directory;
    private final DovecotConfig config;
    private final DovecotUsers users;
    private final DovecotTls tls;
    private final DovecotProcess process;
    private final DovecotAdmin admin;

    private DovecotInstance(DovecotInstallation installation, DovecotDirectory directory, DovecotConfig config,
            DovecotUsers users, DovecotTls tls, DovecotProcess process) {
        this.directory = directory;
        this.config = config;
        this.users = users;
        this.tls = tls;
        this.process = process;
        this.admin = new DovecotAdmin(installation, config);
    }

    /**
     * Creates a fresh directory under {@code parent}, writes everything Dovecot needs there, starts Dovecot and
     * waits until all four ports accept connections. On any failure the directory is deleted again.
     *
     * @param installation   where Dovecot's programs are
     * @param parent         where to create the instance's directory
     * @param initialUsers   user names (already checked) and their passwords
     * @param quotaStorage   the per-user storage limit in bytes
     * @param quotaMessages  the per-user message limit
     * @param startupTimeout how long one start attempt may wait for the ports
     * @return the running instance
     * @throws DovecotStartException if Dovecot exits or is not ready in time; the message has the log's tail
     * @throws UncheckedIOException  if the directory or its files cannot be written
     */
    public static DovecotInstance start(DovecotInstallation installation, Path parent,
            Map<String, String> initialUsers, long quotaStorage, long quotaMessages, Duration startupTimeout) {
        DovecotDirectory directory = null;
        try {
            directory = DovecotDirectory.create(parent);
            return start(installation, directory, initialUsers, quotaStorage, quotaMessages, startupTimeout);
        } catch (IOException e) {
            deleteQuietly(directory);
            throw new UncheckedIOException("cannot prepare Dovecot's directory", e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(directory);
            throw e;
        }
    }

    private static DovecotInstance start(DovecotInstallation installation, DovecotDirectory directory,
            Map<String, String> initialUsers, long quotaStorage, long quotaMessages, Duration startupTimeout)
            throws IOException {
        DovecotUsers users = new DovecotUsers(directory.usersDir());
        initialUsers.forEach(users::put);
        DovecotTls tls = DovecotTls.forLocalhost();
        DovecotStartException lastFailure = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            int[] ports = DovecotProcess.freePorts(4);
            DovecotConfig config = directory.config(new DovecotConfig.Ports(ports[0], ports[1], ports[2], ports[3]),
                    quotaStorage, quotaMessages);
            if (attempt == 0) {
                tls.writePem(config.certificateFile(), config.keyFile());
            }
            Files.writeString(config.configFile(), config.render(), StandardCharsets.UTF_8);
            Files.deleteIfExists(config.logFile());
            try {
                DovecotProcess process = DovecotProcess.start(installation.dovecot(), config, startupTimeout);
                return new DovecotInstance(installation, directory, config, users, tls, process);
            } catch (DovecotStartException e) {
                if (!e.portCollision()) {
                    throw e;
                }
                lastFailure = e;
            }
        }
        throw lastFailure;
    }

    private static void deleteQuietly(DovecotDirectory directory) {
        if (directory != null) {
            directory.deleteQuietly();
        }
    }

    /**
     * The configuration Dovecot runs with: ports, paths, quota.
     *
     * @return the configuration
     */
    public DovecotConfig config() {
        return config;
    }

    /**
     * The users, which may still be changed while Dovecot runs.
     *
     * @return the users
     */
    public DovecotUsers users() {
        return users;
    }

    /**
     * The TLS material Dovecot presents.
     *
     * @return the material
     */
    public DovecotTls tls() {
        return tls;
    }

    /**
     * The master process.
     *
     * @return the process
     */
    public DovecotProcess process() {
        return process;
    }

    /**
     * {@code doveadm} for this instance.
     *
     * @return the admin tool
     */
    public DovecotAdmin admin() {
        return admin;
    }

    /**
     * Deletes the directory with all mail; call after {@link DovecotProcess#stop()}. Does nothing if it is gone.
     *
     * @throws UncheckedIOException if the directory cannot be deleted
     */
    public void deleteDirectory() {
        directory.delete();
    }
}
