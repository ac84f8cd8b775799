package org.mailaccess.imap.contract;

import org.mailaccess.testkit.contract.ContractBackend;
import org.mailaccess.testkit.contract.MailboxSessionContract;

/** The contract against GreenMail's IMAP server, an independent implementation (one instance for the class). */
class GreenMailImapContractTest extends MailboxSessionContract {

    @Override
    protected ContractBackend createBackend() {
        return new ImapBackends.Green();
    }
}
