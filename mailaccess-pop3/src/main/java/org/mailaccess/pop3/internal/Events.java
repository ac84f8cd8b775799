package org.mailaccess.pop3.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import org.mailaccess.MailEventListener;
import org.mailaccess.ServerEndpoint;

/**
 * Calls the application's {@link MailEventListener} for one session. A listener that throws is ignored: the call sits
 * between writing a command and reading its reply, and an exception there would leave the reply unread and the
 * session out of step with the server.
 */
final class Events {

    private final MailEventListener listener;
    private final ServerEndpoint endpoint;
    private final AtomicBoolean closed = new AtomicBoolean();

    Events(MailEventListener listener, ServerEndpoint endpoint) {
        this.listener = listener;
        this.endpoint = endpoint;
    }

    ServerEndpoint endpoint() {
        return endpoint;
    }

    void connecting() {
        safely(() -> listener.connecting(endpoint));
    }

    void tlsEstablished(String protocol) {
        safely(() -> listener.tlsEstablished(endpoint, protocol));
    }

    void authenticated(String user, String mechanism) {
        safely(() -> listener.authenticated(endpoint, user, mechanism));
    }

    /** The line must already be redacted. */
    void commandSent(String redactedLine) {
        safely(() -> listener.commandSent(endpoint, redactedLine));
    }

    void replyReceived(String line) {
        safely(() -> listener.replyReceived(endpoint, line));
    }

    /** Reports the close once, however many paths lead to it. */
    void closed() {
        if (closed.compareAndSet(false, true)) {
            safely(() -> listener.closed(endpoint));
        }
    }

    private static void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException ignored) {
            // See the class comment: the protocol stream matters more than a listener's failure.
        }
    }
}
