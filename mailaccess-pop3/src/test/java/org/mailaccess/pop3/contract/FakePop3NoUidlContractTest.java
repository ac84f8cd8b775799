package org.mailaccess.pop3.contract;

import org.mailaccess.pop3.Pop3Options;
import org.mailaccess.testkit.Pop3Profile;
import org.mailaccess.testkit.contract.ContractBackend;
import org.mailaccess.testkit.contract.MailboxSessionContract;

/**
 * The contract against a fake POP3 server without UIDL, in the client's explicit degraded mode (keys from a digest of
 * the headers): no PERSISTENT_IDS, everything else must still hold.
 */
class FakePop3NoUidlContractTest extends MailboxSessionContract {

    @Override
    protected ContractBackend createBackend() {
        return new Pop3Backends.Fake("fake POP3 (no UIDL, header-digest keys)", Pop3Profile.defaults().withoutUidl(),
                Pop3Options.builder().allowHeaderDigestIds(true).build());
    }
}
