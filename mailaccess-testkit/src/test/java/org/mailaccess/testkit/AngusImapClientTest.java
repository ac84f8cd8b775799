package org.mailaccess.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.BodyPart;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.SubjectTerm;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.ResyncData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Eclipse Angus Mail's own IMAP provider against the fake: proof that a real client works with it. */
class AngusImapClientTest {

    private static final String MULTIPART = "From: Bob <bob@example.org>\r\n"
            + "To: alice@example.org, \"Carol C.\" <carol@example.org>\r\n"
            + "Subject: =?UTF-8?B?R3LDvMOfZQ==?=\r\n"
            + "Date: Mon, 1 Jan 2024 10:00:00 +0000\r\n"
            + "Message-ID: <m1@example.org>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
            + "\r\n"
            + "preamble\r\n"
            + "--b1\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "\r\n"
            + "first part\r\n"
            + "--b1\r\n"
            + "Content-Type: application/octet-stream; name=data.bin\r\n"
            + "Content-Disposition: attachment; filename=data.bin\r\n"
            + "Content-Transfer-Encoding: base64\r\n"
            + "\r\n"
            + "AAECAw==\r\n"
            + "--b1--\r\n";

    private FakeImapServer server;
    private ImapAccount alice;
    private Store store;

    @BeforeEach
    void start() throws MessagingException {
        server = FakeImapServer.start();
        alice = server.addUser("alice", "pw");
        store = connect(server, "pw");
    }

    @AfterEach
    void stop() throws MessagingException {
        store.close();
        server.close();
    }

    static Store connect(FakeImapServer server, String password) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.imap.starttls.enable", "true");
        props.put("mail.imap.starttls.required", "true");
        props.put("mail.imap.ssl.socketFactory", server.clientSslContext().getSocketFactory());
        props.put("mail.imap.ssl.checkserveridentity", "true");
        props.put("mail.imap.connectiontimeout", "5000");
        props.put("mail.imap.timeout", "5000");
        Store store = Session.getInstance(props).getStore("imap");
        store.connect(server.host(), server.port(), "alice", password);
        return store;
    }

    @Test
    void logsInOverStarttlsAndListsFoldersWithSpecialUse() throws MessagingException {
        // The greeting's capabilities tell Angus STARTTLS is there, so it is the first command.
        assertThat(server.commands()).extracting(RecordedCommand::verb).startsWith("STARTTLS", "CAPABILITY");
        assertThat(server.commands()).filteredOn(c -> !c.tls()).extracting(RecordedCommand::verb)
                .doesNotContain("LOGIN", "AUTHENTICATE");
        Folder[] folders = store.getDefaultFolder().list("*");
        assertThat(folders).extracting(Folder::getFullName)
                .containsExactlyInAnyOrder("INBOX", "Sent", "Drafts", "Trash", "Junk", "Archive");
        IMAPFolder sent = (IMAPFolder) store.getFolder("Sent");
        assertThat(sent.getAttributes()).contains("\\Sent", "\\HasNoChildren");
    }

    @Test
    void fetchesEnvelopeBodystructureAndPartsByteExact() throws Exception {
        alice.deliver(MULTIPART);
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        Message message = inbox.getMessage(1);
        FetchProfile profile = new FetchProfile();
        profile.add(FetchProfile.Item.ENVELOPE);
        profile.add(FetchProfile.Item.CONTENT_INFO);
        inbox.fetch(new Message[] {message}, profile);
        assertThat(message.getSubject()).isEqualTo("Grüße");
        assertThat(message.getFrom()).containsExactly(new InternetAddress("bob@example.org", "Bob"));
        assertThat(message.getRecipients(Message.RecipientType.TO)).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("alice@example.org", "carol@example.org");
        assertThat(message.getContentType()).startsWith("multipart/mixed").contains("b1");
        Multipart multipart = (Multipart) message.getContent();
        assertThat(multipart.getCount()).isEqualTo(2);
        BodyPart text = multipart.getBodyPart(0);
        assertThat(text.getContent()).isEqualTo("first part");
        BodyPart attachment = multipart.getBodyPart(1);
        assertThat(attachment.getFileName()).isEqualTo("data.bin");
        assertThat(attachment.getInputStream().readAllBytes()).containsExactly(0, 1, 2, 3);
        assertThat(((MimeMessage) message).getRawInputStream().readAllBytes()).asString(StandardCharsets.UTF_8)
                .isEqualTo(MULTIPART.substring(MULTIPART.indexOf("\r\n\r\n") + 4));
        // READ_ONLY means EXAMINE: nothing was marked \Seen.
        assertThat(alice.inbox().messages().get(0).flags()).isEmpty();
        inbox.close(false);
    }

    @Test
    void storesFlagsAndSearchesWithALiteral() throws Exception {
        alice.deliver(MessageBuilder.message().subject("Grüße aus Köln"));
        alice.deliver(MessageBuilder.message().subject("plain"));
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        inbox.getMessage(2).setFlags(new Flags(Flags.Flag.FLAGGED), true);
        assertThat(alice.inbox().messages().get(1).flags()).containsExactly("\\Flagged");
        Message[] found = inbox.search(new SubjectTerm("Köln"));
        assertThat(found).extracting(Message::getMessageNumber).containsExactly(1);
        assertThat(server.commands()).filteredOn(c -> c.verb().equals("SEARCH")).singleElement()
                .satisfies(c -> assertThat(c.literals()).singleElement()
                        .satisfies(l -> assertThat(new String(l, StandardCharsets.UTF_8)).isEqualTo("Köln")));
        inbox.close(false);
    }

    @Test
    void movesWithCopyuidAndAppendsWithAppenduid() throws Exception {
        alice.deliver(MessageBuilder.message().subject("one"));
        alice.deliver(MessageBuilder.message().subject("two"));
        IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        long archiveValidity = alice.folder("Archive").uidValidity();
        var copyUids = inbox.moveUIDMessages(new Message[] {inbox.getMessage(1)}, store.getFolder("Archive"));
        assertThat(copyUids).singleElement().satisfies(u -> {
            assertThat(u.uidvalidity).isEqualTo(archiveValidity);
            assertThat(u.uid).isEqualTo(1);
        });
        // Angus marks the moved message expunged and renumbers only at its next expunge(), by design.
        assertThat(inbox.getMessage(1).isExpunged()).isTrue();
        assertThat(alice.inbox().messages()).extracting(m -> m.text().contains("Subject: two"))
                .containsExactly(true);
        assertThat(alice.folder("Archive").messages()).extracting(m -> m.text().contains("Subject: one"))
                .containsExactly(true);

        IMAPFolder drafts = (IMAPFolder) store.getFolder("Drafts");
        MimeMessage draft = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(MessageBuilder.message().subject("draft").build()));
        draft.setFlag(Flags.Flag.DRAFT, true);
        AppendUID[] appended = drafts.appendUIDMessages(new Message[] {draft});
        assertThat(appended[0].uidvalidity).isEqualTo(alice.folder("Drafts").uidValidity());
        assertThat(alice.folder("Drafts").message(appended[0].uid)).hasValueSatisfying(
                m -> assertThat(m.flags()).contains("\\Draft"));
        inbox.close(false);
    }

    @Test
    void uidExpungeLeavesOtherDeletedMessagesAlone() throws Exception {
        alice.deliver(MessageBuilder.message().subject("mine"));
        alice.deliver(MessageBuilder.message().subject("someone else's"));
        alice.inbox().setFlags(2, Set.of("\\Deleted"));
        IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        Message mine = inbox.getMessageByUID(1);
        mine.setFlag(Flags.Flag.DELETED, true);
        inbox.expunge(new Message[] {mine});
        assertThat(alice.inbox().messages()).extracting(ImapMessage::uid).containsExactly(2L);
        assertThat(server.commands()).extracting(RecordedCommand::verb).contains("UID EXPUNGE")
                .doesNotContain("EXPUNGE");
        inbox.close(false);
    }

    @Test
    void reportsQuota() throws Exception {
        alice.setQuota(100, 50);
        ImapMessage stored = alice.deliver(MessageBuilder.message().bodyOfSize(3000));
        long kib = (stored.size() + 1023) / 1024;
        var quotas = ((IMAPStore) store).getQuota("INBOX");
        assertThat(quotas).singleElement().satisfies(q -> {
            assertThat(q.quotaRoot).isEmpty();
            assertThat(q.resources).extracting(r -> r.name + " " + r.usage + " " + r.limit)
                    .containsExactly("STORAGE " + kib + " 100", "MESSAGE 1 50");
        });
    }

    @Test
    void idleReceivesExistsWhenAnotherConnectionAppends() throws Exception {
        IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        CompletableFuture<Integer> newCount = new CompletableFuture<>();
        inbox.addMessageCountListener(new jakarta.mail.event.MessageCountAdapter() {
            @Override
            public void messagesAdded(jakarta.mail.event.MessageCountEvent e) {
                newCount.complete(e.getMessages().length);
            }
        });
        CompletableFuture<Void> idling = CompletableFuture.runAsync(() -> {
            try {
                inbox.idle(true);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        });
        awaitCommand(server, "IDLE");
        try (Store other = connect(server, "pw")) {
            Folder otherInbox = other.getFolder("INBOX");
            otherInbox.appendMessages(new Message[] {new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(MessageBuilder.message().subject("pushed").build()))});
        }
        assertThat(newCount.get(5, TimeUnit.SECONDS)).isEqualTo(1);
        idling.get(5, TimeUnit.SECONDS);
        assertThat(inbox.getMessage(1).getSubject()).isEqualTo("pushed");
        inbox.close(false);
    }

    @Test
    void condstoreChangedSinceAndQresyncVanished() throws Exception {
        alice.deliver(MessageBuilder.message().subject("a"));
        alice.deliver(MessageBuilder.message().subject("b"));
        alice.deliver(MessageBuilder.message().subject("c"));
        IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        long uidValidity = inbox.getUIDValidity();
        long modseq = inbox.getHighestModSeq();
        inbox.close(false);

        alice.inbox().setFlags(1, Set.of("\\Seen"));
        alice.inbox().expunge(2);

        Message[] changed = new Message[0];
        List<?> events = inbox.open(Folder.READ_WRITE, new ResyncData(uidValidity, modseq));
        assertThat(events).hasSize(2);
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(jakarta.mail.event.MessageChangedEvent.class));
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(
                org.eclipse.angus.mail.imap.MessageVanishedEvent.class,
                v -> assertThat(v.getUIDs()).containsExactly(2L)));
        changed = inbox.getMessagesByUIDChangedSince(1, UIDFolder.LASTUID, modseq);
        assertThat(changed).extracting(inbox::getUID).containsExactly(1L);
        assertThat(Arrays.stream(changed).map(m -> {
            try {
                return m.isSet(Flags.Flag.SEEN);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        })).containsExactly(true);
        inbox.close(false);
    }

    /** Waits until a command with this verb has been received. */
    static void awaitCommand(FakeImapServer server, String verb) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.commands().stream().noneMatch(c -> c.verb().equals(verb))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + verb + " received");
            }
            Thread.sleep(10);
        }
    }

    @Test
    void wrongPasswordIsRejected() {
        assertThatThrownBy(() -> connect(server, "wrong")).isInstanceOf(
                jakarta.mail.AuthenticationFailedException.class);
    }
}
