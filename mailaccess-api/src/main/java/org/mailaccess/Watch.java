package org.mailaccess;

/**
 * A running watch on a folder, from {@link MailboxSession#watch}. It has its own connection and thread; closing it
 * stops both promptly (IMAP DONE and LOGOUT, RFC 2177).
 */
public interface Watch extends AutoCloseable {

    /**
     * Whether the watch is still running.
     *
     * @return false once closed
     */
    boolean isRunning();

    /** Stops the watch and waits briefly for its thread; never throws. */
    @Override
    void close();
}
