package org.mailaccess;

/**
 * How {@link Folder#updateFlags} changes flags (RFC 3501 STORE {@code +FLAGS}, {@code -FLAGS}, {@code FLAGS}).
 */
public enum FlagOperation {
    /** Add the given flags, keep the others. */
    ADD,
    /** Remove the given flags, keep the others. */
    REMOVE,
    /** Replace all flags with the given ones. */
    REPLACE
}
