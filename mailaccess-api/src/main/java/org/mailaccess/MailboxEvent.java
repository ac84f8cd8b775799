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
        /** Copies the list. */
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
        /** Copies the set. */
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
        /** Validates the parts. */
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
