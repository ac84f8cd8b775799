package org.mailaccess.imap.contract;

import org.mailaccess.testkit.contract.ContractBackend;
import org.mailaccess.testkit.contract.MailboxSessionContract;
import org.mailaccess.testkit.junit5.RequiresDovecot;

/** The contract against a real Dovecot's IMAP over implicit TLS (one private instance for the class). */
@RequiresDovecot
class DovecotImapContractTest extends MailboxSessionContract {

    @Override
    protected ContractBackend createBackend() {
        return new ImapBackends.Dovecot();
    }
}
