package org.mailaccess.pop3.contract;

import org.mailaccess.testkit.contract.ContractBackend;
import org.mailaccess.testkit.contract.MailboxSessionContract;
import org.mailaccess.testkit.junit5.RequiresDovecot;

/** The contract against a real Dovecot's POP3 over implicit TLS (one private instance for the class). */
@RequiresDovecot
class DovecotPop3ContractTest extends MailboxSessionContract {

    @Override
    protected ContractBackend createBackend() {
        return new Pop3Backends.Dovecot();
    }
}
