package org.mailaccess.imap.fake;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.UIDFolder;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.Test;
import org.mailaccess.testkit.FakeImapServer;
import org.mailaccess.testkit.ImapProfile;
import org.mailaccess.testkit.MessageBuilder;

/**
 * Measures what Angus's own folder API costs for a header listing (PITFALLS P4), the path this module does not use:
 * kept as a record of why. Plaintext, because this is about command counts, not TLS.
 */
class AngusFetchCostTest {

    @Test
    void angusFolderApiNeedsMoreThanOneCommandForAHeaderListing() throws Exception {
        try (FakeImapServer server = FakeImapServer.builder().profile(ImapProfile.defaults().withoutStarttls())
                .start()) {
            server.addUser("alice", "pw");
            for (int i = 0; i < 100; i++) {
                server.deliver("alice", "INBOX", MessageBuilder.message().subject("m" + i));
            }
            IMAPStore store = (IMAPStore) Session.getInstance(new Properties()).getStore("imap");
            store.connect(server.host(), server.port(), "alice", "pw");
            try {
                IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                int before = server.commands().size();
                Message[] messages = inbox.getMessages();
                FetchProfile fp = new FetchProfile();
                fp.add(UIDFolder.FetchProfileItem.UID);
                fp.add(FetchProfile.Item.FLAGS);
                fp.add(FetchProfile.Item.SIZE);
                fp.add(IMAPFolder.FetchProfileItem.INTERNALDATE);
                fp.add(IMAPFolder.FetchProfileItem.HEADERS);
                inbox.fetch(messages, fp);
                for (Message m : messages) {
                    m.getSubject();
                    m.getReceivedDate();
                    inbox.getUID(m);
                }
                long fetches = server.commands().subList(before, server.commands().size()).stream()
                        .filter(c -> c.verb().endsWith("FETCH")).count();
                // Measured with Angus 2.0.5: 101. The profile's FETCH 1:100 (FLAGS UID BODY.PEEK[HEADER] RFC822.SIZE
                // INTERNALDATE) is followed by one "FETCH n (ENVELOPE INTERNALDATE RFC822.SIZE)" per message, because
                // IMAPMessage.getReceivedDate() loads the envelope, which the profile did not include. Our listing
                // sends exactly one UID FETCH (ImapFakeServerTest.aListingOfAThousandMessagesCostsOneFetchCommand).
                System.out.println("Angus IMAPFolder header listing of 100 messages: " + fetches + " FETCH commands");
                server.commands().subList(before, Math.min(before + 3, server.commands().size()))
                        .forEach(c -> System.out.println("  " + c.line()));
                assertThat(fetches).isGreaterThan(1);
                int beforeLazy = server.commands().size();
                store.getFolder("INBOX").getMessageCount();
                inbox.getMessage(1).getContentType();
                long lazy = server.commands().subList(beforeLazy, server.commands().size()).stream()
                        .filter(c -> c.verb().endsWith("FETCH")).count();
                System.out.println("Angus lazy access to one unfetched item: " + lazy + " extra FETCH");
                inbox.close(false);
            } finally {
                store.close();
            }
        }
    }
}
