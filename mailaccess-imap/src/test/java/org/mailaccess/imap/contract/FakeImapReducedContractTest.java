package org.mailaccess.imap.contract;

import org.mailaccess.testkit.ImapProfile;
import org.mailaccess.testkit.contract.ContractBackend;
import org.mailaccess.testkit.contract.MailboxSessionContract;

/**
 * The contract against a fake IMAP server without MOVE, CONDSTORE/QRESYNC, IDLE and QUOTA: moves fall back to COPY +
 * UID EXPUNGE, changes are found by comparing UIDs and flags, and there is no push or quota.
 */
class FakeImapReducedContractTest extends MailboxSessionContract {

    @Override
    protected ContractBackend createBackend() {
        return new ImapBackends.Fake("fake IMAP (no MOVE/CONDSTORE/QRESYNC/IDLE/QUOTA)", ImapProfile.defaults()
                .withoutMove().withoutCondstore().withoutQresync().withoutIdle().withoutQuota());
    }
}
