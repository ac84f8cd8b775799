package org.mailaccess.pop3.contract;

import org.mailaccess.pop3.Pop3Options;
import org.mailaccess.testkit.Pop3Profile;
import org.mailaccess.testkit.contract.ContractBackend;
import org.mailaccess.testkit.contract.MailboxSessionContract;

/** The contract against a fake POP3 server without TOP and PIPELINING: no header previews, one command at a time. */
class FakePop3NoTopNoPipeliningContractTest extends MailboxSessionContract {

    @Override
    protected ContractBackend createBackend() {
        return new Pop3Backends.Fake("fake POP3 (no TOP, no PIPELINING)",
                Pop3Profile.defaults().withoutTop().withoutPipelining(), Pop3Options.defaults());
    }
}
