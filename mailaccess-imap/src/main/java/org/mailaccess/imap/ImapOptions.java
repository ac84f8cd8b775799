package org.mailaccess.imap;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.mailaccess.DeleteMode;
import org.mailaccess.ProtocolOptions;

/**
 * Typed, immutable settings of the IMAP module (RFC 3501 / RFC 9051), registered with
 * {@link org.mailaccess.MailboxClient.Builder#options(ProtocolOptions)}. Unset, {@link #defaults()} apply.
 *
 * <pre>{@code
 * MailboxClient client = MailboxClient.builder()
 *         .options(ImapOptions.builder().idleRenewInterval(Duration.ofMinutes(5))
 *                 .disabledExtensions(Set.of("MOVE")).build())
 *         .build();
 * }</pre>
 *
 * <p><b>Safety limits.</b> A hostile or broken server can announce a literal of any size ({@code {2000000000}});
 * the underlying Angus Mail parser would allocate a buffer of that size before reading a byte. Every byte from the
 * server therefore passes a filter that closes the session with a
 * {@link org.mailaccess.ProtocolViolationException} when a literal is larger than {@link #maxLiteralSize()}, a line
 * longer than {@link #maxLineLength()}, one response larger than both together, or parentheses nested deeper than
 * {@value #MAX_NESTING}; and, since the parser keeps every untagged response of a command until its tagged one
 * arrives (RFC 3501 section 2.2.2), when one command draws more than {@link #maxResponsesPerCommand()} untagged
 * responses or more than {@link #maxOctetsPerCommand()} octets of them. The literal cap does not limit message size: message bodies are streamed in partial fetches
 * of {@link #fetchChunkSize()} octets (RFC 3501 section 6.4.5, {@code BODY.PEEK[]<origin.count>}), so every literal
 * stays small however large the message is. A server that ignores the partial range and sends a whole large message
 * at once (a known Exchange bug) is stopped by the cap instead of exhausting the heap.
 */
public final class ImapOptions implements ProtocolOptions {

    /** The deepest nesting of parentheses accepted in one response (Dovecot stops at 100; we are lenient). */
    public static final int MAX_NESTING = 256;

    /** Without an explicit {@link Builder#maxOctetsPerCommand}, one command may draw this many literal caps. */
    private static final long DEFAULT_OCTETS_FACTOR = 4;
    /** Heap allowed per untagged response by default: a parsed response costs a few hundred bytes. */
    private static final long HEAP_PER_RESPONSE = 1024;
    private static final long MIN_DEFAULT_RESPONSES = 20_000;
    private static final long MAX_DEFAULT_RESPONSES = 1_000_000;

    private static final ImapOptions DEFAULTS = builder().build();

    private final DeleteMode defaultDeleteMode;
    private final Duration idleRenewInterval;
    private final Duration pollInterval;
    private final long maxLiteralSize;
    private final int maxLineLength;
    private final int fetchBatchSize;
    private final int fetchChunkSize;
    private final Set<String> disabledExtensions;
    private final Duration reconnectBackoffMax;
    private final int maxResponsesPerCommand;
    // 0 when derived from the heap size.
    private final int responsesSetting;
    private final long maxOctetsPerCommand;
    // 0 when derived from the literal cap, so that toBuilder().maxLiteralSize(...) keeps deriving it.
    private final long octetsSetting;

    private ImapOptions(Builder b) {
        this.responsesSetting = b.maxResponsesPerCommand;
        this.maxResponsesPerCommand = b.maxResponsesPerCommand > 0 ? b.maxResponsesPerCommand
                : (int) Math.min(MAX_DEFAULT_RESPONSES, Math.max(MIN_DEFAULT_RESPONSES,
                        Runtime.getRuntime().maxMemory() / HEAP_PER_RESPONSE));
        this.octetsSetting = b.maxOctetsPerCommand;
        this.maxOctetsPerCommand = b.maxOctetsPerCommand > 0 ? b.maxOctetsPerCommand
                : DEFAULT_OCTETS_FACTOR * b.maxLiteralSize;
        this.defaultDeleteMode = b.defaultDeleteMode;
        this.idleRenewInterval = b.idleRenewInterval;
        this.pollInterval = b.pollInterval;
        this.maxLiteralSize = b.maxLiteralSize;
        this.maxLineLength = b.maxLineLength;
        this.fetchBatchSize = b.fetchBatchSize;
        this.fetchChunkSize = b.fetchChunkSize;
        this.disabledExtensions = Collections.unmodifiableSet(new LinkedHashSet<>(b.disabledExtensions));
        this.reconnectBackoffMax = b.reconnectBackoffMax;
    }

    /**
     * The defaults: delete to Trash if present, IDLE renewed every 9 minutes, NOOP polling every 60 s, literals up to
     * 64 MiB, lines up to 8 MiB, 1,000 messages per FETCH, 1 MiB body chunks, no extension disabled, reconnect backoff
     * up to 60 s.
     *
     * @return the default options
     */
    public static ImapOptions defaults() {
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
        b.defaultDeleteMode = defaultDeleteMode;
        b.idleRenewInterval = idleRenewInterval;
        b.pollInterval = pollInterval;
        b.maxLiteralSize = maxLiteralSize;
        b.maxLineLength = maxLineLength;
        b.maxResponsesPerCommand = responsesSetting;
        b.maxOctetsPerCommand = octetsSetting;
        b.fetchBatchSize = fetchBatchSize;
        b.fetchChunkSize = fetchChunkSize;
        b.disabledExtensions.addAll(disabledExtensions);
        b.reconnectBackoffMax = reconnectBackoffMax;
        return b;
    }

    /**
     * How {@link org.mailaccess.Folder#delete(java.util.Collection)} deletes.
     *
     * @return the mode, {@link DeleteMode#TRASH_IF_PRESENT} by default
     */
    public DeleteMode defaultDeleteMode() {
        return defaultDeleteMode;
    }

    /**
     * How long one IDLE command lasts before the watch ends it with DONE and issues it again. RFC 2177 asks for less
     * than 29 minutes; Gmail and Microsoft 365 drop idle clients after about 10, hence 9 minutes by default.
     *
     * @return the interval
     */
    public Duration idleRenewInterval() {
        return idleRenewInterval;
    }

    /**
     * How often a watch sends NOOP when the server has no IDLE.
     *
     * @return the interval
     */
    public Duration pollInterval() {
        return pollInterval;
    }

    /**
     * The largest literal accepted from the server, in octets.
     *
     * @return the cap
     */
    public long maxLiteralSize() {
        return maxLiteralSize;
    }

    /**
     * The longest line accepted from the server, in octets, literals excluded. A {@code SEARCH} response over a
     * million messages is about 7 MB, hence 8 MiB by default.
     *
     * @return the cap
     */
    public int maxLineLength() {
        return maxLineLength;
    }

    /**
     * The most untagged responses one command may draw before its tagged response (RFC 3501 section 2.2.2); more
     * ends the session with a {@link org.mailaccess.ProtocolViolationException}. One parsed response costs a few
     * hundred bytes of heap, so by default the cap follows the heap: one response per KiB of
     * {@link Runtime#maxMemory()}, at least 20,000 and at most 1,000,000 (32,768 for a 32 MiB heap, 524,288 for
     * 512 MiB). Listings fetch {@link #fetchBatchSize()} messages per command; a watch's resynchronisation and an
     * expunge of many messages draw one response per message.
     *
     * @return the cap
     */
    public int maxResponsesPerCommand() {
        return maxResponsesPerCommand;
    }

    /**
     * The most octets of untagged responses one command may draw before its tagged response. By default four times
     * {@link #maxLiteralSize()}: a batch of {@link #fetchBatchSize()} header listings fits easily.
     *
     * @return the cap
     */
    public long maxOctetsPerCommand() {
        return maxOctetsPerCommand;
    }

    /**
     * How many messages one {@code UID FETCH} of a listing covers.
     *
     * @return the batch size
     */
    public int fetchBatchSize() {
        return fetchBatchSize;
    }

    /**
     * How many octets one partial {@code BODY.PEEK[]<origin.count>} fetch asks for while a body is streamed.
     *
     * @return the chunk size
     */
    public int fetchChunkSize() {
        return fetchChunkSize;
    }

    /**
     * Server capabilities to ignore as if not advertised, upper-case (for example {@code MOVE}, {@code IDLE},
     * {@code CONDSTORE}): a work-around for servers that advertise an extension they implement badly.
     *
     * @return the masked capability atoms
     */
    public Set<String> disabledExtensions() {
        return disabledExtensions;
    }

    /**
     * The longest wait between two reconnection attempts of a watch (the wait doubles from one second up to this).
     *
     * @return the cap
     */
    public Duration reconnectBackoffMax() {
        return reconnectBackoffMax;
    }

    @Override
    public String toString() {
        return "ImapOptions[defaultDeleteMode=" + defaultDeleteMode + ", idleRenewInterval=" + idleRenewInterval
                + ", pollInterval=" + pollInterval + ", maxLiteralSize=" + maxLiteralSize + ", maxLineLength="
                + maxLineLength + ", fetchBatchSize=" + fetchBatchSize + ", fetchChunkSize=" + fetchChunkSize
                + ", disabledExtensions=" + disabledExtensions + ", reconnectBackoffMax=" + reconnectBackoffMax
                + ", maxResponsesPerCommand=" + maxResponsesPerCommand + ", maxOctetsPerCommand="
                + maxOctetsPerCommand + "]";
    }

    /** Collects settings for {@link ImapOptions}. Not thread-safe. */
    public static final class Builder {
        private DeleteMode defaultDeleteMode = DeleteMode.TRASH_IF_PRESENT;
        private Duration idleRenewInterval = Duration.ofMinutes(9);
        private Duration pollInterval = Duration.ofSeconds(60);
        private long maxLiteralSize = 64L * 1024 * 1024;
        private int maxLineLength = 8 * 1024 * 1024;
        private int fetchBatchSize = 1000;
        private int maxResponsesPerCommand;
        private long maxOctetsPerCommand;
        private int fetchChunkSize = 1024 * 1024;
        private final Set<String> disabledExtensions = new LinkedHashSet<>();
        private Duration reconnectBackoffMax = Duration.ofSeconds(60);

        private Builder() {
        }

        /**
         * Sets how {@code delete(keys)} deletes.
         *
         * @param mode the mode
         * @return this builder
         */
        public Builder defaultDeleteMode(DeleteMode mode) {
            this.defaultDeleteMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Sets the IDLE renewal interval (RFC 2177: below 29 minutes).
         *
         * @param interval between 100 ms and 29 minutes
         * @return this builder
         */
        public Builder idleRenewInterval(Duration interval) {
            this.idleRenewInterval = within(interval, Duration.ofMillis(100), Duration.ofMinutes(29));
            return this;
        }

        /**
         * Sets the NOOP polling interval used when the server has no IDLE.
         *
         * @param interval between 100 ms and one hour
         * @return this builder
         */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = within(interval, Duration.ofMillis(100), Duration.ofHours(1));
            return this;
        }

        /**
         * Sets the largest literal accepted from the server.
         *
         * @param octets at least 1 KiB, at most {@link Integer#MAX_VALUE} - 1024
         * @return this builder
         */
        public Builder maxLiteralSize(long octets) {
            if (octets < 1024 || octets > Integer.MAX_VALUE - 1024) {
                throw new IllegalArgumentException("maxLiteralSize out of range: " + octets);
            }
            this.maxLiteralSize = octets;
            return this;
        }

        /**
         * Sets the longest line accepted from the server.
         *
         * @param octets at least 1 KiB
         * @return this builder
         */
        public Builder maxLineLength(int octets) {
            if (octets < 1024) {
                throw new IllegalArgumentException("maxLineLength must be at least 1024: " + octets);
            }
            this.maxLineLength = octets;
            return this;
        }

        /**
         * Sets the most untagged responses one command may draw before its tagged response.
         *
         * @param responses at least 1,000
         * @return this builder
         */
        public Builder maxResponsesPerCommand(int responses) {
            if (responses < 1000) {
                throw new IllegalArgumentException("maxResponsesPerCommand must be at least 1000: " + responses);
            }
            this.maxResponsesPerCommand = responses;
            return this;
        }

        /**
         * Sets the most octets of untagged responses one command may draw before its tagged response.
         *
         * @param octets at least {@link #maxLiteralSize(long) maxLiteralSize} plus
         *               {@link #maxLineLength(int) maxLineLength} (checked by {@link #build()}), so that one response
         *               within the other limits always fits
         * @return this builder
         */
        public Builder maxOctetsPerCommand(long octets) {
            if (octets < 1) {
                throw new IllegalArgumentException("maxOctetsPerCommand must be positive: " + octets);
            }
            this.maxOctetsPerCommand = octets;
            return this;
        }

        /**
         * Sets how many messages one listing FETCH covers.
         *
         * @param messages 1 to 10,000
         * @return this builder
         */
        public Builder fetchBatchSize(int messages) {
            if (messages < 1 || messages > 10_000) {
                throw new IllegalArgumentException("fetchBatchSize out of range: " + messages);
            }
            this.fetchBatchSize = messages;
            return this;
        }

        /**
         * Sets the partial-fetch chunk size used to stream bodies; it must fit under the literal cap.
         *
         * @param octets 1 KiB to 16 MiB
         * @return this builder
         */
        public Builder fetchChunkSize(int octets) {
            if (octets < 1024 || octets > 16 * 1024 * 1024) {
                throw new IllegalArgumentException("fetchChunkSize out of range: " + octets);
            }
            this.fetchChunkSize = octets;
            return this;
        }

        /**
         * Sets server capabilities to ignore, such as {@code MOVE}, {@code IDLE}, {@code CONDSTORE}, {@code QRESYNC},
         * {@code UIDPLUS}, {@code SPECIAL-USE}, {@code QUOTA} or {@code LITERAL+}.
         *
         * @param extensions the capability atoms, case-insensitive
         * @return this builder
         */
        public Builder disabledExtensions(Set<String> extensions) {
            disabledExtensions.clear();
            for (String e : extensions) {
                disabledExtensions.add(e.toUpperCase(Locale.ROOT));
            }
            return this;
        }

        /**
         * Sets the longest wait between reconnection attempts of a watch.
         *
         * @param max between 100 ms and one hour
         * @return this builder
         */
        public Builder reconnectBackoffMax(Duration max) {
            this.reconnectBackoffMax = within(max, Duration.ofMillis(100), Duration.ofHours(1));
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         * @throws IllegalArgumentException when the chunk size does not fit under the literal cap, or one response
         *                                  within the limits would not fit under the per-command octet cap
         */
        public ImapOptions build() {
            if (fetchChunkSize > maxLiteralSize) {
                throw new IllegalArgumentException("fetchChunkSize must not exceed maxLiteralSize");
            }
            if (maxOctetsPerCommand > 0 && maxOctetsPerCommand < maxLiteralSize + maxLineLength) {
                throw new IllegalArgumentException("maxOctetsPerCommand must be at least maxLiteralSize + maxLineLength");
            }
            return new ImapOptions(this);
        }

        private static Duration within(Duration d, Duration min, Duration max) {
            Objects.requireNonNull(d, "interval");
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw new IllegalArgumentException("must be between " + min + " and " + max + ": " + d);
            }
            return d;
        }
    }
}
