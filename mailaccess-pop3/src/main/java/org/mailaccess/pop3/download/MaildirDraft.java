package org.mailaccess.pop3.download;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.mailaccess.MessageKey;

/**
 * A message being written to a {@link MaildirStore}'s {@code tmp/}, hashed as it is written (the content hash goes
 * into the file name, see {@code MaildirName}): {@link #prepare()} fsyncs it and gives it its final name inside
 * {@code tmp/}, {@link #commit()} publishes it into {@code new/}, {@link #close()} deletes it unless it was prepared.
 */
final class MaildirDraft implements MessageStore.Draft {
    private final MaildirStore store;
    private final MessageKey key;
    private final Path file;
    private final FileChannel channel;
    private final MessageDigest sha = MaildirName.sha256();
    private final OutputStream buffered;
    private long size;
    private boolean done;
    private MaildirName.Parsed prepared;

    MaildirDraft(MaildirStore store, MessageKey key, Path file, FileChannel channel) {
        this.store = store;
        this.key = key;
        this.file = file;
        this.channel = channel;
        // Inside this FilterOutputStream, "out" is its own target: the file channel.
        OutputStream hashing = new FilterOutputStream(Channels.newOutputStream(channel)) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                sha.update((byte) b);
                size++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                sha.update(b, off, len);
                size += len;
            }

            @Override
            public void close() {
                // the draft owns the channel
            }
        };
        this.buffered = new BufferedOutputStream(hashing, 64 * 1024) {
            @Override
            public void close() throws IOException {
                flush(); // the draft closes the channel
            }
        };
    }

    @Override
    public OutputStream output() {
        return buffered;
    }

    @Override
    public String prepare() throws IOException {
        if (done || prepared != null) {
            throw new IllegalStateException("draft already prepared, committed or closed");
        }
        try {
            buffered.flush();
            channel.force(true);
            channel.close();
            prepared = store.prepare(key, file, sha.digest(), size);
            return prepared.base();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public LocalMessage commit() throws IOException {
        if (done) {
            throw new IllegalStateException("draft already committed or closed");
        }
        if (prepared == null) {
            prepare();
        }
        LocalMessage m = store.publish(prepared);
        done = true;
        return m;
    }

    @Override
    public void close() throws IOException {
        if (done || prepared != null) {
            return; // a prepared file is the ledger's to decide, through recover()
        }
        done = true;
        try {
            channel.close();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
