package org.mailaccess.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mailaccess.AuthenticationException;
import org.mailaccess.Capability;
import org.mailaccess.CommandFailedException;
import org.mailaccess.Credentials;
import org.mailaccess.DeleteMode;
import org.mailaccess.FetchSpec;
import org.mailaccess.Flag;
import org.mailaccess.FlagOperation;
import org.mailaccess.Flags;
import org.mailaccess.Folder;
import org.mailaccess.FolderChanges;
import org.mailaccess.FolderInfo;
import org.mailaccess.FolderRole;
import org.mailaccess.FolderSnapshot;
import org.mailaccess.LogoutResult;
import org.mailaccess.MailboxEvent;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageHeaders;
import org.mailaccess.MessageKey;
import org.mailaccess.MessagePart;
import org.mailaccess.MessageRange;
import org.mailaccess.MessageSummary;
import org.mailaccess.Protocol;
import org.mailaccess.Quota;
import org.mailaccess.UnsupportedCapabilityException;
import org.mailaccess.Watch;
import org.mailaccess.search.SearchQuery;

/**
 * What every {@link MailboxSession} must do, POP3 or IMAP, against any server: an abstract JUnit 5 suite that a
 * concrete test class runs against one {@link ContractBackend} (ANCHORS 15).
 *
 * <pre>{@code
 * class DovecotImapContractTest extends MailboxSessionContract {
 *     @Override
 *     protected ContractBackend createBackend() {
 *         return new DovecotImapBackend();     // starts the server; closed after the last case
 *     }
 * }
 * }</pre>
 *
 * <p>Every case opens its own sessions for a fresh user of the backend, seeds it with the {@link ContractCorpus}
 * and checks the result through the neutral API only. A case that needs a feature checks the session's
 * {@link MailboxSession#capabilities() capabilities} first and is skipped, with the missing capability as the printed
 * reason, when the server lacks it; a case the backend lists in {@link ContractBackend#knownGaps()} is skipped with
 * the backend's reason. Nothing passes silently: {@link ContractSkipReporter} prints every skip.
 *
 * <p>One backend serves the whole class ({@link TestInstance.Lifecycle#PER_CLASS}); each case has 60 seconds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
@ExtendWith(ContractSkipReporter.class)
public abstract class MailboxSessionContract {

    private static final long EVENT_WAIT_SECONDS = 15;

    private ContractBackend backend;

    /** For subclasses. */
    protected MailboxSessionContract() {
    }

    /**
     * Creates (and starts) the backend this class runs against; called once, before the first case.
     *
     * @return the backend, closed after the last case
     */
    protected abstract ContractBackend createBackend();

    /**
     * The backend of this class.
     *
     * @return the backend made by {@link #createBackend()}
     */
    protected final ContractBackend backend() {
        if (backend == null) {
            throw new IllegalStateException("the backend is created before the first case");
        }
        return backend;
    }

    /** Creates the backend and checks that its known gaps name real cases. */
    @BeforeAll
    public final void startBackend() {
        backend = createBackend();
        Set<String> cases = caseNames();
        assertThat(backend.knownGaps().keySet())
                .as("known gaps of %s must name cases of %s", backend.name(), MailboxSessionContract.class.getName())
                .allSatisfy(name -> assertThat(cases).contains(name));
    }

    /** Closes the backend. */
    @AfterAll
    public final void stopBackend() {
        if (backend != null) {
            backend.close();
        }
    }

    /**
     * Skips a case the backend declared as a known gap, with its reason.
     *
     * @param test the case about to run
     */
    @BeforeEach
    public final void skipKnownGaps(TestInfo test) {
        String name = test.getTestMethod().map(Method::getName).orElse("");
        backend().knownGap(name).ifPresent(reason ->
                Assumptions.abort("known gap of " + backend.name() + ": " + reason));
    }

    /**
     * The names of all cases of the contract, for {@link ContractBackend#knownGaps()}.
     *
     * @return the test method names
     */
    public static Set<String> caseNames() {
        Set<String> names = new TreeSet<>();
        for (Method m : MailboxSessionContract.class.getDeclaredMethods()) {
            if (m.isAnnotationPresent(Test.class)) {
                names.add(m.getName());
            }
        }
        return names;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Connecting and authenticating

    /**
     * A session opens authenticated, speaks the backend's protocol, has an empty INBOX for a new user, answers NOOP,
     * and ends with a logout that has nothing to commit; a second logout is an {@link IllegalStateException} and
     * {@link MailboxSession#close()} after logout never throws.
     */
    @Test
    public void opensAnAuthenticatedSessionAndLogsOut() {
        String user = backend().createUser();
        MailboxSession s = backend.open(user);
        try {
            assertThat(s.isOpen()).isTrue();
            assertThat(s.protocol()).isEqualTo(backend.protocol());
            assertThat(s.endpoint().protocol()).isEqualTo(backend.protocol());
            assertThat(s.capabilities()).isNotNull();
            assertThat(s.inbox().name()).isEqualTo(MessageKey.INBOX);
            assertThat(s.inbox().status().messages()).isZero();
            assertThat(s.inbox().summaries(MessageRange.all(), FetchSpec.keysAndSizes())).isEmpty();
            s.noop();
            LogoutResult result = s.logout();
            assertThat(result.outcome()).isEqualTo(LogoutResult.Outcome.NOTHING_PENDING);
            assertThat(result.deleted()).isEmpty();
            assertThat(s.isOpen()).isFalse();
            assertThat(catchThrowable(s::logout)).isInstanceOf(IllegalStateException.class);
        } finally {
            s.close();
        }
        s.close();
    }

    /**
     * Wrong credentials are refused with an {@link AuthenticationException} (not a connection or command error), whose
     * message does not contain the password; the right credentials still work afterwards.
     */
    @Test
    public void refusesWrongCredentialsWithAnAuthenticationException() {
        String user = backend().createUser();
        Credentials bad = backend.badCredentials(user);
        Throwable thrown = catchThrowable(() -> backend.open(bad).close());
        assertThat(thrown).as("opening with wrong credentials").isInstanceOf(AuthenticationException.class);
        assertThat(((AuthenticationException) thrown).isSessionUsable()).isFalse();
        if (bad instanceof Credentials.Password password) {
            assertThat(thrown.getMessage()).doesNotContain(password.password());
            assertThat(String.valueOf(thrown)).doesNotContain(password.password());
        }
        try (MailboxSession s = backend.open(user)) {
            assertThat(s.isOpen()).isTrue();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Listing and previewing

    /**
     * Every delivered message is listed once, in delivery order, with a distinct key of the INBOX and a positive size;
     * STAT/STATUS counts them.
     */
    @Test
    public void listsEveryDeliveredMessageOnceInDeliveryOrder() {
        String user = backend().createUser();
        List<CorpusMessage> corpus = ContractCorpus.small();
        deliver(user, corpus);
        try (MailboxSession s = backend.open(user)) {
            List<MessageSummary> listed = s.inbox().summaries(MessageRange.all(), FetchSpec.keysAndSizes());
            assertThat(listed).hasSize(corpus.size());
            assertThat(listed).extracting(MessageSummary::key).doesNotHaveDuplicates()
                    .allSatisfy(k -> assertThat(k.folder()).isEqualTo(MessageKey.INBOX));
            assertThat(listed).allSatisfy(m -> assertThat(m.size()).isPositive());
            assertThat(messageIds(s.inbox())).as("Message-IDs in listing order")
                    .containsExactlyElementsOf(messageIds(corpus));
            assertThat(s.inbox().status().messages()).isEqualTo(corpus.size());
        }
    }

    /**
     * The listed size of each message is the number of octets the server streams for it (POP3 LIST, RFC 1939 section
     * 5; IMAP RFC822.SIZE), and the folder's total size, when the server reports one, is their sum.
     */
    @Test
    public void listsTheExactSizeOfEachMessage() {
        String user = backend().createUser();
        deliver(user, ContractCorpus.small());
        try (MailboxSession s = backend.open(user)) {
            List<MessageSummary> listed = s.inbox().summaries(MessageRange.all(), FetchSpec.keysAndSizes());
            for (MessageSummary m : listed) {
                assertThat(m.size()).as("listed size of %s", m.key()).isEqualTo(write(s.inbox(), m.key()).length);
            }
            long total = listed.stream().mapToLong(MessageSummary::size).sum();
            s.inbox().status().totalSize().ifPresent(size -> assertThat(size).as("total size").isEqualTo(total));
        }
    }

    /** The keys of the messages stay the same in a later session (POP3 UIDL, IMAP UIDVALIDITY + UID). */
    @Test
    public void keysStayTheSameInALaterSession() {
        String user = backend().createUser();
        deliver(user, ContractCorpus.small());
        List<MessageKey> first;
        try (MailboxSession s = backend.open(user)) {
            requires(s, Capability.PERSISTENT_IDS, "keys that survive the session");
            first = keys(s.inbox());
            assertThat(s.logout().outcome()).isEqualTo(LogoutResult.Outcome.NOTHING_PENDING);
        }
        try (MailboxSession s = backend.open(user)) {
            assertThat(keys(s.inbox())).containsExactlyElementsOf(first);
        }
    }

    /**
     * Summaries with headers (POP3 {@code TOP n 0}, IMAP {@code BODY.PEEK[HEADER]}) carry the header section only,
     * decode RFC 2047 encoded words in Subject and in the From display name, and parse From and Message-ID.
     */
    @Test
    public void previewsHeadersDecodingEncodedWords() {
        String user = backend().createUser();
        List<CorpusMessage> corpus = List.of(ContractCorpus.plain(), ContractCorpus.encodedWords(),
                ContractCorpus.multipart(), ContractCorpus.dotLines());
        deliver(user, corpus);
        try (MailboxSession s = backend.open(user)) {
            requires(s, Capability.HEADERS_PREVIEW, "summaries with headers");
            List<MessageSummary> listed = s.inbox().summaries(MessageRange.all(), FetchSpec.headers());
            assertThat(listed).hasSize(corpus.size());
            for (int i = 0; i < corpus.size(); i++) {
                CorpusMessage expected = corpus.get(i);
                MessageHeaders headers = headers(listed.get(i));
                assertThat(headers.messageId()).as("Message-ID of %s", expected.name())
                        .contains(expected.messageId());
                assertThat(headers.subject()).as("Subject of %s", expected.name()).contains(expected.subject());
                assertThat(headers.from()).as("From of %s", expected.name())
                        .extracting(a -> a.address()).containsExactly(expected.from());
                String raw = new String(headers.raw(), StandardCharsets.UTF_8);
                assertThat(raw).as("header section of %s", expected.name()).endsWith("\r\n")
                        .doesNotContain(expected.bodyMarker());
            }
            assertThat(headers(listed.get(1)).from().get(0).displayName()).contains("Jürgen Müller");
        }
    }

    /** Summaries with headers decode a raw UTF-8 Subject (RFC 6532) as UTF-8. */
    @Test
    public void previewsRawUtf8Headers() {
        String user = backend().createUser();
        CorpusMessage utf8 = ContractCorpus.utf8Headers();
        backend.deliver(user, utf8.bytes());
        try (MailboxSession s = backend.open(user)) {
            requires(s, Capability.HEADERS_PREVIEW, "summaries with headers");
            MessageHeaders headers = headers(single(s.inbox().summaries(MessageRange.all(), FetchSpec.headers())));
            assertThat(headers.subject()).contains(utf8.subject());
            assertThat(headers.messageId()).contains(utf8.messageId());
        }
    }

    /** A listing can be limited to chosen keys (in server order) or to the newest messages. */
    @Test
    public void listsChosenKeysAndTheNewestMessages() {
        String user = backend().createUser();
        deliver(user, ContractCorpus.small());
        try (MailboxSession s = backend.open(user)) {
            List<MessageKey> all = keys(s.inbox());
            List<MessageKey> chosen = List.of(all.get(3), all.get(1));
            assertThat(s.inbox().summaries(MessageRange.of(chosen), FetchSpec.keysAndSizes()))
                    .extracting(MessageSummary::key).containsExactly(all.get(1), all.get(3));
            assertThat(s.inbox().summaries(MessageRange.newest(2), FetchSpec.keysAndSizes()))
                    .extracting(MessageSummary::key).containsExactly(all.get(3), all.get(4));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Streaming

    /**
     * {@link Folder#openMessage} and {@link Folder#writeMessage} return each message exactly as delivered, byte for
     * byte: encoded words, raw UTF-8, multipart, and lines that start with {@code "."} (which POP3 dot-stuffs).
     */
    @Test
    public void streamsEachMessageByteExactAsDelivered() {
        String user = backend().createUser();
        List<CorpusMessage> corpus = ContractCorpus.small();
        deliver(user, corpus);
        try (MailboxSession s = backend.open(user)) {
            List<MessageKey> keys = keys(s.inbox());
            for (int i = 0; i < corpus.size(); i++) {
                CorpusMessage expected = corpus.get(i);
                byte[] opened = open(s.inbox(), keys.get(i));
                assertThat(new String(opened, StandardCharsets.UTF_8)).as("openMessage of %s", expected.name())
                        .isEqualTo(expected.text());
                assertThat(opened).as("openMessage bytes of %s", expected.name()).isEqualTo(expected.bytes());
                ByteArrayOutputStream sink = new ByteArrayOutputStream();
                long written = s.inbox().writeMessage(keys.get(i), sink);
                assertThat(sink.toByteArray()).as("writeMessage bytes of %s", expected.name())
                        .isEqualTo(expected.bytes());
                assertThat(written).isEqualTo(expected.size());
            }
            s.noop();
        }
    }

    /**
     * Whatever a server stores, what it streams keeps lines that start with {@code "."} intact (no dot-stuffing left
     * over, no early end at a lone {@code "."}), is the same through {@link Folder#openMessage} and
     * {@link Folder#writeMessage}, and leaves the session in step for the next message.
     */
    @Test
    public void streamsLinesStartingWithADotIntact() {
        String user = backend().createUser();
        CorpusMessage dots = ContractCorpus.dotLines();
        CorpusMessage after = ContractCorpus.plain();
        deliver(user, List.of(dots, after));
        try (MailboxSession s = backend.open(user)) {
            List<MessageSummary> listed = s.inbox().summaries(MessageRange.all(), FetchSpec.keysAndSizes());
            assertThat(listed).hasSize(2);
            byte[] opened = open(s.inbox(), listed.get(0).key());
            String text = new String(opened, StandardCharsets.US_ASCII);
            assertThat(text).contains("\r\n\r\n.\r\n..\r\n..x\r\n.leading dot\r\n\r\n. \r\nmiddle, dotted\r\n.\r\n");
            assertThat(write(s.inbox(), listed.get(0).key())).isEqualTo(opened);
            String next = new String(open(s.inbox(), listed.get(1).key()), StandardCharsets.US_ASCII);
            assertThat(next).contains(after.messageId()).contains(after.bodyMarker());
            s.noop();
        }
    }

    /**
     * A message of several MB ({@link ContractCorpus#largeAttachment()}) streams byte-exact; a stream closed after
     * its first 64 KiB leaves the session usable.
     *
     * @throws IOException when the stream fails
     */
    @Test
    public void streamsALargeMessageByteExactAndSurvivesAnEarlyClose() throws IOException {
        String user = backend().createUser();
        CorpusMessage large = ContractCorpus.largeAttachment();
        backend.deliver(user, large.bytes());
        try (MailboxSession s = backend.open(user)) {
            MessageSummary m = single(s.inbox().summaries(MessageRange.all(), FetchSpec.keysAndSizes()));
            try (InputStream in = s.inbox().openMessage(m.key())) {
                byte[] start = in.readNBytes(64 * 1024);
                assertThat(start).isEqualTo(Arrays.copyOf(large.bytes(), start.length));
            }
            s.noop();
            assertThat(s.inbox().status().messages()).isEqualTo(1);
            DigestingSink sink = new DigestingSink();
            long written = s.inbox().writeMessage(m.key(), sink);
            assertThat(written).isEqualTo(large.size());
            assertThat(sink.count).isEqualTo(large.size());
            assertThat(sink.hex()).as("SHA-256 of the streamed message").isEqualTo(sha256(large.bytes()));
        }
    }

    /**
     * Asking for a message the server does not have fails with {@link CommandFailedException} (not a connection
     * error), and the session stays usable.
     */
    @Test
    public void openingAMessageTheServerDoesNotHaveFailsAndKeepsTheSessionUsable() {
        String user = backend().createUser();
        CorpusMessage plain = ContractCorpus.plain();
        backend.deliver(user, plain.bytes());
        try (MailboxSession s = backend.open(user)) {
            MessageKey real = single(keys(s.inbox()));
            String missingId = s.protocol() == Protocol.IMAP ? Long.toString(real.uid() + 1000)
                    : "no-such-" + real.id();
            MessageKey missing = new MessageKey(real.folder(), real.uidValidity(), missingId);
            Throwable thrown = catchThrowable(() -> open(s.inbox(), missing));
            assertThat(thrown).as("opening %s", missing).isInstanceOf(CommandFailedException.class);
            assertThat(((CommandFailedException) thrown).isSessionUsable()).isTrue();
            assertThat(s.isOpen()).isTrue();
            s.noop();
            assertThat(messageId(open(s.inbox(), real))).isEqualTo(plain.messageId());
        }
    }

    /**
     * The leaf parts of a multipart message are listed with type, decoded file name and attachment flag, and one
     * attachment streams transfer-decoded without the rest of the message.
     *
     * @throws IOException when the stream fails
     */
    @Test
    public void listsPartsAndStreamsOneAttachmentDecoded() throws IOException {
        String user = backend().createUser();
        backend.deliver(user, ContractCorpus.multipart().bytes());
        try (MailboxSession s = backend.open(user)) {
            requires(s, Capability.PARTIAL_FETCH, "listing and fetching single MIME parts");
            MessageKey key = single(keys(s.inbox()));
            List<MessagePart> parts = s.inbox().parts(key);
            assertThat(parts).extracting(p -> p.contentType().toLowerCase(java.util.Locale.ROOT))
                    .containsExactly("text/plain", "text/html", "application/octet-stream");
            MessagePart attachment = parts.get(2);
            assertThat(attachment.attachment()).isTrue();
            assertThat(attachment.fileName()).contains(ContractCorpus.MULTIPART_ATTACHMENT_NAME);
            try (InputStream in = s.inbox().openPart(key, attachment.partId())) {
                assertThat(in.readAllBytes()).isEqualTo(ContractCorpus.multipartAttachment());
            }
            s.noop();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Deleting

    /**
     * {@link Folder#delete(java.util.Collection)} removes exactly the chosen message: POP3 marks it and removes it
     * only when logout's QUIT is answered, which logout reports as COMMITTED with that key (RFC 1939 section 6); IMAP
     * removes it at once, so logout has nothing pending. A later session lists only the others.
     */
    @Test
    public void deleteRemovesExactlyTheChosenMessageByTheTimeLogoutReturns() {
        String user = backend().createUser();
        List<CorpusMessage> corpus = List.of(ContractCorpus.plain(), ContractCorpus.dotLines(),
                ContractCorpus.multipart());
        deliver(user, corpus);
        MessageKey doomed;
        try (MailboxSession s = backend.open(user)) {
            doomed = keys(s.inbox()).get(1);
            s.inbox().delete(List.of(doomed));
            assertThat(s.inbox().status().messages()).as("messages after the deletion").isEqualTo(2);
            LogoutResult result = s.logout();
            if (s.protocol() == Protocol.POP3) {
                assertThat(result.outcome()).isEqualTo(LogoutResult.Outcome.COMMITTED);
                assertThat(result.deleted()).containsExactly(doomed);
            } else {
                assertThat(result.outcome()).isEqualTo(LogoutResult.Outcome.NOTHING_PENDING);
            }
        }
        try (MailboxSession s = backend.open(user)) {
            assertThat(messageIds(s.inbox())).containsExactly(corpus.get(0).messageId(), corpus.get(2).messageId());
            if (s.capabilities().has(Capability.PERSISTENT_IDS)) {
                assertThat(keys(s.inbox())).doesNotContain(doomed);
            }
        }
    }

    /**
     * {@link DeleteMode#EXPUNGE} removes exactly the given messages at once ({@code UID EXPUNGE}, RFC 4315), which a
     * second session sees before the first logs out, and never removes a message another client flagged
     * {@code \Deleted} (no mailbox-wide EXPUNGE, RFC 4549 section 4.2.4).
     */
    @Test
    public void expungeModeRemovesExactlyTheseMessagesAndSparesOtherClientsDeletedFlags() {
        String user = backend().createUser();
        List<CorpusMessage> corpus = List.of(ContractCorpus.plain(), ContractCorpus.dotLines(),
                ContractCorpus.multipart());
        deliver(user, corpus);
        try (MailboxSession a = backend.open(user)) {
            requires(a, Capability.FOLDERS, "delete modes");
            requires(a, Capability.UIDPLUS, "UID EXPUNGE of exactly the chosen messages");
            requires(a, Capability.FLAGS, "a \\Deleted flag set by another client");
            try (MailboxSession b = backend.open(user)) {
                List<MessageKey> keys = keys(a.inbox());
                b.inbox().updateFlags(List.of(keys.get(2)), FlagOperation.ADD, Flags.of(Flag.DELETED));
                a.inbox().delete(List.of(keys.get(0)), DeleteMode.EXPUNGE);
                assertThat(keys(b.inbox())).containsExactly(keys.get(1), keys.get(2));
                assertThat(keys(a.inbox())).containsExactly(keys.get(1), keys.get(2));
                assertThat(flagsOf(b.inbox(), keys.get(2)).has(Flag.DELETED)).isTrue();
                assertThat(a.logout().outcome()).isEqualTo(LogoutResult.Outcome.NOTHING_PENDING);
            }
        }
    }

    /**
     * {@link DeleteMode#MOVE_TO_TRASH} moves the message into the folder with the {@code \Trash} role (RFC 6154), found
     * by name ("Trash") when the server has no SPECIAL-USE.
     */
    @Test
    public void moveToTrashModeMovesIntoTheTrashFolder() {
        String user = backend().createUser();
        List<CorpusMessage> corpus = List.of(ContractCorpus.plain(), ContractCorpus.dotLines());
        deliver(user, corpus);
        try (MailboxSession s = backend.open(user)) {
            requires(s, Capability.FOLDERS, "a Trash folder");
            assumeTrue(s.capabilities().has(Capability.MOVE) || s.capabilities().has(Capability.UIDPLUS),
                    "has neither MOVE nor UIDPLUS, so moving is refused");
            Optional<FolderInfo> trash = s.folderWithRole(FolderRole.TRASH);
            if (trash.isEmpty()) {
                s.createFolder("Trash");
                trash = s.folderWithRole(FolderRole.TRASH);
            }
            assertThat(trash).as("the folder with the Trash role (by SPECIAL-USE, or a folder named Trash)")
                    .isPresent();
            MessageKey doomed = keys(s.inbox()).get(0);
            s.inbox().delete(List.of(doomed), DeleteMode.MOVE_TO_TRASH);
            assertThat(messageIds(s.inbox())).containsExactly(corpus.get(1).messageId());
            assertThat(messageIds(s.folder(trash.get().name()))).containsExactly(corpus.get(0).messageId());
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Folders

    /**
     * Folders are created (also below a parent, with the server's hierarchy delimiter), listed, renamed, subscribed
     * and unsubscribed, and deleted; a new folder is empty and a second session sees the same tree.
     */
    @Test
    public void createsListsRenamesSubscribesAndDeletesFolders() {
        String user = backend().createUser();
        try (MailboxSession s = backend.open(user)) {
            requires(s, Capability.FOLDERS, "folders besides the INBOX");
            Optional<Character> delimiter = s.folders().stream().map(FolderInfo::delimiter)
                    .flatMap(Optional::stream).findFirst();
            assertThat(names(s.folders())).contains(MessageKey.INBOX);
            s.createFolder("Projects");
            String child = delimiter.map(d -> "Projects" + d + "Contract").orElse("Projects Contract");
            String renamed = delimiter.map(d -> "Projects" + d + "Renamed").orElse("Projects Renamed");
            s.createFolder(child);
            assertThat(names(s.folders())).contains("Projects", child);
            assertThat(s.folder(child).status().messages()).isZero();

            s.renameFolder(child, renamed);
            assertThat(names(s.folders())).contains(renamed).doesNotContain(child);

            s.setSubscribed(renamed, true);
            assertThat(names(s.subscribedFolders())).contains(renamed);
            s.setSubscribed(renamed, false);
            assertThat(names(s.subscribedFolders())).doesNotContain(renamed);

            try (MailboxSession other = backend.open(user)) {
                assertThat(names(other.folders())).contains("Projects", renamed);
            }
            s.deleteFolder(renamed);
            s.deleteFolder("Projects");
            assertThat(names(s.folders())).doesNotContain("Projects", renamed).contains(MessageKey.INBOX);
        }
    }

    /**
     * Non-ASCII folder names ({@link ContractCorpus#NON_ASCII_FOLDER_NAMES}, with {@code &}, Cyrillic, Japanese and a
     * character outside the BMP) are created, listed, renamed and deleted as the same Java strings, seen alike by a
     * second session: the modified UTF-7 (or UTF-8) encoding never leaks.
     */
    @Test
    public void handlesNonAsciiFolderNamesAsPlainStrings() {
        String user = backend().createUser();
        List<String> names = ContractCorpus.NON_ASCII_FOLDER_NAMES;
        String renamed = "Überarbeitet ✓";
        try (MailboxSession s = backend.open(user)) {
            requires(s, Capability.FOLDERS, "folders besides the INBOX");
            for (String name : names) {
                s.createFolder(name);
            }
            assertThat(names(s.folders())).containsAll(names);
            for (String name : names) {
                assertThat(s.folder(name).status().messages()).as("status of %s", name).isZero();
            }
            s.renameFolder(names.get(0), renamed);
            try (MailboxSession other = backend.open(user)) {
                assertThat(names(other.folders())).contains(renamed).containsAll(names.subList(1, names.size()))
                        .doesNotContain(names.get(0));
            }
            s.deleteFolder(renamed);
            for (String name : names.subList(1, names.size())) {
                s.deleteFolder(name);
            }
            assertThat(names(s.folders())).doesNotContainAnyElementsOf(names).doesNotContain(renamed);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Flags

    /**
     * Flags are added, removed and replaced with one operation per call, stored on the server and seen by a second
     * session at once.
     */
    @Test
    public void addsRemovesAndReplacesFlagsSeenByASecondSession() {
        String user = backend().createUser();
        deliver(user, List.of(ContractCorpus.plain(), ContractCorpus.dotLines()));
        try (MailboxSession a = backend.open(user)) {
            requires(a, Capability.FLAGS, "flags stored on the server");
            try (MailboxSession b = backend.open(user)) {
                List<MessageKey> keys = keys(a.inbox());
                MessageKey k = keys.get(0);
                a.inbox().updateFlags(List.of(k), FlagOperation.ADD, Flags.of(Flag.SEEN, Flag.FLAGGED));
                assertThat(flagsOf(b.inbox(), k).system()).containsExactlyInAnyOrder(Flag.SEEN, Flag.FLAGGED);
                assertThat(flagsOf(b.inbox(), keys.get(1)).system()).isEmpty();

                a.inbox().updateFlags(List.of(k), FlagOperation.REMOVE, Flags.of(Flag.FLAGGED));
                assertThat(flagsOf(b.inbox(), k).system()).containsExactly(Flag.SEEN);

                a.inbox().updateFlags(List.of(k), FlagOperation.REPLACE, Flags.of(Flag.ANSWERED));
                assertThat(flagsOf(b.inbox(), k).system()).containsExactly(Flag.ANSWERED);

                a.inbox().updateFlags(keys, FlagOperation.ADD, Flags.of(Flag.DRAFT));
                assertThat(b.inbox().summaries(MessageRange.all(), FetchSpec.flags()))
                        .allSatisfy(m -> assertThat(m.flags().has(Flag.DRAFT)).isTrue());
            }
        }
    }

    /** Keywords (custom flags such as {@code $Label1}) are stored and removed like system flags. */
    @Test
    public void storesKeywordsSeenByASecondSession() {
        String user = backend().createUser();
        backend.deliver(user, ContractCorpus.plain().bytes());
        try (MailboxSession a = backend.open(user)) {
            requires(a, Capability.FLAGS, "flags stored on the server");
            try (MailboxSession b = backend.open(user)) {
                MessageKey k = single(keys(a.inbox()));
                a.inbox().updateFlags(List.of(k), FlagOperation.ADD, Flags.keywords("$Contract", "Label_1"));
                assertThat(flagsOf(b.inbox(), k).keywords()).containsExactlyInAnyOrder("$Contract", "Label_1");
                a.inbox().updateFlags(List.of(k), FlagOperation.REMOVE, Flags.keywords("$Contract"));
                assertThat(flagsOf(b.inbox(), k).keywords()).containsExactly("Label_1");
            }
        }
    }

    /** Listing, previewing and streaming a message do not mark it {@code \Seen} (IMAP {@code BODY.PEEK}). */
    @Test
    public void readingAMessageDoesNotMarkItSeen() {
        String user = backend().createUser();
        backend.deliver(user, ContractCorpus.plain().bytes());
        try (MailboxSession s = backend.open(user)) {
            requires(s, Capability.FLAGS, "a \\Seen flag");
            MessageKey k = single(keys(s.inbox()));
            s.inbox().summaries(MessageRange.all(), FetchSpec.headers());
            open(s.inbox(), k);
            write(s.inbox(), k);
            assertThat(flagsOf(s.inbox(), k).has(Flag.SEEN)).isFalse();
        }
        try (MailboxSession s = backend.open(user)) {
            assertThat(flagsOf(s.inbox(), single(keys(s.inbox()))).has(Flag.SEEN)).isFalse();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Moving and copying

    /**
     * {@link Folder#moveTo} moves exactly the chosen messages into another (non-ASCII) folder and leaves nothing
     * behind, with MOVE (RFC 6851) or COPY + UID EXPUNGE (RFC 4315); with UIDPLUS it reports the new key of each
     * message, which opens the same message.
     */
    @Test
    public void movesMessagesToAnotherFolderLeavingNothingBehind() {
        String user = backend().createUser();
        List<CorpusMessage> corpus = List.of(ContractCorpus.plain(), ContractCorpus.dotLines(),
                ContractCorpus.multipart());
        deliver(user, corpus);
        String target = "Archiv-ä";
        try (MailboxSession s = backend.open(user)) {
            requires(s, Capability.FOLDERS, "folders to move to");
            assumeTrue(s.capabilities().has(Capability.MOVE) || s.capabilities().has(Capability.UIDPLUS),
                    "has neither MOVE nor UIDPLUS, so moving is refused");
            s.createFolder(target);
            List<MessageKey> keys = keys(s.inbox());
            Map<MessageKey, MessageKey> moved = s.inbox().moveTo(List.of(keys.get(0), keys.get(1)), target);
            assertThat(messageIds(s.inbox())).containsExactly(corpus.get(2).messageId());
            assertThat(messageIds(s.folder(target))).containsExactly(corpus.get(0).messageId(),
                    corpus.get(1).messageId());
            if (s.capabilities().has(Capability.UIDPLUS) || !moved.isEmpty()) {
                assertThat(moved).containsOnlyKeys(keys.get(0), keys.get(1));
                assertThat(moved.values()).allSatisfy(k -> assertThat(k.folder()).isEqualTo(target));
                assertThat(messageId(open(s.folder(target), moved.get(keys.get(0)))))
                        .isEqualTo(corpus.get(0).messageId());
            }
        }
    }

    /** {@link Folder#copyTo} copies messages into another folder and keeps the originals. */
    @Test
    public void copiesMessagesAndKeepsTheOriginals() {
        String user = backend().createUser();
        List<CorpusMessage> corpus = List.of(ContractCorpus.plain(), ContractCorpus.dotLines());
        deliver(user, corpus);
        try (MailboxSession s = backend.open(user)) {
            requires(s, Capability.FOLDERS, "folders to copy to");
            s.createFolder("Kopien");
            List<MessageKey> keys = keys(s.inbox());
            s.inbox().copyTo(List.of(keys.get(1)), "Kopien");
            assertThat(keys(s.inbox())).containsExactlyElementsOf(keys);
            assertThat(messageIds(s.folder("Kopien"))).containsExactly(corpus.get(1).messageId());
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Searching

    /**
     * Server search finds messages by subject, sender, body, any text, header, flag and size, combined with AND, OR
     * and NOT, and returns keys in ascending order.
     */
    @Test
    public void searchesOnTheServerBySubjectSenderBodyHeaderFlagAndSize() {
        String user = backend().createUser();
        deliver(user, ContractCorpus.small());
        try (MailboxSession s = backend.open(user)) {
            requires(s, Capability.SERVER_SEARCH, "server search");
            requires(s, Capability.FLAGS, "searching by flag");
            Folder inbox = s.inbox();
            List<MessageSummary> listed = inbox.summaries(MessageRange.all(), FetchSpec.keysAndSizes());
            List<MessageKey> k = listed.stream().map(MessageSummary::key).toList();

            assertThat(inbox.search(SearchQuery.all())).containsExactlyElementsOf(k);
            assertThat(inbox.search(SearchQuery.subject("Quarterly"))).containsExactly(k.get(0));
            assertThat(inbox.search(SearchQuery.from("carol@example.test"))).containsExactly(k.get(3));
            assertThat(inbox.search(SearchQuery.body("zanzibar"))).containsExactly(k.get(0));
            assertThat(inbox.search(SearchQuery.text("pomegranate"))).containsExactly(k.get(3));
            assertThat(inbox.search(SearchQuery.header("Message-ID", "dot-lines@contract"))).containsExactly(k.get(4));
            assertThat(inbox.search(SearchQuery.subject("no such subject anywhere"))).isEmpty();
            assertThat(inbox.search(SearchQuery.unseen())).containsExactlyElementsOf(k);

            inbox.updateFlags(List.of(k.get(3), k.get(1)), FlagOperation.ADD, Flags.of(Flag.FLAGGED));
            assertThat(inbox.search(SearchQuery.flagged(Flag.FLAGGED))).containsExactly(k.get(1), k.get(3));
            assertThat(inbox.search(SearchQuery.and(SearchQuery.flagged(Flag.FLAGGED),
                    SearchQuery.from("carol@example.test")))).containsExactly(k.get(3));
            assertThat(inbox.search(SearchQuery.or(SearchQuery.subject("Quarterly"),
                    SearchQuery.from("dave@example.test")))).containsExactly(k.get(0), k.get(4));
            assertThat(inbox.search(SearchQuery.not(SearchQuery.flagged(Flag.FLAGGED))))
                    .containsExactly(k.get(0), k.get(2), k.get(4));

            long threshold = 1000;
            assertThat(inbox.search(SearchQuery.larger(threshold))).containsExactlyElementsOf(
                    listed.stream().filter(m -> m.size() > threshold).map(MessageSummary::key).toList());
            assertThat(inbox.search(SearchQuery.smaller(threshold))).containsExactlyElementsOf(
                    listed.stream().filter(m -> m.size() < threshold).map(MessageSummary::key).toList());
        }
    }

    /** Server search matches non-ASCII text in RFC 2047 encoded-word subjects (CHARSET UTF-8, RFC 3501). */
    @Test
    public void searchesNonAsciiTextInEncodedWordSubjects() {
        String user = backend().createUser();
        deliver(user, ContractCorpus.small());
        try (MailboxSession s = backend.open(user)) {
            requires(s, Capability.SERVER_SEARCH, "server search");
            List<MessageKey> k = keys(s.inbox());
            assertThat(s.inbox().search(SearchQuery.subject("Grüße aus Köln"))).containsExactly(k.get(1));
            assertThat(s.inbox().search(SearchQuery.subject("日本語 ✓"))).containsExactly(k.get(1));
        }
    }

    /** Server search matches non-ASCII text in a raw UTF-8 subject (RFC 6532 header, CHARSET UTF-8 search). */
    @Test
    public void searchesNonAsciiTextInRawUtf8Subjects() {
        String user = backend().createUser();
        deliver(user, ContractCorpus.small());
        try (MailboxSession s = backend.open(user)) {
            requires(s, Capability.SERVER_SEARCH, "server search");
            List<MessageKey> k = keys(s.inbox());
            assertThat(s.inbox().search(SearchQuery.subject("Привет"))).containsExactly(k.get(2));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Quota, append, changes, push

    /**
     * The quota of the INBOX's quota root (RFC 9208 GETQUOTAROOT) reports a STORAGE resource with a positive limit
     * and a usage that counts the delivered mail in units of 1024 octets (RFC 9208 section 5.1).
     */
    @Test
    public void reportsTheQuotaOfTheInbox() {
        String user = backend().createUser();
        CorpusMessage message = ContractCorpus.multipart();
        backend.deliver(user, message.bytes());
        try (MailboxSession s = backend.open(user)) {
            requires(s, Capability.QUOTA, "quota");
            List<Quota> quotas = s.quota(MessageKey.INBOX);
            assertThat(quotas).as("quota roots of the INBOX").isNotEmpty();
            Quota.Resource storage = quotas.stream().flatMap(q -> q.resource("STORAGE").stream()).findFirst()
                    .orElseThrow(() -> new AssertionError("no STORAGE resource in " + quotas));
            assertThat(storage.limit()).isPositive();
            assertThat(storage.usage()).isPositive().isLessThanOrEqualTo(storage.limit());
            long kib = (message.size() + 1023) / 1024;
            assertThat(storage.usage()).as("STORAGE usage in KiB after delivering %d octets", message.size())
                    .isBetween(1L, kib + 4);
        }
    }

    /**
     * {@link Folder#append} stores a message with its flags and internal date; with UIDPLUS it returns the key of the
     * new message (APPENDUID, RFC 4315), which lists and opens that message.
     */
    @Test
    public void appendsAMessageWithFlagsAndInternalDate() {
        String user = backend().createUser();
        CorpusMessage message = ContractCorpus.encodedWords();
        Instant date = Instant.parse("2025-03-04T05:06:07Z");
        try (MailboxSession s = backend.open(user)) {
            requires(s, Capability.APPEND, "APPEND");
            Optional<MessageKey> key = s.inbox().append(new ByteArrayInputStream(message.bytes()),
                    Flags.of(Flag.SEEN, Flag.FLAGGED), date);
            if (s.capabilities().has(Capability.UIDPLUS)) {
                assertThat(key).as("APPENDUID").isPresent();
            }
            MessageSummary listed = single(s.inbox().summaries(MessageRange.all(), FetchSpec.headers()));
            key.ifPresent(k -> assertThat(listed.key()).isEqualTo(k));
            assertThat(listed.flags().system()).contains(Flag.SEEN, Flag.FLAGGED);
            assertThat(listed.internalDate()).contains(date);
            assertThat(listed.headers().orElseThrow().subject()).contains(message.subject());
            assertThat(messageId(open(s.inbox(), listed.key()))).isEqualTo(message.messageId());
        }
    }

    /**
     * A sent message saved into the folder with the Sent role (RFC 6154 SPECIAL-USE, or the well-known name "Sent")
     * stays on the server: another session, as another device would, lists and reads it there.
     */
    @Test
    public void savesSentMailInTheSentFolderForEveryDevice() {
        String user = backend().createUser();
        CorpusMessage message = ContractCorpus.plain();
        try (MailboxSession laptop = backend.open(user)) {
            requires(laptop, Capability.FOLDERS, "a Sent folder");
            requires(laptop, Capability.APPEND, "saving a sent message with APPEND");
            Optional<FolderInfo> sent = laptop.folderWithRole(FolderRole.SENT);
            if (sent.isEmpty()) {
                laptop.createFolder("Sent");
                sent = laptop.folderWithRole(FolderRole.SENT);
            }
            assertThat(sent).as("the folder with the Sent role (by SPECIAL-USE, or a folder named Sent)").isPresent();
            laptop.folder(sent.get().name()).append(new ByteArrayInputStream(message.bytes()), Flags.of(Flag.SEEN),
                    null);
            try (MailboxSession phone = backend.open(user)) {
                Folder phoneSent = phone.folder(phone.folderWithRole(FolderRole.SENT).orElseThrow().name());
                MessageSummary listed = single(phoneSent.summaries(MessageRange.all(), FetchSpec.headers()));
                assertThat(listed.flags().has(Flag.SEEN)).isTrue();
                assertThat(messageId(open(phoneSent, listed.key()))).isEqualTo(message.messageId());
            }
        }
    }

    /**
     * {@link Folder#changesSince} reports, against a saved snapshot, what another session and a delivery changed:
     * a flag change, an expunged message and a new one, with the same UIDVALIDITY; asked again with the new snapshot
     * it reports nothing.
     */
    @Test
    public void reportsChangesByOthersSinceASavedSnapshot() {
        String user = backend().createUser();
        deliver(user, List.of(ContractCorpus.plain(), ContractCorpus.dotLines(), ContractCorpus.multipart()));
        try (MailboxSession a = backend.open(user)) {
            requires(a, Capability.FLAGS, "snapshots of flags");
            requires(a, Capability.UIDPLUS, "another session expunging one message");
            List<MessageKey> keys = keys(a.inbox());
            FolderSnapshot snapshot = a.inbox().snapshot();
            assertThat(snapshot.flags().keySet()).containsExactlyInAnyOrderElementsOf(
                    keys.stream().map(MessageKey::uid).toList());
            try (MailboxSession b = backend.open(user)) {
                b.inbox().updateFlags(List.of(keys.get(0)), FlagOperation.ADD, Flags.of(Flag.SEEN));
                b.inbox().expunge(List.of(keys.get(1)));
            }
            backend.deliver(user, ContractCorpus.utf8Headers().bytes());

            FolderChanges changes = a.inbox().changesSince(snapshot);
            assertThat(changes.uidValidityChanged()).isFalse();
            assertThat(changes.flagChanges()).containsOnlyKeys(keys.get(0));
            assertThat(changes.flagChanges().get(keys.get(0)).has(Flag.SEEN)).isTrue();
            assertThat(changes.expunged()).containsExactly(keys.get(1));
            assertThat(changes.added()).hasSize(1);
            MessageKey added = changes.added().get(0).key();
            assertThat(keys).doesNotContain(added);
            assertThat(messageId(open(a.inbox(), added))).isEqualTo(ContractCorpus.utf8Headers().messageId());

            FolderChanges none = a.inbox().changesSince(changes.current());
            assertThat(none.uidValidityChanged()).isFalse();
            assertThat(none.added()).isEmpty();
            assertThat(none.flagChanges()).isEmpty();
            assertThat(none.expunged()).isEmpty();
        }
    }

    /**
     * A watch on the INBOX (IMAP IDLE, RFC 2177) reports that it listens with push, then reports a message the
     * backend delivers as new, with a key that lists that message; closing the watch stops it.
     *
     * @throws InterruptedException when interrupted while waiting for events
     */
    @Test
    public void watchReportsAMessageDeliveredByTheBackend() throws InterruptedException {
        String user = backend().createUser();
        try (MailboxSession s = backend.open(user)) {
            requires(s, Capability.PUSH, "push");
            BlockingQueue<MailboxEvent> events = new LinkedBlockingQueue<>();
            Watch watch = s.watch(MessageKey.INBOX, events::add);
            try {
                await(events, e -> e instanceof MailboxEvent.Listening l && l.push(), "Listening(push=true)");
                backend.deliver(user, ContractCorpus.plain().bytes());
                MailboxEvent.NewMessages added = (MailboxEvent.NewMessages) await(events,
                        e -> e instanceof MailboxEvent.NewMessages, "NewMessages");
                assertThat(added.keys()).hasSize(1);
                assertThat(keys(s.inbox())).containsExactlyElementsOf(added.keys());
            } finally {
                watch.close();
            }
            assertThat(watch.isRunning()).isFalse();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Capabilities

    /**
     * Every operation whose capability the session lacks throws {@link UnsupportedCapabilityException} naming that
     * capability (before anything is sent), and the session stays usable; without FOLDERS the folder list is the
     * INBOX alone.
     */
    @Test
    public void refusesOperationsWhoseCapabilityIsMissingAndStaysUsable() {
        String user = backend().createUser();
        backend.deliver(user, ContractCorpus.plain().bytes());
        try (MailboxSession s = backend.open(user)) {
            MessageKey k = single(s.inbox().summaries(MessageRange.all(), FetchSpec.keysAndSizes())).key();
            Folder inbox = s.inbox();
            Map<String, Refusal> refusals = new LinkedHashMap<>();
            refusals.put("createFolder", new Refusal(Capability.FOLDERS, () -> s.createFolder("Other")));
            refusals.put("folder(Other)", new Refusal(Capability.FOLDERS, () -> s.folder("Other").status()));
            refusals.put("copyTo", new Refusal(Capability.FOLDERS, () -> inbox.copyTo(List.of(k), "Other")));
            refusals.put("delete(EXPUNGE)", new Refusal(Capability.FOLDERS,
                    () -> inbox.delete(List.of(k), DeleteMode.EXPUNGE)));
            refusals.put("updateFlags", new Refusal(Capability.FLAGS,
                    () -> inbox.updateFlags(List.of(k), FlagOperation.ADD, Flags.of(Flag.SEEN))));
            refusals.put("snapshot", new Refusal(Capability.FLAGS, inbox::snapshot));
            refusals.put("search", new Refusal(Capability.SERVER_SEARCH, () -> inbox.search(SearchQuery.all())));
            refusals.put("quota", new Refusal(Capability.QUOTA, () -> s.quota(MessageKey.INBOX)));
            refusals.put("append", new Refusal(Capability.APPEND, () -> inbox.append(
                    new ByteArrayInputStream(ContractCorpus.plain().bytes()), Flags.NONE, null)));
            refusals.put("expunge", new Refusal(Capability.UIDPLUS, () -> inbox.expunge(List.of(k))));
            refusals.put("summaries(headers)", new Refusal(Capability.HEADERS_PREVIEW,
                    () -> inbox.summaries(MessageRange.all(), FetchSpec.headers())));
            refusals.put("parts", new Refusal(Capability.PARTIAL_FETCH, () -> inbox.parts(k)));
            boolean canMove = s.capabilities().has(Capability.MOVE) || s.capabilities().has(Capability.UIDPLUS);
            if (!canMove) {
                refusals.put("moveTo", new Refusal(Capability.MOVE, () -> inbox.moveTo(List.of(k), "Other")));
            }
            refusals.values().removeIf(r -> s.capabilities().has(r.capability));
            assumeTrue(!refusals.isEmpty(), "has every capability whose absence this case checks");
            for (Map.Entry<String, Refusal> r : refusals.entrySet()) {
                Throwable thrown = catchThrowable(r.getValue().call::run);
                assertThat(thrown).as("%s without %s", r.getKey(), r.getValue().capability)
                        .isInstanceOfSatisfying(UnsupportedCapabilityException.class,
                                e -> assertThat(e.capability()).isEqualTo(r.getValue().capability));
                assertThat(s.isOpen()).isTrue();
            }
            if (!s.capabilities().has(Capability.FOLDERS)) {
                assertThat(names(s.folders())).containsExactly(MessageKey.INBOX);
            }
            s.noop();
            assertThat(messageId(write(inbox, k))).isEqualTo(ContractCorpus.plain().messageId());
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers

    /** An operation that must be refused for lack of a capability. */
    private record Refusal(Capability capability, Runnable call) {
    }

    /** Skips the case, with the reason printed, unless the session has the capability. */
    private void requires(MailboxSession s, Capability capability, String forWhat) {
        Assumptions.assumeTrue(s.capabilities().has(capability), () -> backend.name() + " has no " + capability
                + " (needed for " + forWhat + ")");
    }

    private void assumeTrue(boolean condition, String reason) {
        Assumptions.assumeTrue(condition, () -> backend.name() + " " + reason);
    }

    private void deliver(String user, List<CorpusMessage> messages) {
        for (CorpusMessage m : messages) {
            backend.deliver(user, m.bytes());
        }
    }

    private static List<MessageKey> keys(Folder folder) {
        return folder.summaries(MessageRange.all(), FetchSpec.keysAndSizes()).stream().map(MessageSummary::key)
                .toList();
    }

    /** The Message-IDs of a folder's messages in server order, read from the streamed messages (no TOP needed). */
    private static List<String> messageIds(Folder folder) {
        List<String> ids = new ArrayList<>();
        for (MessageKey k : keys(folder)) {
            ids.add(messageId(write(folder, k)));
        }
        return ids;
    }

    private static List<String> messageIds(List<CorpusMessage> messages) {
        return messages.stream().map(CorpusMessage::messageId).toList();
    }

    private static String messageId(byte[] message) {
        return MessageHeaders.parse(message).messageId().orElse("(no Message-ID)");
    }

    private static MessageHeaders headers(MessageSummary summary) {
        return summary.headers().orElseThrow(() -> new AssertionError("no headers in a FetchSpec.headers() listing"
                + " of " + summary.key()));
    }

    private static Flags flagsOf(Folder folder, MessageKey key) {
        return single(folder.summaries(MessageRange.of(List.of(key)), FetchSpec.flags())).flags();
    }

    private static List<String> names(List<FolderInfo> folders) {
        return folders.stream().map(FolderInfo::name).toList();
    }

    private static <T> T single(List<T> list) {
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    private static byte[] open(Folder folder, MessageKey key) {
        try (InputStream in = folder.openMessage(key)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] write(Folder folder, MessageKey key) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        long written = folder.writeMessage(key, sink);
        assertThat(written).as("writeMessage's count for %s", key).isEqualTo(sink.size());
        return sink.toByteArray();
    }

    private static MailboxEvent await(BlockingQueue<MailboxEvent> events, Predicate<MailboxEvent> wanted,
            String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EVENT_WAIT_SECONDS);
        List<MailboxEvent> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            MailboxEvent e = events.poll(50, TimeUnit.MILLISECONDS);
            if (e == null) {
                continue;
            }
            if (wanted.test(e)) {
                return e;
            }
            seen.add(e);
        }
        return fail("no " + what + " event within " + EVENT_WAIT_SECONDS + " s; saw " + seen);
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** Counts and hashes what it is given, without keeping it. */
    private static final class DigestingSink extends OutputStream {
        private final MessageDigest digest = digest();
        private long count;

        @Override
        public void write(int b) {
            digest.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            digest.update(b, off, len);
            count += len;
        }

        String hex() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
