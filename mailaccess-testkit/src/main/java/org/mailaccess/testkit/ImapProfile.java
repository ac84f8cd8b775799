package org.mailaccess.testkit;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a {@link FakeImapServer} supports and advertises: an immutable value with withers, starting from
 * {@link #defaults()}.
 *
 * <p>The defaults model a modern server such as Dovecot: IMAP4rev1 (RFC 3501) with STARTTLS, AUTH=PLAIN (RFC 4616)
 * and AUTH=XOAUTH2 (token = password) with SASL-IR (RFC 4959), LITERAL+ (RFC 7888), IDLE (RFC 2177), MOVE (RFC 6851),
 * UIDPLUS (RFC 4315), QUOTA (RFC 9208), SPECIAL-USE (RFC 6154) with LIST-EXTENDED (RFC 5258), CONDSTORE and QRESYNC
 * (RFC 7162), ENABLE (RFC 5161), NAMESPACE (RFC 2342), UNSELECT (RFC 3691), ID (RFC 2971), CHILDREN (RFC 3348) and
 * STATUS=SIZE (RFC 8438). Turning a feature off removes it from CAPABILITY and makes its command answer {@code BAD},
 * like a server that lacks it.
 */
public final class ImapProfile {

    /** Switchable features; their names are not part of the API. */
    enum Feature {
        STARTTLS, LOGIN_DISABLED, PREAUTH, LITERAL_PLUS, IDLE, MOVE, UIDPLUS, QUOTA, SPECIAL_USE, CONDSTORE, QRESYNC,
        ENABLE, NAMESPACE, STATUS_SIZE, DEFAULT_FOLDERS, SASL
    }

    private static final ImapProfile DEFAULTS = new ImapProfile(EnumSet.complementOf(
            EnumSet.of(Feature.LOGIN_DISABLED, Feature.PREAUTH)));

    private final Set<Feature> features;

    private ImapProfile(Set<Feature> features) {
        this.features = Set.copyOf(features);
    }

    /**
     * Everything on; no LOGINDISABLED, no PREAUTH.
     *
     * @return the default profile
     */
    public static ImapProfile defaults() {
        return DEFAULTS;
    }

    private ImapProfile without(Feature... removed) {
        EnumSet<Feature> set = features.isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(features);
        List.of(removed).forEach(set::remove);
        return new ImapProfile(set);
    }

    private ImapProfile with(Feature added) {
        EnumSet<Feature> set = features.isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(features);
        set.add(added);
        return new ImapProfile(set);
    }

    boolean has(Feature feature) {
        return features.contains(feature);
    }

    /**
     * No STARTTLS (RFC 3501 section 6.2.1) on the plaintext listener.
     *
     * @return a new profile
     */
    public ImapProfile withoutStarttls() {
        return without(Feature.STARTTLS);
    }

    /**
     * LOGINDISABLED before TLS (RFC 3501 section 6.2.3): no LOGIN and no AUTHENTICATE until STARTTLS.
     *
     * @return a new profile
     */
    public ImapProfile withLoginDisabled() {
        return with(Feature.LOGIN_DISABLED);
    }

    /**
     * Greets with {@code * PREAUTH} (RFC 3501 section 7.1.4), authenticated as the first user added, for
     * STARTTLS-downgrade tests (PITFALLS S2): a client that requires STARTTLS must not go on.
     *
     * @return a new profile
     */
    public ImapProfile preauth() {
        return with(Feature.PREAUTH);
    }

    /**
     * No LITERAL+ (RFC 7888): non-synchronizing literals are still read, but not advertised.
     *
     * @return a new profile
     */
    public ImapProfile withoutLiteralPlus() {
        return without(Feature.LITERAL_PLUS);
    }

    /**
     * No IDLE (RFC 2177).
     *
     * @return a new profile
     */
    public ImapProfile withoutIdle() {
        return without(Feature.IDLE);
    }

    /**
     * No MOVE (RFC 6851); clients must fall back to COPY, STORE and EXPUNGE.
     *
     * @return a new profile
     */
    public ImapProfile withoutMove() {
        return without(Feature.MOVE);
    }

    /**
     * No UIDPLUS (RFC 4315): no UID EXPUNGE, APPENDUID or COPYUID.
     *
     * @return a new profile
     */
    public ImapProfile withoutUidplus() {
        return without(Feature.UIDPLUS);
    }

    /**
     * No QUOTA (RFC 9208).
     *
     * @return a new profile
     */
    public ImapProfile withoutQuota() {
        return without(Feature.QUOTA);
    }

    /**
     * No SPECIAL-USE (RFC 6154): LIST shows no role attributes, so clients must guess folder roles by name.
     *
     * @return a new profile
     */
    public ImapProfile withoutSpecialUse() {
        return without(Feature.SPECIAL_USE);
    }

    /**
     * No CONDSTORE (RFC 7162), and therefore no QRESYNC either.
     *
     * @return a new profile
     */
    public ImapProfile withoutCondstore() {
        return without(Feature.CONDSTORE, Feature.QRESYNC);
    }

    /**
     * No QRESYNC (RFC 7162 section 3.2); CONDSTORE stays.
     *
     * @return a new profile
     */
    public ImapProfile withoutQresync() {
        return without(Feature.QRESYNC);
    }

    /**
     * No ENABLE (RFC 5161); CONDSTORE can still be enabled by SELECT (CONDSTORE) or a MODSEQ fetch.
     *
     * @return a new profile
     */
    public ImapProfile withoutEnable() {
        return without(Feature.ENABLE);
    }

    /**
     * No NAMESPACE (RFC 2342).
     *
     * @return a new profile
     */
    public ImapProfile withoutNamespace() {
        return without(Feature.NAMESPACE);
    }

    /**
     * No STATUS=SIZE (RFC 8438).
     *
     * @return a new profile
     */
    public ImapProfile withoutStatusSize() {
        return without(Feature.STATUS_SIZE);
    }

    /**
     * No AUTHENTICATE (RFC 3501 section 6.2.2) at all: LOGIN only.
     *
     * @return a new profile
     */
    public ImapProfile withoutSasl() {
        return without(Feature.SASL);
    }

    /**
     * New users get only INBOX instead of INBOX, Sent, Drafts, Trash, Junk and Archive.
     *
     * @return a new profile
     */
    public ImapProfile withoutDefaultFolders() {
        return without(Feature.DEFAULT_FOLDERS);
    }

    /**
     * Whether STARTTLS is offered on a plaintext listener.
     *
     * @return true if offered
     */
    public boolean offersStarttls() {
        return has(Feature.STARTTLS);
    }

    /**
     * The capabilities advertised in a given state (RFC 3501 section 7.2.1): before login only what a client needs to
     * log in; after login, the extensions too, as Dovecot does.
     *
     * @param tls           whether TLS is active
     * @param authenticated whether the session is logged in
     * @return the capability atoms, in advertising order
     */
    public List<String> capabilities(boolean tls, boolean authenticated) {
        List<String> caps = new java.util.ArrayList<>(List.of("IMAP4rev1"));
        add(caps, Feature.LITERAL_PLUS, "LITERAL+");
        add(caps, Feature.SASL, "SASL-IR");
        caps.add("ID");
        add(caps, Feature.ENABLE, "ENABLE");
        add(caps, Feature.IDLE, "IDLE");
        if (!authenticated) {
            if (has(Feature.STARTTLS) && !tls) {
                caps.add("STARTTLS");
            }
            if (has(Feature.LOGIN_DISABLED) && !tls) {
                caps.add("LOGINDISABLED");
            } else if (has(Feature.SASL)) {
                caps.add("AUTH=PLAIN");
                caps.add("AUTH=XOAUTH2");
            }
            return caps;
        }
        add(caps, Feature.NAMESPACE, "NAMESPACE");
        caps.addAll(List.of("UNSELECT", "CHILDREN", "LIST-EXTENDED"));
        add(caps, Feature.SPECIAL_USE, "SPECIAL-USE");
        add(caps, Feature.MOVE, "MOVE");
        add(caps, Feature.UIDPLUS, "UIDPLUS");
        if (has(Feature.QUOTA)) {
            caps.addAll(List.of("QUOTA", "QUOTA=RES-STORAGE", "QUOTA=RES-MESSAGE"));
        }
        add(caps, Feature.CONDSTORE, "CONDSTORE");
        add(caps, Feature.QRESYNC, "QRESYNC");
        add(caps, Feature.STATUS_SIZE, "STATUS=SIZE");
        return caps;
    }

    private void add(List<String> caps, Feature feature, String atom) {
        if (has(feature)) {
            caps.add(atom);
        }
    }

    /**
     * Equal when the same features are on.
     *
     * @param other the other object
     * @return whether both profiles are the same
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof ImapProfile that && features.equals(that.features);
    }

    /**
     * Consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return features.hashCode();
    }

    /**
     * Lists the features that are on.
     *
     * @return a description
     */
    @Override
    public String toString() {
        return "ImapProfile" + features.stream().map(Enum::name).sorted().collect(Collectors.toList());
    }
}
