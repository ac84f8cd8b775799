package org.mailaccess.imap.contract;

import org.mailaccess.testkit.ImapProfile;
import org.mailaccess.testkit.contract.ContractBackend;
import org.mailaccess.testkit.contract.MailboxSessionContract;

/** The contract against the fake IMAP server with every extension (IDLE, MOVE, UIDPLUS, CONDSTORE, QUOTA...). */
class FakeImapDefaultContractTest extends MailboxSessionContract {

    @Override
    protected ContractBackend createBackend() {
        return new ImapBackends.Fake("fake IMAP (defaults)", ImapProfile.defaults());
    }
}
