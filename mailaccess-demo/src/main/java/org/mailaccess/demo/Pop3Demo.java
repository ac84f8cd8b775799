package org.mailaccess.demo;

import static org.mailaccess.demo.Demo.say;
import static org.mailaccess.demo.Demo.section;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.mailaccess.Capability;
import org.mailaccess.Credentials;
import org.mailaccess.FetchSpec;
import org.mailaccess.Folder;
import org.mailaccess.LogoutResult;
import org.mailaccess.MailboxClient;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageRange;
import org.mailaccess.MessageSummary;
import org.mailaccess.UnsupportedCapabilityException;
import org.mailaccess.testkit.FakePop3Server;
import org.mailaccess.testkit.MessageBuilder;

/** POP3 through the neutral API: preview headers, read one message, delete one, commit on logout. */
final class Pop3Demo {

    private Pop3Demo() {
    }

    static void run() {
        section("POP3: preview, read, delete (fake server over implicit TLS)");
        try (FakePop3Server server = FakePop3Server.builder().implicitTls().start()) {
            server.addUser("ann", "demo-password");
            server.mailbox("ann").deliver(MessageBuilder.message().from("Bob <bob@example.test>")
                    .subject("Lunch on Friday?").body("Shall we?\r\n"));
            server.mailbox("ann").deliver(MessageBuilder.message().from("carol@example.test")
                    .subject("Grüße aus Köln").body("Viele Grüße\r\n"));
            server.mailbox("ann").deliver(MessageBuilder.message().from("newsletter@example.test")
                    .subject("Weekly news").bodyOfSize(200_000));

            MailboxClient client = MailboxClient.builder().sslContext(server.clientSslContext()).build();
            say("connecting to %s:%d (%s)", server.host(), server.port(), server.endpoint().tls());
            try (MailboxSession session = client.open(server.endpoint(), Credentials.password("ann", "demo-password"))) {
                say("capabilities: %s", session.capabilities().features());
                Folder inbox = session.inbox();
                say("mailbox: %d messages, %d octets", inbox.status().messages(),
                        inbox.status().totalSize().orElse(-1));

                List<MessageSummary> previews = inbox.summaries(MessageRange.all(), FetchSpec.headers());
                for (MessageSummary m : previews) {
                    say("  %-8s %7d octets  from %-28s  %s", m.key().id(), m.size(),
                            m.headers().orElseThrow().from().get(0),
                            m.headers().orElseThrow().subject().orElse("(no subject)"));
                }

                ByteArrayOutputStream first = new ByteArrayOutputStream();
                long n = inbox.writeMessage(previews.get(0).key(), first);
                String text = first.toString(StandardCharsets.UTF_8);
                say("downloaded %s: %d bytes, body ends with \"%s\"", previews.get(0).key().id(), n,
                        text.substring(text.indexOf("\r\n\r\n") + 4).strip());

                try {
                    session.quota("INBOX");
                } catch (UnsupportedCapabilityException e) {
                    say("quota: not in POP3 (%s, refused before anything was sent)", e.capability());
                }
                say("server search offered: %s", session.capabilities().has(Capability.SERVER_SEARCH));

                inbox.delete(List.of(previews.get(2).key()));
                say("marked %s for deletion; POP3 deletes only at QUIT", previews.get(2).key().id());
                LogoutResult result = session.logout();
                say("logout: %s %s", result.outcome(), result.deleted());
            }
            say("server now holds %d messages, deleted %d", server.mailbox("ann").messages().size(),
                    server.mailbox("ann").deleted().size());
        }
    }
}
