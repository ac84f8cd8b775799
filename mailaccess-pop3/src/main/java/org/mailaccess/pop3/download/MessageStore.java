package org.mailaccess.pop3.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.mailaccess.MessageKey;

/**
 * Where downloaded messages are kept, readable without a connection. {@link MaildirStore} is the default; an
 * application can supply its own, for example a database table, by implementing this interface.
 *
 * <p>The downloader relies on three properties:
 * <ul>
 *   <li><b>nothing is visible before {@link Draft#commit()}</b>: an abandoned or failed write leaves no message
 *       behind;</li>
 *   <li><b>commit is durable</b>: when it returns, the message survives a crash or power loss;</li>
 *   <li><b>commit is idempotent per key and content</b>: committing a message whose key and bytes equal those of a
 *       stored message adds nothing and returns the stored one. This closes the window between the store write and the
 *       ledger write (PITFALLS D3): after a crash there, the next run downloads the message again and the store keeps
 *       it once. A different message under the same key (a reused UIDL) is stored as a second message.</li>
 * </ul>
 * Implementations must be safe for use by several threads.
 */
public interface MessageStore {

    /**
     * Starts writing a message. Stream the RFC 5322 bytes to {@link Draft#output()}, then commit; closing an
     * uncommitted draft discards it.
     *
     * @param key the POP3 key (UIDL) of the message
     * @return the draft
     * @throws IOException when the store cannot be written
     */
    Draft begin(MessageKey key) throws IOException;

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
     * @param message a message from {@link #list()}, {@link #find} or {@link Draft#commit()}
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
         * Makes the message durable and visible, unless an identical one (same key, same bytes) is stored already.
         *
         * @return the stored message, or the identical one found
         * @throws IOException when the message could not be made durable; nothing is then visible
         */
        LocalMessage commit() throws IOException;

        /**
         * Discards the draft unless it was committed.
         *
         * @throws IOException when the partial data could not be removed
         */
        @Override
        void close() throws IOException;
    }
}
