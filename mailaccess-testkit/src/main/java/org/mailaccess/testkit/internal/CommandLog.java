package org.mailaccess.testkit.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.mailaccess.testkit.RecordedCommand;

/**
 * Everything clients sent to one fake server: a complete history for assertions after the fact, and a queue for
 * MockWebServer-style {@code takeCommand} while the client runs. Thread-safe.
 */
public final class CommandLog {

    private final List<RecordedCommand> all = new ArrayList<>();
    private final BlockingQueue<RecordedCommand> queue = new LinkedBlockingQueue<>();

    /**
     * Appends a command.
     *
     * @param command the command
     */
    public void record(RecordedCommand command) {
        synchronized (all) {
            all.add(command);
        }
        queue.add(command);
    }

    /**
     * All commands so far, in arrival order.
     *
     * @return an immutable snapshot
     */
    public List<RecordedCommand> all() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    /**
     * Removes and returns the oldest command not yet taken, waiting for one to arrive.
     *
     * @param timeout the longest wait
     * @return the command, or null if none arrived in time or the thread was interrupted (the interrupt flag is kept)
     */
    public RecordedCommand take(Duration timeout) {
        try {
            return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
