package org.mailaccess.testkit;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a {@link FakePop3Server} supports and advertises: an immutable value with withers, starting from
 * {@link #defaults()}.
 *
 * <p>The defaults model a modern server: CAPA (RFC 2449) listing TOP, UIDL, USER, SASL PLAIN and XOAUTH2 (RFC 5034,
 * RFC 4616), STLS (RFC 2595), PIPELINING and RESP-CODES, and no APOP. Turning a feature off both removes it from CAPA
 * and makes its command fail with {@code -ERR}, like a server that lacks it. PIPELINING only controls the
 * advertisement: the fake always reads pipelined commands correctly. By default the fake byte-stuffs message data
 * after every LF, bare or not; {@link #withDotStuffingAfterCrlfOnly()} switches to stuffing only after CRLF.
 */
public final class Pop3Profile {

    private static final List<String> KNOWN_MECHANISMS = List.of("PLAIN", "XOAUTH2");
    private static final Pop3Profile DEFAULTS =
            new Pop3Profile(true, true, true, true, true, true, true, false, KNOWN_MECHANISMS, null, -1, false);

    private final boolean capa;
    private final boolean uidl;
    private final boolean top;
    private final boolean user;
    private final boolean stls;
    private final boolean pipelining;
    private final boolean respCodes;
    private final boolean apop;
    private final List<String> saslMechanisms;
    private final String expire;
    private final int loginDelay;
    private final boolean stuffAfterCrlfOnly;

    private Pop3Profile(boolean capa, boolean uidl, boolean top, boolean user, boolean stls, boolean pipelining,
                        boolean respCodes, boolean apop, List<String> saslMechanisms, String expire, int loginDelay,
                        boolean stuffAfterCrlfOnly) {
        this.capa = capa;
        this.uidl = uidl;
        this.top = top;
        this.user = user;
        this.stls = stls;
        this.pipelining = pipelining;
        this.respCodes = respCodes;
        this.apop = apop;
        this.saslMechanisms = List.copyOf(saslMechanisms);
        this.expire = expire;
        this.loginDelay = loginDelay;
        this.stuffAfterCrlfOnly = stuffAfterCrlfOnly;
    }

    /**
     * Everything on except APOP.
     *
     * @return the default profile
     */
    public static Pop3Profile defaults() {
        return DEFAULTS;
    }

    /**
     * No CAPA command (an RFC 1939-only server): CAPA answers {@code -ERR}, so clients must probe.
     *
     * @return a new profile
     */
    public Pop3Profile withoutCapa() {
        return new Pop3Profile(false, uidl, top, user, stls, pipelining, respCodes, apop, saslMechanisms, expire,
                loginDelay, stuffAfterCrlfOnly);
    }

    /**
     * No UIDL command: UIDL answers {@code -ERR} and CAPA omits it.
     *
     * @return a new profile
     */
    public Pop3Profile withoutUidl() {
        return new Pop3Profile(capa, false, top, user, stls, pipelining, respCodes, apop, saslMechanisms, expire,
                loginDelay, stuffAfterCrlfOnly);
    }

    /**
     * No TOP command: TOP answers {@code -ERR} and CAPA omits it.
     *
     * @return a new profile
     */
    public Pop3Profile withoutTop() {
        return new Pop3Profile(capa, uidl, false, user, stls, pipelining, respCodes, apop, saslMechanisms, expire,
                loginDelay, stuffAfterCrlfOnly);
    }

    /**
     * No USER/PASS login: both answer {@code -ERR} and CAPA omits USER.
     *
     * @return a new profile
     */
    public Pop3Profile withoutUser() {
        return new Pop3Profile(capa, uidl, top, false, stls, pipelining, respCodes, apop, saslMechanisms, expire,
                loginDelay, stuffAfterCrlfOnly);
    }

    /**
     * No STLS (RFC 2595): STLS answers {@code -ERR} and CAPA omits it.
     *
     * @return a new profile
     */
    public Pop3Profile withoutStls() {
        return new Pop3Profile(capa, uidl, top, user, false, pipelining, respCodes, apop, saslMechanisms, expire,
                loginDelay, stuffAfterCrlfOnly);
    }

    /**
     * PIPELINING not advertised in CAPA.
     *
     * @return a new profile
     */
    public Pop3Profile withoutPipelining() {
        return new Pop3Profile(capa, uidl, top, user, stls, false, respCodes, apop, saslMechanisms, expire,
                loginDelay, stuffAfterCrlfOnly);
    }

    /**
     * No RESP-CODES / AUTH-RESP-CODE (RFC 2449, RFC 3206): error replies carry no {@code [AUTH]}-style codes.
     *
     * @return a new profile
     */
    public Pop3Profile withoutRespCodes() {
        return new Pop3Profile(capa, uidl, top, user, stls, pipelining, false, apop, saslMechanisms, expire,
                loginDelay, stuffAfterCrlfOnly);
    }

    /**
     * APOP enabled (RFC 1939 section 7): the greeting carries a {@code <pid.clock@host>} timestamp.
     *
     * @return a new profile
     */
    public Pop3Profile withApop() {
        return new Pop3Profile(capa, uidl, top, user, stls, pipelining, respCodes, true, saslMechanisms, expire,
                loginDelay, stuffAfterCrlfOnly);
    }

    /**
     * No AUTH command (RFC 5034): AUTH answers {@code -ERR} and CAPA has no SASL line.
     *
     * @return a new profile
     */
    public Pop3Profile withoutSasl() {
        return withSaslMechanisms();
    }

    /**
     * Only these SASL mechanisms; the fake implements PLAIN (RFC 4616) and XOAUTH2.
     *
     * @param mechanisms the mechanisms, in CAPA order; none disables AUTH
     * @return a new profile
     */
    public Pop3Profile withSaslMechanisms(String... mechanisms) {
        List<String> upper = java.util.Arrays.stream(mechanisms).map(m -> m.toUpperCase(Locale.ROOT)).toList();
        for (String mechanism : upper) {
            if (!KNOWN_MECHANISMS.contains(mechanism)) {
                throw new IllegalArgumentException("unsupported SASL mechanism: " + mechanism);
            }
        }
        return new Pop3Profile(capa, uidl, top, user, stls, pipelining, respCodes, apop, upper, expire, loginDelay,
                stuffAfterCrlfOnly);
    }

    /**
     * Advertises EXPIRE (RFC 2449 section 6.7), e.g. {@code "30"} (days) or {@code "NEVER"}. The fake never expires
     * anything; the value only tells clients what a real server would do.
     *
     * @param value a number of days or {@code NEVER}
     * @return a new profile
     */
    public Pop3Profile withExpire(String value) {
        Objects.requireNonNull(value, "value");
        if (!value.matches("[0-9]{1,9}|NEVER")) {
            throw new IllegalArgumentException("EXPIRE must be a number of days or NEVER: '" + value + "'");
        }
        return new Pop3Profile(capa, uidl, top, user, stls, pipelining, respCodes, apop, saslMechanisms, value,
                loginDelay, stuffAfterCrlfOnly);
    }

    /**
     * Advertises LOGIN-DELAY (RFC 2449 section 6.5). Advertised only: the fake does not reject early logins.
     *
     * @param seconds the minimum delay between logins
     * @return a new profile
     */
    public Pop3Profile withLoginDelay(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("login delay must not be negative: " + seconds);
        }
        return new Pop3Profile(capa, uidl, top, user, stls, pipelining, respCodes, apop, saslMechanisms, expire,
                seconds, stuffAfterCrlfOnly);
    }

    /**
     * Byte-stuffs RETR and TOP data the way RFC 1939 section 3 words it and many real servers do it: a dot is doubled
     * only at the start of the data and after CRLF, not after a bare LF. The default stuffs after every LF, which
     * keeps content with bare LF unambiguous on the wire; with this switch, message content {@code "\n..x"} and
     * content {@code "\n.x"} as the server would stuff it reach the client as the same bytes, which is what clients
     * must cope with from such servers. Multi-line protocol listings (CAPA, LIST, UIDL) are not affected: their lines
     * always end with CRLF.
     *
     * @return a new profile
     */
    public Pop3Profile withDotStuffingAfterCrlfOnly() {
        return new Pop3Profile(capa, uidl, top, user, stls, pipelining, respCodes, apop, saslMechanisms, expire,
                loginDelay, true);
    }

    /**
     * Whether dots are stuffed only after CRLF (see {@link #withDotStuffingAfterCrlfOnly()}); false means after every
     * LF, bare or not.
     *
     * @return true if bare LF is not treated as a line start
     */
    public boolean stuffsDotsAfterCrlfOnly() {
        return stuffAfterCrlfOnly;
    }

    /**
     * Whether CAPA is answered.
     *
     * @return true if supported
     */
    public boolean offersCapa() {
        return capa;
    }

    /**
     * Whether UIDL is supported.
     *
     * @return true if supported
     */
    public boolean offersUidl() {
        return uidl;
    }

    /**
     * Whether TOP is supported.
     *
     * @return true if supported
     */
    public boolean offersTop() {
        return top;
    }

    /**
     * Whether USER/PASS is accepted.
     *
     * @return true if supported
     */
    public boolean offersUser() {
        return user;
    }

    /**
     * Whether STLS is offered on plaintext connections.
     *
     * @return true if supported
     */
    public boolean offersStls() {
        return stls;
    }

    /**
     * Whether PIPELINING is advertised.
     *
     * @return true if advertised
     */
    public boolean offersPipelining() {
        return pipelining;
    }

    /**
     * Whether extended response codes are sent.
     *
     * @return true if sent
     */
    public boolean offersRespCodes() {
        return respCodes;
    }

    /**
     * Whether APOP is accepted.
     *
     * @return true if supported
     */
    public boolean offersApop() {
        return apop;
    }

    /**
     * The SASL mechanisms accepted by AUTH.
     *
     * @return the mechanisms, empty when AUTH is off
     */
    public List<String> saslMechanisms() {
        return saslMechanisms;
    }

    /**
     * The advertised EXPIRE value.
     *
     * @return the value, if set
     */
    public Optional<String> expire() {
        return Optional.ofNullable(expire);
    }

    /**
     * The advertised LOGIN-DELAY in seconds.
     *
     * @return the delay, if set
     */
    public OptionalInt loginDelay() {
        return loginDelay < 0 ? OptionalInt.empty() : OptionalInt.of(loginDelay);
    }

    /**
     * Lists the enabled features.
     *
     * @return a description for test failure messages
     */
    @Override
    public String toString() {
        return "Pop3Profile[capa=" + capa + ", uidl=" + uidl + ", top=" + top + ", user=" + user + ", stls=" + stls
                + ", pipelining=" + pipelining + ", respCodes=" + respCodes + ", apop=" + apop + ", sasl="
                + saslMechanisms + ", expire=" + expire + ", loginDelay=" + loginDelay() + ", stuffAfterCrlfOnly="
                + stuffAfterCrlfOnly + "]";
    }
}
