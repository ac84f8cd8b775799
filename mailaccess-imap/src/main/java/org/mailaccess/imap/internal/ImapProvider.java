package org.mailaccess.imap.internal;

import org.mailaccess.Credentials;
import org.mailaccess.MailboxClient;
import org.mailaccess.MailboxSession;
import org.mailaccess.Protocol;
import org.mailaccess.ServerEndpoint;
import org.mailaccess.imap.ImapOptions;
import org.mailaccess.spi.MailboxProvider;

/** The IMAP module's entry point for {@link java.util.ServiceLoader} (RFC 3501 / RFC 9051). */
public final class ImapProvider implements MailboxProvider {

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public ImapProvider() {
    }

    @Override
    public Protocol protocol() {
        return Protocol.IMAP;
    }

    @Override
    public MailboxSession open(ServerEndpoint endpoint, Credentials credentials, MailboxClient client) {
        if (endpoint.protocol() != Protocol.IMAP) {
            throw new IllegalArgumentException("not an IMAP endpoint: " + endpoint);
        }
        ImapOptions options = client.options(ImapOptions.class).orElse(ImapOptions.defaults());
        ImapConnection connection = ImapConnector.open(endpoint, credentials, client, options);
        return new RealImapSession(connection, credentials, client);
    }
}
