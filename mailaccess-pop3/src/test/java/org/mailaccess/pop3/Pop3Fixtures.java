package org.mailaccess.pop3;

import java.time.Duration;
import java.util.List;
import org.mailaccess.Credentials;
import org.mailaccess.MailEventListener;
import org.mailaccess.MailboxClient;
import org.mailaccess.MailboxSession;
import org.mailaccess.testkit.FakePop3Server;
import org.mailaccess.testkit.MessageBuilder;
import org.mailaccess.testkit.RecordedCommand;

/** Shared set-up for tests against the testkit's fake POP3 server. */
final class Pop3Fixtures {

    static final String USER = "ann";
    static final String PASSWORD = "pw-Secret-123";

    private Pop3Fixtures() {
    }

    /** A client trusting the fake's CA, with short timeouts so that a hanging test fails fast. */
    static MailboxClient.Builder client(FakePop3Server server) {
        return MailboxClient.builder()
                .sslContext(server.clientSslContext())
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(5))
                .writeTimeout(Duration.ofSeconds(5));
    }

    static MailboxSession open(FakePop3Server server) {
        return client(server).build().open(server.endpoint(), Credentials.password(USER, PASSWORD));
    }

    static MailboxSession open(FakePop3Server server, MailEventListener listener) {
        return client(server).listener(listener).build().open(server.endpoint(), Credentials.password(USER, PASSWORD));
    }

    static MailboxSession open(FakePop3Server server, Pop3Options options) {
        return client(server).options(options).build().open(server.endpoint(), Credentials.password(USER, PASSWORD));
    }

    /** Adds the user and delivers {@code count} small messages with subjects "m1".."mN". */
    static FakePop3Server seeded(FakePop3Server server, int count) {
        server.addUser(USER, PASSWORD);
        for (int i = 1; i <= count; i++) {
            server.mailbox(USER).deliver(MessageBuilder.message().from("bob@example.org").to("ann@example.org")
                    .subject("m" + i).body("body " + i + "\r\n"));
        }
        return server;
    }

    static List<String> verbs(FakePop3Server server) {
        return server.commands().stream().map(RecordedCommand::verb).toList();
    }
}
