package org.mailaccess.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailaccess.search.SearchQuery.and;
import static org.mailaccess.search.SearchQuery.body;
import static org.mailaccess.search.SearchQuery.flagged;
import static org.mailaccess.search.SearchQuery.from;
import static org.mailaccess.search.SearchQuery.header;
import static org.mailaccess.search.SearchQuery.keyword;
import static org.mailaccess.search.SearchQuery.larger;
import static org.mailaccess.search.SearchQuery.not;
import static org.mailaccess.search.SearchQuery.or;
import static org.mailaccess.search.SearchQuery.since;
import static org.mailaccess.search.SearchQuery.subject;
import static org.mailaccess.search.SearchQuery.text;
import static org.mailaccess.search.SearchQuery.unseen;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailaccess.Flag;
import org.mailaccess.FlagOperation;
import org.mailaccess.Flags;
import org.mailaccess.Folder;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageKey;
import org.mailaccess.search.SearchQuery;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

class ImapSearchTest {

    @RegisterExtension
    static GreenMailExtension greenMail = GreenMailImap.extension();

    @Test
    void criteriaAreEvaluatedByTheServer() {
        GreenMailImap.user(greenMail);
        try (MailboxSession s = GreenMailImap.open(greenMail)) {
            Folder inbox = s.inbox();
            List<MessageKey> k = new ArrayList<>();
            k.add(add(inbox, "alice@example.org", "Quarterly report", "numbers inside", "2026-01-10T10:00:00Z"));
            k.add(add(inbox, "bob@example.org", "Lunch?", "pizza or sushi", "2026-02-10T10:00:00Z"));
            k.add(add(inbox, "carol@example.org", "Report draft", "see attachment " + "x".repeat(3000),
                    "2026-03-10T10:00:00Z"));
            inbox.updateFlags(List.of(k.get(1)), FlagOperation.ADD, new Flags(Set.of(Flag.SEEN, Flag.FLAGGED),
                    Set.of("$Important")));

            assertThat(inbox.search(from("bob@example.org"))).containsExactly(k.get(1));
            assertThat(inbox.search(subject("report"))).containsExactly(k.get(0), k.get(2));
            assertThat(inbox.search(body("pizza"))).containsExactly(k.get(1));
            assertThat(inbox.search(text("sushi"))).containsExactly(k.get(1));
            assertThat(inbox.search(header("Subject", "Lunch"))).containsExactly(k.get(1));
            assertThat(inbox.search(unseen())).containsExactly(k.get(0), k.get(2));
            assertThat(inbox.search(flagged(Flag.FLAGGED))).containsExactly(k.get(1));
            assertThat(inbox.search(keyword("$Important"))).containsExactly(k.get(1));
            assertThat(inbox.search(larger(2500))).containsExactly(k.get(2));
            assertThat(inbox.search(since(LocalDate.of(2026, 2, 1)))).containsExactly(k.get(1), k.get(2));
            // GreenMail matches FROM against the whole address, not as a substring as RFC 3501 asks.
            assertThat(inbox.search(or(from("alice@example.org"), from("carol@example.org"))))
                    .containsExactly(k.get(0), k.get(2));
            assertThat(inbox.search(and(subject("report"), not(from("alice@example.org")))))
                    .containsExactly(k.get(2));
            // A parenthesised group, "NOT (SUBJECT report FROM ...)", is valid IMAP (RFC 3501 section 9) that GreenMail
            // answers with "NO Search command not supported"; its encoding is checked in ImapSearchEncoderTest.
            assertThatThrownBy(() -> inbox.search(not(and(subject("report"), from("alice@example.org")))))
                    .isInstanceOf(org.mailaccess.CommandFailedException.class);
            assertThat(inbox.search(SearchQuery.all())).containsExactlyElementsOf(k);
        }
    }

    @Test
    void nonAsciiTextIsSentAsUtf8WithCharset() {
        GreenMailImap.user(greenMail);
        GreenMailImap.RecordingListener events = new GreenMailImap.RecordingListener();
        try (MailboxSession s = GreenMailImap.client(ImapOptions.defaults(), events).open(
                GreenMailImap.endpoint(greenMail), org.mailaccess.Credentials.password(GreenMailImap.USER,
                        GreenMailImap.PASSWORD))) {
            MessageKey k = add(s.inbox(), "bob@example.org", "=?UTF-8?Q?Gr=C3=BC=C3=9Fe?=", "Straße", null);
            add(s.inbox(), "bob@example.org", "plain", "plain", null);
            assertThat(s.inbox().search(body("Straße"))).containsExactly(k);
            assertThat(events.events).anyMatch(e -> e.contains("UID SEARCH CHARSET UTF-8 BODY {"));
        }
    }

    @Test
    void invalidKeywordsAndNulAreRefusedLocally() {
        GreenMailImap.user(greenMail);
        try (MailboxSession s = GreenMailImap.open(greenMail)) {
            assertThatThrownBy(() -> s.inbox().search(keyword("bad keyword)"))).isInstanceOf(
                    IllegalArgumentException.class);
            assertThatThrownBy(() -> s.inbox().search(subject("nul\0"))).isInstanceOf(IllegalArgumentException.class);
            s.noop();
        }
    }

    /**
     * Arbitrary search strings (CR, LF, quotes, backslashes, literal markers, non-ASCII) go out as one command: the
     * client's own wire observer sees exactly one tagged command per search, the server answers it, and the session
     * stays in step. Byte-exact argument round-trips are checked in {@code ImapSearchEncoderTest}.
     */
    @Test
    void arbitrarySearchStringsNeverSplitTheCommand() {
        GreenMailImap.user(greenMail);
        GreenMailImap.RecordingListener events = new GreenMailImap.RecordingListener();
        try (MailboxSession s = GreenMailImap.client(ImapOptions.defaults(), events).open(
                GreenMailImap.endpoint(greenMail), org.mailaccess.Credentials.password(GreenMailImap.USER,
                        GreenMailImap.PASSWORD))) {
            MessageKey k = add(s.inbox(), "bob@example.org", "marker", "x", null);
            assertThat(s.inbox().search(subject("marker"))).containsExactly(k);
            QuickTheory.qt().withExamples(25).withShrinkCycles(20).forAll(hostileStrings()).checkAssert(str -> {
                long before = events.commandsStartingWith("UID SEARCH");
                int size = events.events.size();
                s.inbox().search(or(subject(str), subject("marker")));
                assertThat(events.commandsStartingWith("UID SEARCH")).isEqualTo(before + 1);
                // Nothing but that command and its tagged reply passed on the wire.
                assertThat(events.events.subList(size, events.events.size()))
                        .filteredOn(e -> e.startsWith("C: ")).hasSize(1);
                assertThat(s.inbox().search(subject("marker"))).containsExactly(k);
            });
        }
    }

    static Gen<String> hostileStrings() {
        Gen<String> pieces = SourceDSL.arbitrary().pick(List.of("\r", "\n", "\r\n", "\"", "\\", "{5}", "{5+}", "~{5}",
                "*", "%", "(", ")", " ", "A1 LOGOUT", "\r\nA2 DELETE INBOX\r\n", "ü", "😀", "]", "NIL", "a", "{0}\r\n"));
        return SourceDSL.lists().of(pieces).ofSizeBetween(1, 8).map(l -> String.join("", l));
    }

    private static MessageKey add(Folder f, String from, String subject, String body, String date) {
        return f.append(new ByteArrayInputStream(GreenMailImap.message(from, subject, body)), Flags.NONE,
                date == null ? null : Instant.parse(date)).orElseThrow();
    }
}
