package org.mailaccess;

import java.util.Objects;
import java.util.Optional;

/**
 * A mailbox from an address header (RFC 5322 section 3.4), with its display name decoded from RFC 2047 encoded words.
 *
 * @param displayName the decoded display name, if any
 * @param address     the addr-spec, such as {@code ann@example.org}
 */
public record EmailAddress(Optional<String> displayName, String address) {

    /**
     * Validates that neither part is null.
     *
     * @param displayName the display name with RFC 2047 encoded words already decoded, such as {@code Ann Smith};
     *                    empty when the header gave only the address
     * @param address     the addr-spec {@code local-part@domain} (RFC 5322 section 3.4.1), such as
     *                    {@code ann@example.org}, without angle brackets
     * @throws NullPointerException when either part is null
     */
    public EmailAddress {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(address, "address");
    }

    @Override
    public String toString() {
        return displayName.map(n -> n + " <" + address + ">").orElse(address);
    }
}
