package org.mailaccess.testkit.internal;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs one Dovecot master in the foreground ({@code dovecot -F -c <conf>}) as a child process, its stdout and stderr
 * appended to Dovecot's own log file, and stops it together with every process it forked.
 */
public final class DovecotProcess {

    private static final int TAIL_LINES = 40;
    private static final Duration GRACE = Duration.ofSeconds(1);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(5);

    private final Process process;
    private final Path logFile;
    private final Thread shutdownHook;
    private volatile List<ProcessHandle> knownDescendants = List.of();

    private DovecotProcess(Process process, Path logFile) {
        this.process = process;
        this.logFile = logFile;
        this.shutdownHook = new Thread(this::killAll, "dovecot-shutdown-" + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts Dovecot and waits until it has bound every port and accepts connections on each.
     *
     * @param dovecot the master binary
     * @param config  the configuration, already written to disk
     * @param timeout how long to wait for readiness
     * @return the running process
     * @throws DovecotStartException if Dovecot exits or is not ready in time; the message has the log's tail
     */
    public static DovecotProcess start(Path dovecot, DovecotConfig config, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(dovecot.toString(), "-F", "-c", config.configFile().toString())
                .directory(config.root().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(config.logFile().toFile()));
        DovecotProcess started;
        try {
            started = new DovecotProcess(builder.start(), config.logFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + dovecot, e);
        }
        try {
            started.awaitReady(config.ports(), timeout);
            return started;
        } catch (RuntimeException | Error e) {
            started.stop();
            throw e;
        }
    }

    /**
     * Picks distinct free loopback ports. They are free when this returns; Dovecot binds them moments later, and
     * the rare collision with another process shows as "Address already in use" and is retried by the caller.
     *
     * @param count how many ports
     * @return the ports
     */
    public static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free loopback ports", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // nothing was sent on it
                }
            }
        }
    }

    /**
     * Whether the master is still running.
     *
     * @return true if alive
     */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * The last lines of Dovecot's log.
     *
     * @return up to 40 lines, or a note if the log cannot be read
     */
    public String logTail() {
        return tail(logFile, TAIL_LINES);
    }

    /**
     * Stops Dovecot. SIGTERM makes the master stop its children, the IMAP and POP3 processes included, but a clean
     * master exit then takes 1.5 to 3 seconds of waiting for its log and login processes. So once no IMAP or POP3
     * process is left running (they are the only ones that may be writing mail), or after a grace period of one
     * second, the master and its whole family get SIGKILL and are awaited: a surviving login process would keep a
     * listening socket open. Nothing of value is lost: the instance's directory is deleted next. Idempotent.
     */
    public void stop() {
        Set<ProcessHandle> family = family();
        process.destroy();
        long deadline = System.nanoTime() + GRACE.toNanos();
        while (process.isAlive() && System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            family.addAll(process.descendants().toList());
            if (family.stream().filter(DovecotProcess::running).noneMatch(DovecotProcess::isMailProcess)) {
                break;
            }
            pause();
        }
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to run; nothing to remove
        }
    }

    private Set<ProcessHandle> family() {
        Set<ProcessHandle> family = new LinkedHashSet<>(knownDescendants);
        process.descendants().forEach(family::add);
        family.add(process.toHandle());
        return family;
    }

    private void killAll() {
        // Descendants are collected before the master dies: afterwards they are re-parented and no longer found.
        Set<ProcessHandle> family = family();
        family.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + KILL_TIMEOUT.toNanos();
        while (family.stream().anyMatch(DovecotProcess::running) && System.nanoTime() < deadline
                && !Thread.currentThread().isInterrupted()) {
            pause();
        }
    }

    /**
     * Whether a process still runs. A zombie does not count: when the master is killed, its exited but unreaped
     * children are handed to PID 1, and in containers whose PID 1 does not reap they stay zombies forever.
     */
    private static boolean running(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
            int afterName = stat.lastIndexOf(')');
            return afterName < 0 || afterName + 2 >= stat.length() || stat.charAt(afterName + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return handle.isAlive(); // no procfs (not Linux) or the process just went away
        }
    }

    private static boolean isMailProcess(ProcessHandle handle) {
        return handle.info().command().map(command -> command.endsWith("/imap") || command.endsWith("/pop3"))
                .orElse(false);
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(DovecotConfig.Ports ports, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<Integer> pending = new TreeSet<>(List.of(ports.imap(), ports.imaps(), ports.pop3(), ports.pop3s()));
        boolean startedUp = false;
        while (true) {
            if (!process.isAlive()) {
                throw new DovecotStartException("Dovecot exited with status " + process.exitValue()
                        + " during start-up", logTail());
            }
            // "starting up" is logged after the master bound every listener; before that, a port that accepts
            // could belong to another process.
            startedUp = startedUp || logContains("starting up");
            if (startedUp) {
                pending.removeAll(acceptingPorts(pending));
                if (pending.isEmpty()) {
                    knownDescendants = process.descendants().toList();
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new DovecotStartException("Dovecot was not ready within " + timeout.toMillis() + " ms"
                        + (startedUp ? "; ports not accepting connections: " + pending : ""), logTail());
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new DovecotStartException("interrupted while waiting for Dovecot", logTail());
            }
            pause();
        }
    }

    /**
     * Which of the ports accept connections. On Linux this reads the listening sockets from {@code /proc/net/tcp}
     * (a socket in LISTEN state accepts connections; the kernel completes the handshake even before a login process
     * picks it up): a probe connection would make Dovecot fork a login process that lingers for a while and slows
     * down {@link #stop()}. Elsewhere, it connects.
     */
    private static Set<Integer> acceptingPorts(Set<Integer> ports) {
        try {
            Set<Integer> listening = new TreeSet<>();
            for (String line : Files.readAllLines(Path.of("/proc/net/tcp"), StandardCharsets.US_ASCII)) {
                String[] fields = line.trim().split("\\s+");
                // "sl local_address rem_address st ...": local_address is HEXIP:HEXPORT (127.0.0.1 in either byte
                // order), st 0A is LISTEN
                if (fields.length > 3 && fields[3].equals("0A")
                        && (fields[1].startsWith("0100007F:") || fields[1].startsWith("7F000001:"))) {
                    listening.add(Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1), 16));
                }
            }
            listening.retainAll(ports);
            return listening;
        } catch (IOException | RuntimeException e) {
            Set<Integer> accepting = new TreeSet<>();
            for (int port : ports) {
                if (accepts(port)) {
                    accepting.add(port);
                }
            }
            return accepting;
        }
    }

    private boolean logContains(String text) {
        try {
            return Files.exists(logFile) && Files.readString(logFile, StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 250);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The last lines of a log file, read from at most its last 64 KiB.
     *
     * @param file  the log
     * @param lines how many lines
     * @return the lines, or a note if the file cannot be read
     */
    public static String tail(Path file, int lines) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            long start = Math.max(0, length - 65536);
            byte[] bytes = new byte[(int) (length - start)];
            in.seek(start);
            in.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (text.isBlank()) {
                return "(the log is empty)";
            }
            List<String> all = List.of(text.split("\r?\n"));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }
}
