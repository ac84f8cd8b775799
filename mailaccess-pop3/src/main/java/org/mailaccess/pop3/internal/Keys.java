package org.mailaccess.pop3.internal;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.mailaccess.MessageKey;

/** Checks that keys handed in are POP3 keys: folder INBOX, UIDVALIDITY 0 ({@link MessageKey#pop3(String)}). */
final class Keys {

    private Keys() {
    }

    static MessageKey requirePop3(MessageKey key) {
        Objects.requireNonNull(key, "key");
        if (!MessageKey.INBOX.equalsIgnoreCase(key.folder()) || key.uidValidity() != 0) {
            throw new IllegalArgumentException("Not a POP3 message key (expected folder INBOX and uidValidity 0): "
                    + key);
        }
        return key;
    }

    static List<MessageKey> requirePop3(Collection<MessageKey> keys) {
        Objects.requireNonNull(keys, "keys");
        keys.forEach(Keys::requirePop3);
        return List.copyOf(keys);
    }
}
