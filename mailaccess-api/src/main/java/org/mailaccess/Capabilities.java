package org.mailaccess;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a session can do, in two layers: the neutral {@link Capability} features, and the raw capability tokens the
 * server advertised (POP3 CAPA lines such as {@code "EXPIRE 30"}, RFC 2449; IMAP atoms such as {@code "AUTH=PLAIN"},
 * RFC 3501). Tokens are kept as sent, only upper-cased.
 *
 * @param features     the neutral features
 * @param serverTokens the raw tokens, upper-cased
 */
public record Capabilities(Set<Capability> features, Set<String> serverTokens) {

    /**
     * Copies both sets into immutable ones, upper-casing every token with {@link Locale#ROOT}.
     *
     * @param features     the neutral features the session offers; may be empty
     * @param serverTokens the capability tokens exactly as the server advertised them (POP3 CAPA lines, RFC 2449;
     *                     IMAP CAPABILITY atoms, RFC 3501 section 7.2.1); upper-cased here, order kept
     * @throws NullPointerException when either set is null
     */
    public Capabilities {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(serverTokens, "serverTokens");
        features = features.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.noneOf(Capability.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(features));
        Set<String> tokens = new LinkedHashSet<>();
        for (String t : serverTokens) {
            tokens.add(t.toUpperCase(Locale.ROOT));
        }
        serverTokens = Collections.unmodifiableSet(tokens);
    }

    /**
     * Whether the session offers a feature.
     *
     * @param capability the feature
     * @return true when offered
     */
    public boolean has(Capability capability) {
        return features.contains(capability);
    }

    /**
     * Fails unless the session offers a feature; call before sending anything.
     *
     * @param capability the feature
     * @throws UnsupportedCapabilityException when the feature is missing
     */
    public void require(Capability capability) {
        if (!has(capability)) {
            throw new UnsupportedCapabilityException(capability);
        }
    }

    /**
     * Whether the server advertised a token, compared case-insensitively. For POP3 only the keyword of a CAPA line is
     * compared ({@code hasToken("EXPIRE")} is true for {@code "EXPIRE 30"}).
     *
     * @param token the token, e.g. {@code "IDLE"}, {@code "AUTH=PLAIN"}, {@code "UIDL"}
     * @return true when advertised
     */
    public boolean hasToken(String token) {
        String wanted = token.toUpperCase(Locale.ROOT);
        for (String t : serverTokens) {
            if (t.equals(wanted) || t.startsWith(wanted + " ")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The argument of a POP3 capability line ({@code "EXPIRE 30"} gives {@code "30"}, RFC 2449 section 6) or of an IMAP
     * parameterised token ({@code "APPENDLIMIT=1000"} gives {@code "1000"}).
     *
     * @param name the keyword, case-insensitive
     * @return the argument, if the server advertised one
     */
    public Optional<String> tokenArgument(String name) {
        String wanted = name.toUpperCase(Locale.ROOT);
        for (String t : serverTokens) {
            if (t.startsWith(wanted + " ") || t.startsWith(wanted + "=")) {
                return Optional.of(t.substring(wanted.length() + 1).trim());
            }
        }
        return Optional.empty();
    }
}
