package org.mailaccess.spi;

import org.mailaccess.Credentials;
import org.mailaccess.MailboxClient;
import org.mailaccess.MailboxSession;
import org.mailaccess.Protocol;
import org.mailaccess.ServerEndpoint;

/**
 * Service provider interface implemented by each protocol module and found with {@link java.util.ServiceLoader}.
 * Applications do not call it; they use {@link MailboxClient#open}.
 */
public interface MailboxProvider {

    /**
     * The protocol this provider speaks.
     *
     * @return the protocol
     */
    Protocol protocol();

    /**
     * Opens an authenticated session.
     *
     * @param endpoint    where to connect
     * @param credentials who logs in
     * @param client      the settings to honour (timeouts, TLS context, listener, options)
     * @return the session
     */
    MailboxSession open(ServerEndpoint endpoint, Credentials credentials, MailboxClient client);
}
