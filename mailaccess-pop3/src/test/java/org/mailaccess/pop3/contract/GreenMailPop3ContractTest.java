package org.mailaccess.pop3.contract;

import org.mailaccess.testkit.contract.ContractBackend;
import org.mailaccess.testkit.contract.MailboxSessionContract;

/** The contract against GreenMail's POP3 server, an independent implementation (one instance for the class). */
class GreenMailPop3ContractTest extends MailboxSessionContract {

    @Override
    protected ContractBackend createBackend() {
        return new Pop3Backends.Green();
    }
}
