package org.mailaccess.imap.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.eclipse.angus.mail.iap.Literal;
import org.eclipse.angus.mail.imap.AppendUID;
import org.mailaccess.Flags;
import org.mailaccess.MessageKey;

/**
 * APPEND (RFC 3501 section 6.3.11) with the new key from APPENDUID (RFC 4315 section 3).
 *
 * <p>An IMAP literal announces its length before its bytes, so a stream of unknown length is first spooled: in memory
 * up to {@value #MEMORY_LIMIT} octets, in a temporary file (deleted afterwards) beyond, so that appending a large
 * message does not need the heap to hold it.
 */
final class ImapAppend {

    private static final int MEMORY_LIMIT = 1024 * 1024;
    private static final long MAX_SIZE = Integer.MAX_VALUE - 1024;

    private ImapAppend() {
    }

    static Optional<MessageKey> append(ImapConnection c, String folder, InputStream rfc822, Flags flags,
            Instant internalDate) {
        try (Spool spool = Spool.of(rfc822)) {
            AppendUID uid = c.call("APPEND", p -> {
                // Angus's APPEND writes the mailbox name (modified UTF-7), flag list and date itself.
                return p.appenduid(folder, FlagCodec.toJakarta(flags),
                        internalDate == null ? null : Date.from(internalDate), spool);
            });
            if (uid == null || uid.uid <= 0) {
                return Optional.empty();
            }
            return Optional.of(MessageKey.imap(folder, uid.uidvalidity, uid.uid));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the message to append failed", e);
        }
    }

    /** The message bytes, in memory or in a temporary file. */
    private static final class Spool implements Literal, AutoCloseable {
        private final byte[] memory;
        private final Path file;
        private final int size;

        private Spool(byte[] memory, Path file, int size) {
            this.memory = memory;
            this.file = file;
            this.size = size;
        }

        static Spool of(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while (head.size() <= MEMORY_LIMIT && (n = in.read(buf)) > 0) {
                head.write(buf, 0, n);
            }
            if (head.size() <= MEMORY_LIMIT) {
                byte[] all = head.toByteArray();
                return new Spool(all, null, all.length);
            }
            Path file = Files.createTempFile("mailaccess-append-", ".eml");
            try (OutputStream out = Files.newOutputStream(file)) {
                head.writeTo(out);
                long total = head.size() + in.transferTo(out);
                if (total > MAX_SIZE) {
                    throw new IOException("message too large for one IMAP literal: " + total + " octets");
                }
                return new Spool(null, file, (int) total);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(file);
                throw e;
            }
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public void writeTo(OutputStream os) throws IOException {
            if (memory != null) {
                os.write(memory);
            } else {
                Files.copy(file, os);
            }
        }

        @Override
        public void close() throws IOException {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }
}
