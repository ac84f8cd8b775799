package org.mailaccess.testkit.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.mailaccess.testkit.Fault;
import org.mailaccess.testkit.Fault.CommandFault;

/** The faults injected into one server and not yet fired. Thread-safe: tests inject while connections consume. */
public final class FaultPlan {

    private final List<PendingCommandFault> commandFaults = new ArrayList<>();
    private final List<Fault> connectFaults = new ArrayList<>();

    /**
     * Adds a fault.
     *
     * @param fault the fault
     */
    public synchronized void add(Fault fault) {
        if (fault instanceof CommandFault commandFault) {
            commandFaults.add(new PendingCommandFault(commandFault));
        } else {
            connectFaults.add(fault);
        }
    }

    /**
     * Consumes a pending {@link Fault.DropOnConnect}.
     *
     * @return true if the connection being accepted must be dropped
     */
    public synchronized boolean takeDropOnConnect() {
        return connectFaults.removeIf(f -> f instanceof Fault.DropOnConnect);
    }

    /**
     * Consumes a pending {@link Fault.Greeting}.
     *
     * @return the replacement greeting, if one is pending
     */
    public synchronized Optional<String> takeGreeting() {
        for (Iterator<Fault> it = connectFaults.iterator(); it.hasNext(); ) {
            if (it.next() instanceof Fault.Greeting greeting) {
                it.remove();
                return Optional.of(greeting.raw());
            }
        }
        return Optional.empty();
    }

    /**
     * Counts a received command against every pending fault for its verb and consumes the first one that is due.
     *
     * @param verb the upper-case verb
     * @return the fault to apply to this command, if any
     */
    public synchronized Optional<CommandFault> onCommand(String verb) {
        PendingCommandFault due = null;
        for (PendingCommandFault pending : commandFaults) {
            if (pending.fault.verb().equals(verb) && ++pending.seen >= pending.fault.occurrence() && due == null) {
                due = pending;
            }
        }
        if (due == null) {
            return Optional.empty();
        }
        commandFaults.remove(due);
        return Optional.of(due.fault);
    }

    private static final class PendingCommandFault {
        private final CommandFault fault;
        private int seen;

        private PendingCommandFault(CommandFault fault) {
            this.fault = fault;
        }
    }
}
