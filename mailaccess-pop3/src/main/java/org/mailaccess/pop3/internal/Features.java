package org.mailaccess.pop3.internal;

import java.util.EnumSet;
import java.util.Set;
import org.mailaccess.Capabilities;
import org.mailaccess.Capability;

/**
 * What this session may use, learned after TLS and login: from CAPA (RFC 2449), and by probing UIDL and TOP when CAPA
 * does not list them.
 *
 * @param capa       the CAPA lines learned after login (before login when the server refused CAPA afterwards)
 * @param uidl       whether UIDL works (RFC 1939 section 7)
 * @param top        whether TOP works (RFC 1939 section 7)
 * @param pipelining whether the server advertises PIPELINING and the options allow it (RFC 2449 section 6.6)
 * @param batchSize  commands per flush: the configured batch size when pipelining, 1 otherwise
 */
record Features(CapaLines capa, boolean uidl, boolean top, boolean pipelining, int batchSize) {

    /**
     * The neutral view. POP3 never has folders, flags, quota, search, push, move or append; the rest follows the
     * server.
     */
    Capabilities capabilities() {
        Set<Capability> features = EnumSet.noneOf(Capability.class);
        if (top) {
            features.add(Capability.HEADERS_PREVIEW);
        }
        if (uidl) {
            features.add(Capability.PERSISTENT_IDS);
        }
        if (pipelining) {
            features.add(Capability.PIPELINING);
        }
        return new Capabilities(features, new java.util.LinkedHashSet<>(capa.lines()));
    }
}
