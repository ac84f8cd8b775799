package org.mailaccess.pop3.internal;

import org.mailaccess.Credentials;
import org.mailaccess.MailboxClient;
import org.mailaccess.MailboxSession;
import org.mailaccess.Protocol;
import org.mailaccess.ServerEndpoint;
import org.mailaccess.spi.MailboxProvider;

/**
 * The POP3 provider found by {@link java.util.ServiceLoader} (declared in {@code module-info.java} and in
 * {@code META-INF/services} for the class path).
 */
public final class Pop3Provider implements MailboxProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public Pop3Provider() {
    }

    @Override
    public Protocol protocol() {
        return Protocol.POP3;
    }

    @Override
    public MailboxSession open(ServerEndpoint endpoint, Credentials credentials, MailboxClient client) {
        if (endpoint.protocol() != Protocol.POP3) {
            throw new IllegalArgumentException("Not a POP3 endpoint: " + endpoint);
        }
        return SessionOpener.open(endpoint, credentials, client);
    }
}
