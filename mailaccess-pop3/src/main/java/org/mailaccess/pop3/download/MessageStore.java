package org.mailaccess.pop3.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Predicate;
import org.mailaccess.MessageKey;

/**
 * Where downloaded messages are kept, readable without a connection. {@link MaildirStore} is the default; an
 * application can supply its own, for example a database table, by implementing this interface.
 *
 * <p>A message is delivered in two steps, in the order of mbsync's journal (PITFALLS 3.1): {@link Draft#prepare()}
 * makes the bytes durable but invisible and names the id the message will have; the downloader records that id in the
 * {@link DownloadLedger}; then {@link Draft#commit()} makes the message visible. The ledger is the truth after a
 * crash: {@link #recover} publishes every prepared message the ledger recorded and discards the others. So a message
 * is never downloaded twice (the ledger has it from before it was visible) and never lost (it is durable before the
 * ledger has it), even if the user deletes it right after it appeared.
 *
 * <p>The downloader relies on these properties:
 * <ul>
 *   <li><b>nothing is visible before {@link Draft#commit()}</b> (or {@link #recover}): an abandoned or failed write
 *       leaves no message behind;</li>
 *   <li><b>prepare is durable</b>: when it returns, the bytes survive a crash or power loss, and {@link #recover}
 *       finds them under the returned id;</li>
 *   <li><b>commit is durable</b>: when it returns, the message is visible and survives a crash or power loss.</li>
 * </ul>
 * Implementations must be safe for use by several threads.
 */
public interface MessageStore {

    /**
     * Starts writing a message. Stream the RFC 5322 bytes to {@link Draft#output()}, then prepare and commit; closing
     * a draft that was not prepared discards it.
     *
     * @param key the POP3 key (UIDL) of the message; any length (a broken server may send UIDLs longer than the 70
     *            characters RFC 1939 section 7 allows)
     * @return the draft
     * @throws IOException when the store cannot be written
     */
    Draft begin(MessageKey key) throws IOException;

    /**
     * Finishes deliveries a crash interrupted: every message prepared and not yet committed is published when
     * {@code recorded} accepts its id, and discarded otherwise. The downloader calls this at the start of each run,
     * with "the ledger has this store id".
     *
     * @param recorded whether the ledger recorded a prepared id
     * @return the messages published now
     * @throws IOException when the store cannot be read or written
     */
    List<LocalMessage> recover(Predicate<String> recorded) throws IOException;

    /**
     * Every stored message of this account, oldest first.
     *
     * @return the messages
     * @throws IOException when the store cannot be read
     */
    List<LocalMessage> list() throws IOException;

    /**
     * The stored messages downloaded under a key: usually one; several when the server reused a UIDL.
     *
     * @param key the POP3 key
     * @return the messages, oldest first, possibly none
     * @throws IOException when the store cannot be read
     */
    List<LocalMessage> find(MessageKey key) throws IOException;

    /**
     * Opens a stored message for reading, byte-exact as it was downloaded.
     *
     * @param message a message from {@link #list()}, {@link #find}, {@link #recover} or {@link Draft#commit()}
     * @return the bytes; close the stream when done
     * @throws java.nio.file.NoSuchFileException when the message is no longer stored
     * @throws IOException                        when it cannot be read
     */
    InputStream open(LocalMessage message) throws IOException;

    /**
     * Removes a stored message (for example when the user empties the trash). The ledger still remembers the UIDL, so
     * the message is not downloaded again.
     *
     * @param message the message
     * @return false when it was not stored (any more)
     * @throws IOException when it cannot be removed
     */
    boolean delete(LocalMessage message) throws IOException;

    /** A message being written; see {@link MessageStore#begin}. */
    interface Draft extends AutoCloseable {

        /**
         * Where the message bytes go. Do not close it; {@link #commit()} and {@link #close()} do.
         *
         * @return the stream
         */
        OutputStream output();

        /**
         * Makes the bytes durable, not yet visible. Called once, before the downloader records the id in its
         * ledger.
         *
         * @return the id the message will have in {@link LocalMessage#id()} once committed or recovered
         * @throws IOException when the bytes could not be made durable; nothing is then kept
         */
        String prepare() throws IOException;

        /**
         * Makes the message visible (and durable), preparing it first if that was not done.
         *
         * @return the stored message
         * @throws IOException when the message could not be made visible; a prepared message then stays prepared,
         *                     for {@link MessageStore#recover}
         */
        LocalMessage commit() throws IOException;

        /**
         * Discards the draft unless it was prepared or committed. A prepared draft is left to
         * {@link MessageStore#recover}, which the ledger decides: closing must not lose a message the ledger may
         * already have recorded.
         *
         * @throws IOException when the partial data could not be removed
         */
        @Override
        void close() throws IOException;
    }
}
