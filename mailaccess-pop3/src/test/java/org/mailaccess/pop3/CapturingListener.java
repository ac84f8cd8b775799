package org.mailaccess.pop3;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.mailaccess.MailEventListener;
import org.mailaccess.ServerEndpoint;

/** Records every event as one line of text, in order. */
final class CapturingListener extends MailEventListener {

    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void connecting(ServerEndpoint endpoint) {
        events.add("connecting " + endpoint);
    }

    @Override
    public void tlsEstablished(ServerEndpoint endpoint, String tlsProtocol) {
        events.add("tls " + tlsProtocol);
    }

    @Override
    public void authenticated(ServerEndpoint endpoint, String user, String mechanism) {
        events.add("authenticated " + user + " " + mechanism);
    }

    @Override
    public void commandSent(ServerEndpoint endpoint, String line) {
        events.add("C: " + line);
    }

    @Override
    public void replyReceived(ServerEndpoint endpoint, String line) {
        events.add("S: " + line);
    }

    @Override
    public void closed(ServerEndpoint endpoint) {
        events.add("closed");
    }

    List<String> commands() {
        return events.stream().filter(e -> e.startsWith("C: ")).map(e -> e.substring(3)).toList();
    }
}
