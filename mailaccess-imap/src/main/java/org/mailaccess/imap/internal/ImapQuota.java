package org.mailaccess.imap.internal;

import java.util.ArrayList;
import java.util.List;
import org.mailaccess.Capability;
import org.mailaccess.Quota;
import org.mailaccess.UnsupportedCapabilityException;

/** GETQUOTAROOT (RFC 9208 section 4.3): the quotas of the roots a folder belongs to. */
final class ImapQuota {

    private ImapQuota() {
    }

    static List<Quota> quota(ImapConnection c, String folder) {
        if (!c.capabilities().has(Capability.QUOTA)) {
            throw new UnsupportedCapabilityException(Capability.QUOTA);
        }
        jakarta.mail.Quota[] roots = c.call("GETQUOTAROOT", p -> p.getQuotaRoot(folder));
        List<Quota> out = new ArrayList<>();
        if (roots == null) {
            return out;
        }
        for (jakarta.mail.Quota q : roots) {
            List<Quota.Resource> resources = new ArrayList<>();
            if (q.resources != null) {
                for (jakarta.mail.Quota.Resource r : q.resources) {
                    resources.add(new Quota.Resource(r.name, r.usage, r.limit));
                }
            }
            out.add(new Quota(q.quotaRoot == null ? "" : q.quotaRoot, resources));
        }
        return out;
    }
}
