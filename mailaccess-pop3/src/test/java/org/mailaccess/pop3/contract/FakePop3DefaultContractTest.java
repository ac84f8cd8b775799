package org.mailaccess.pop3.contract;

import org.mailaccess.pop3.Pop3Options;
import org.mailaccess.testkit.Pop3Profile;
import org.mailaccess.testkit.contract.ContractBackend;
import org.mailaccess.testkit.contract.MailboxSessionContract;

/** The contract against the fake POP3 server with every extension (CAPA, UIDL, TOP, PIPELINING, STLS, SASL). */
class FakePop3DefaultContractTest extends MailboxSessionContract {

    @Override
    protected ContractBackend createBackend() {
        return new Pop3Backends.Fake("fake POP3 (defaults)", Pop3Profile.defaults(), Pop3Options.defaults());
    }
}
