package org.mailaccess;

/**
 * Marker for the typed, immutable options of one protocol module (for example {@code Pop3Options}), registered with
 * {@link MailboxClient.Builder#options(ProtocolOptions)}. Unlike a bag of string properties, a typo does not compile.
 */
public interface ProtocolOptions {
}
