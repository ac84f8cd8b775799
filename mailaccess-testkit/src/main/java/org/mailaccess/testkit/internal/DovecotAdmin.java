package org.mailaccess.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code doveadm -c <conf>} against one Dovecot test instance, e.g. to deliver a message exactly as a real
 * delivery would (indexes and quota updated). Every run is bounded by a timeout.
 */
public final class DovecotAdmin {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final DovecotInstallation installation;
    private final DovecotConfig config;

    /**
     * Uses an installation's {@code doveadm} with an instance's configuration.
     *
     * @param installation where {@code doveadm} is
     * @param config       the instance's configuration, already written to disk
     */
    public DovecotAdmin(DovecotInstallation installation, DovecotConfig config) {
        this.installation = installation;
        this.config = config;
    }

    /**
     * Saves a message into a user's folder with {@code doveadm save}, creating and subscribing the folder first if
     * it does not exist yet (INBOX always exists).
     *
     * @param user   an existing user
     * @param folder the folder's name as IMAP shows it
     * @param rfc822 the message
     * @throws IllegalStateException if doveadm refuses the message or the folder, or does not finish in time; the
     *                               message has doveadm's output
     */
    public void save(String user, String folder, byte[] rfc822) {
        Result saved = run(rfc822, "save", "-u", user, "-m", folder);
        if (saved.status != 0 && !folder.equalsIgnoreCase("INBOX") && saved.output.contains("doesn't exist")) {
            Result created = run(null, "mailbox", "create", "-s", "-u", user, folder);
            if (created.status != 0) {
                throw new IllegalStateException("doveadm cannot create folder '" + folder + "' for " + user + ": "
                        + created.output);
            }
            saved = run(rfc822, "save", "-u", user, "-m", folder);
        }
        if (saved.status != 0) {
            throw new IllegalStateException("doveadm cannot deliver to " + user + "/" + folder + " (status "
                    + saved.status + "): " + saved.output.strip());
        }
    }

    private Result run(byte[] input, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(installation.doveadm().toString());
        command.add("-c");
        command.add(config.configFile().toString());
        command.addAll(List.of(arguments));
        try {
            Process doveadm = new ProcessBuilder(command).directory(config.root().toFile())
                    .redirectErrorStream(true).start();
            CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> readAll(doveadm.getInputStream()));
            try (OutputStream stdin = doveadm.getOutputStream()) {
                if (input != null) {
                    stdin.write(input);
                }
            }
            if (!doveadm.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                doveadm.destroyForcibly();
                throw new IllegalStateException("doveadm " + String.join(" ", arguments) + " did not finish within "
                        + TIMEOUT.toSeconds() + " s");
            }
            return new Result(doveadm.exitValue(), new String(output.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run doveadm", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running doveadm", e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            return ("(cannot read doveadm's output: " + e + ")").getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The outcome of one doveadm run. */
    private record Result(int status, String output) {
    }
}
