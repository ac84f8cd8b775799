package org.mailaccess.pop3;

import java.util.Objects;
import org.mailaccess.ProtocolOptions;

/**
 * Typed, immutable settings of the POP3 module, registered with
 * {@link org.mailaccess.MailboxClient.Builder#options(ProtocolOptions)}. Unset, {@link #defaults()} apply.
 *
 * <pre>{@code
 * MailboxClient client = MailboxClient.builder()
 *         .options(Pop3Options.builder().preferApop(true).batchSize(100).build())
 *         .build();
 * }</pre>
 */
public final class Pop3Options implements ProtocolOptions {

    /** The largest batch: more commands in flight could fill the socket buffers of both peers (RFC 2449 section 6.6). */
    public static final int MAX_BATCH_SIZE = 1000;

    private static final Pop3Options DEFAULTS = builder().build();

    private final boolean preferApop;
    private final boolean pipelining;
    private final int batchSize;
    private final int maxHeaderBytes;
    private final boolean allowHeaderDigestIds;

    private Pop3Options(Builder b) {
        this.preferApop = b.preferApop;
        this.pipelining = b.pipelining;
        this.batchSize = b.batchSize;
        this.maxHeaderBytes = b.maxHeaderBytes;
        this.allowHeaderDigestIds = b.allowHeaderDigestIds;
    }

    /**
     * The defaults: SASL PLAIN before USER/PASS before APOP, pipelining allowed in batches of 50, headers capped at
     * 256 KiB, no digest ids.
     *
     * @return the default options
     */
    public static Pop3Options defaults() {
        return DEFAULTS;
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder starting from these options.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.preferApop = preferApop;
        b.pipelining = pipelining;
        b.batchSize = batchSize;
        b.maxHeaderBytes = maxHeaderBytes;
        b.allowHeaderDigestIds = allowHeaderDigestIds;
        return b;
    }

    /**
     * Whether APOP (RFC 1939 section 7) is tried first when the greeting carries a timestamp.
     *
     * @return true to prefer APOP
     */
    public boolean preferApop() {
        return preferApop;
    }

    /**
     * Whether commands may be pipelined when the server advertises PIPELINING (RFC 2449 section 6.6).
     *
     * @return true when allowed
     */
    public boolean pipelining() {
        return pipelining;
    }

    /**
     * How many commands are sent before their replies are read when pipelining.
     *
     * @return the batch size, 1 to {@link #MAX_BATCH_SIZE}
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * The most header bytes kept per message from {@code TOP n 0} (RFC 1939 section 7); the rest is read and dropped.
     *
     * @return the cap in bytes
     */
    public int maxHeaderBytes() {
        return maxHeaderBytes;
    }

    /**
     * Whether a server without UIDL may be used with keys derived from the message headers ({@code "sha256:" + hex}
     * of the {@code TOP n 0} bytes). Such keys are not guaranteed to be unique or stable, so this degraded mode must
     * be asked for explicitly.
     *
     * @return true when allowed
     */
    public boolean allowHeaderDigestIds() {
        return allowHeaderDigestIds;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pop3Options other && preferApop == other.preferApop && pipelining == other.pipelining
                && batchSize == other.batchSize && maxHeaderBytes == other.maxHeaderBytes
                && allowHeaderDigestIds == other.allowHeaderDigestIds;
    }

    @Override
    public int hashCode() {
        return Objects.hash(preferApop, pipelining, batchSize, maxHeaderBytes, allowHeaderDigestIds);
    }

    @Override
    public String toString() {
        return "Pop3Options[preferApop=" + preferApop + ", pipelining=" + pipelining + ", batchSize=" + batchSize
                + ", maxHeaderBytes=" + maxHeaderBytes + ", allowHeaderDigestIds=" + allowHeaderDigestIds + "]";
    }

    /** Collects {@link Pop3Options}. Not thread-safe. */
    public static final class Builder {
        private boolean preferApop;
        private boolean pipelining = true;
        private int batchSize = 50;
        private int maxHeaderBytes = 256 * 1024;
        private boolean allowHeaderDigestIds;

        private Builder() {
        }

        /**
         * Tries APOP (RFC 1939 section 7) before SASL PLAIN and USER/PASS when the greeting has a timestamp (default
         * false).
         *
         * @param prefer true to prefer APOP
         * @return this builder
         */
        public Builder preferApop(boolean prefer) {
            this.preferApop = prefer;
            return this;
        }

        /**
         * Allows pipelining when the server advertises PIPELINING (RFC 2449 section 6.6); default true. Without it,
         * or when the server does not advertise it, every command waits for the previous reply.
         *
         * @param allow false to send one command at a time
         * @return this builder
         */
        public Builder pipelining(boolean allow) {
            this.pipelining = allow;
            return this;
        }

        /**
         * Sets how many commands go out before their replies are read (default 50).
         *
         * @param size 1 to {@link #MAX_BATCH_SIZE}
         * @return this builder
         */
        public Builder batchSize(int size) {
            if (size < 1 || size > MAX_BATCH_SIZE) {
                throw new IllegalArgumentException("batchSize must be between 1 and " + MAX_BATCH_SIZE + ": " + size);
            }
            this.batchSize = size;
            return this;
        }

        /**
         * Caps the header bytes kept per message (default 256 KiB); longer headers keep their first part.
         *
         * @param bytes at least 1024
         * @return this builder
         */
        public Builder maxHeaderBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxHeaderBytes must be at least 1024: " + bytes);
            }
            this.maxHeaderBytes = bytes;
            return this;
        }

        /**
         * Allows the degraded mode for servers without UIDL (RFC 1939 section 7): message keys become
         * {@code "sha256:" + hex(SHA-256 of the TOP n 0 bytes)}, which needs TOP and costs one TOP per message per
         * session. Identical headers get a suffix {@code ":2"}, {@code ":3"}... in server order. Default false: such
         * servers then fail with {@link org.mailaccess.UnsupportedCapabilityException} for
         * {@link org.mailaccess.Capability#PERSISTENT_IDS}.
         *
         * @param allow true to allow digest keys
         * @return this builder
         */
        public Builder allowHeaderDigestIds(boolean allow) {
            this.allowHeaderDigestIds = allow;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public Pop3Options build() {
            return new Pop3Options(this);
        }
    }
}
