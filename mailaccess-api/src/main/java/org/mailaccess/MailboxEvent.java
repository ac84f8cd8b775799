package org.mailaccess;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link Watch} reports about a watched folder.
 */
public sealed interface MailboxEvent {

    /**
     * New messages arrived (IMAP EXISTS during IDLE, RFC 2177), including those that arrived while the watch was
     * reconnecting.
     *
     * @param keys the new messages
     */
    record NewMessages(List<MessageKey> keys) implements MailboxEvent {
        /**
         * Copies the list into an immutable one.
         *
         * @param keys the keys of the messages that arrived, in the order the server lists them
         * @throws NullPointerException when the list or one of its keys is null
         */
        public NewMessages {
            keys = List.copyOf(keys);
        }
    }

    /**
     * Messages were expunged (IMAP EXPUNGE or VANISHED).
     *
     * @param keys the removed messages, when known by UID
     */
    record Expunged(Set<MessageKey> keys) implements MailboxEvent {
        /**
         * Copies the set into an immutable one.
         *
         * @param keys the keys of the messages the server removed, in no particular order (the watch translates the
         *             sequence numbers of EXPUNGE responses into keys itself)
         * @throws NullPointerException when the set or one of its keys is null
         */
        public Expunged {
            keys = Set.copyOf(keys);
        }
    }

    /**
     * A message's flags changed (an untagged FETCH FLAGS).
     *
     * @param key   the message
     * @param flags its flags now
     */
    record FlagsChanged(MessageKey key, Flags flags) implements MailboxEvent {
        /**
         * Validates the parts.
         *
         * @param key   the message whose flags changed
         * @param flags all of its flags now (not only the changed ones)
         * @throws NullPointerException when either part is null
         */
        public FlagsChanged {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(flags, "flags");
        }
    }

    /**
     * The connection was lost and the watch is reconnecting; no event is lost, what arrives meanwhile is reported
     * after reconnecting.
     *
     * @param cause what happened
     */
    record Disconnected(MailAccessException cause) implements MailboxEvent { }

    /**
     * The watch is (again) connected and listening.
     *
     * @param push true when the server pushes (IDLE), false when the watch polls with NOOP
     */
    record Listening(boolean push) implements MailboxEvent { }
}
