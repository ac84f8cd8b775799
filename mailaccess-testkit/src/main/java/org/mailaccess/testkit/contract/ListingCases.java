package org.mailaccess.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailaccess.testkit.contract.ContractSupport.deliver;
import static org.mailaccess.testkit.contract.ContractSupport.headers;
import static org.mailaccess.testkit.contract.ContractSupport.keys;
import static org.mailaccess.testkit.contract.ContractSupport.messageIds;
import static org.mailaccess.testkit.contract.ContractSupport.requires;
import static org.mailaccess.testkit.contract.ContractSupport.single;
import static org.mailaccess.testkit.contract.ContractSupport.write;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailaccess.Capability;
import org.mailaccess.FetchSpec;
import org.mailaccess.LogoutResult;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageHeaders;
import org.mailaccess.MessageKey;
import org.mailaccess.MessageRange;
import org.mailaccess.MessageSummary;

/**
 * Listing and previewing: the cases of {@link MailboxSessionContract} about listing every message once with its exact
 * size and stable keys, listing chosen keys and the newest messages, and previewing headers (encoded words and raw
 * UTF-8).
 *
 * <p>One part of the contract, not meant to be implemented on its own: extend {@link MailboxSessionContract},
 * which implements every part, runs these cases against its {@link ContractBackend} and reports their skips.
 */
public sealed interface ListingCases extends ContractCases permits MailboxSessionContract {

    /**
     * Every delivered message is listed once, in delivery order, with a distinct key of the INBOX and a positive size;
     * STAT/STATUS counts them.
     */
    @Test
    default void listsEveryDeliveredMessageOnceInDeliveryOrder() {
        String user = backend().createUser();
        List<CorpusMessage> corpus = ContractCorpus.small();
        deliver(backend(), user, corpus);
        try (MailboxSession s = backend().open(user)) {
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
    default void listsTheExactSizeOfEachMessage() {
        String user = backend().createUser();
        deliver(backend(), user, ContractCorpus.small());
        try (MailboxSession s = backend().open(user)) {
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
    default void keysStayTheSameInALaterSession() {
        String user = backend().createUser();
        deliver(backend(), user, ContractCorpus.small());
        List<MessageKey> first;
        try (MailboxSession s = backend().open(user)) {
            requires(backend(), s, Capability.PERSISTENT_IDS, "keys that survive the session");
            first = keys(s.inbox());
            assertThat(s.logout().outcome()).isEqualTo(LogoutResult.Outcome.NOTHING_PENDING);
        }
        try (MailboxSession s = backend().open(user)) {
            assertThat(keys(s.inbox())).containsExactlyElementsOf(first);
        }
    }

    /**
     * Summaries with headers (POP3 {@code TOP n 0}, IMAP {@code BODY.PEEK[HEADER]}) carry the header section only,
     * decode RFC 2047 encoded words in Subject and in the From display name, and parse From and Message-ID.
     */
    @Test
    default void previewsHeadersDecodingEncodedWords() {
        String user = backend().createUser();
        List<CorpusMessage> corpus = List.of(ContractCorpus.plain(), ContractCorpus.encodedWords(),
                ContractCorpus.multipart(), ContractCorpus.dotLines());
        deliver(backend(), user, corpus);
        try (MailboxSession s = backend().open(user)) {
            requires(backend(), s, Capability.HEADERS_PREVIEW, "summaries with headers");
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
    default void previewsRawUtf8Headers() {
        String user = backend().createUser();
        CorpusMessage utf8 = ContractCorpus.utf8Headers();
        backend().deliver(user, utf8.bytes());
        try (MailboxSession s = backend().open(user)) {
            requires(backend(), s, Capability.HEADERS_PREVIEW, "summaries with headers");
            MessageHeaders headers = headers(single(s.inbox().summaries(MessageRange.all(), FetchSpec.headers())));
            assertThat(headers.subject()).contains(utf8.subject());
            assertThat(headers.messageId()).contains(utf8.messageId());
        }
    }

    /** A listing can be limited to chosen keys (in server order) or to the newest messages. */
    @Test
    default void listsChosenKeysAndTheNewestMessages() {
        String user = backend().createUser();
        deliver(backend(), user, ContractCorpus.small());
        try (MailboxSession s = backend().open(user)) {
            List<MessageKey> all = keys(s.inbox());
            List<MessageKey> chosen = List.of(all.get(3), all.get(1));
            assertThat(s.inbox().summaries(MessageRange.of(chosen), FetchSpec.keysAndSizes()))
                    .extracting(MessageSummary::key).containsExactly(all.get(1), all.get(3));
            assertThat(s.inbox().summaries(MessageRange.newest(2), FetchSpec.keysAndSizes()))
                    .extracting(MessageSummary::key).containsExactly(all.get(3), all.get(4));
        }
    }
}
