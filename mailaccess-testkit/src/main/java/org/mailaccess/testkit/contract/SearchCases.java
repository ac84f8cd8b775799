package org.mailaccess.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailaccess.testkit.contract.ContractSupport.deliver;
import static org.mailaccess.testkit.contract.ContractSupport.keys;
import static org.mailaccess.testkit.contract.ContractSupport.requires;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailaccess.Capability;
import org.mailaccess.FetchSpec;
import org.mailaccess.Flag;
import org.mailaccess.FlagOperation;
import org.mailaccess.Flags;
import org.mailaccess.Folder;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageKey;
import org.mailaccess.MessageRange;
import org.mailaccess.MessageSummary;
import org.mailaccess.search.SearchQuery;

/**
 * Searching: the cases of {@link MailboxSessionContract} about server search by subject, sender, body, header, flag and
 * size, and for non-ASCII text.
 *
 * <p>One part of the contract, not meant to be implemented on its own: extend {@link MailboxSessionContract},
 * which implements every part, runs these cases against its {@link ContractBackend} and reports their skips.
 */
public sealed interface SearchCases extends ContractCases permits MailboxSessionContract {

    /**
     * Server search finds messages by subject, sender, body, any text, header, flag and size, combined with AND, OR
     * and NOT, and returns keys in ascending order.
     */
    @Test
    default void searchesOnTheServerBySubjectSenderBodyHeaderFlagAndSize() {
        String user = backend().createUser();
        deliver(backend(), user, ContractCorpus.small());
        try (MailboxSession s = backend().open(user)) {
            requires(backend(), s, Capability.SERVER_SEARCH, "server search");
            requires(backend(), s, Capability.FLAGS, "searching by flag");
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
    default void searchesNonAsciiTextInEncodedWordSubjects() {
        String user = backend().createUser();
        deliver(backend(), user, ContractCorpus.small());
        try (MailboxSession s = backend().open(user)) {
            requires(backend(), s, Capability.SERVER_SEARCH, "server search");
            List<MessageKey> k = keys(s.inbox());
            assertThat(s.inbox().search(SearchQuery.subject("Grüße aus Köln"))).containsExactly(k.get(1));
            assertThat(s.inbox().search(SearchQuery.subject("日本語 ✓"))).containsExactly(k.get(1));
        }
    }

    /** Server search matches non-ASCII text in a raw UTF-8 subject (RFC 6532 header, CHARSET UTF-8 search). */
    @Test
    default void searchesNonAsciiTextInRawUtf8Subjects() {
        String user = backend().createUser();
        deliver(backend(), user, ContractCorpus.small());
        try (MailboxSession s = backend().open(user)) {
            requires(backend(), s, Capability.SERVER_SEARCH, "server search");
            List<MessageKey> k = keys(s.inbox());
            assertThat(s.inbox().search(SearchQuery.subject("Привет"))).containsExactly(k.get(2));
        }
    }
}
