package org.mailaccess;

import java.util.Objects;

/**
 * One header field (RFC 5322 section 2.2), unfolded, with RFC 2047 encoded words decoded in {@code value}.
 *
 * @param name     the field name as sent
 * @param value    the unfolded value with encoded words decoded
 * @param rawValue the unfolded value exactly as sent (undecoded)
 */
public record HeaderField(String name, String value, String rawValue) {

    /**
     * Validates that no part is null.
     *
     * @param name     the field name as sent, case preserved, such as {@code Subject} (compare it
     *                 case-insensitively)
     * @param value    the value unfolded (line breaks of continuation lines removed) and trimmed, with RFC 2047
     *                 encoded words decoded to Unicode
     * @param rawValue the value unfolded and trimmed but otherwise exactly as sent, encoded words left as they are
     * @throws NullPointerException when a part is null
     */
    public HeaderField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(rawValue, "rawValue");
    }
}
