package org.mailaccess.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailaccess.testkit.contract.ContractSupport.deliver;
import static org.mailaccess.testkit.contract.ContractSupport.flagsOf;
import static org.mailaccess.testkit.contract.ContractSupport.keys;
import static org.mailaccess.testkit.contract.ContractSupport.open;
import static org.mailaccess.testkit.contract.ContractSupport.requires;
import static org.mailaccess.testkit.contract.ContractSupport.single;
import static org.mailaccess.testkit.contract.ContractSupport.write;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailaccess.Capability;
import org.mailaccess.FetchSpec;
import org.mailaccess.Flag;
import org.mailaccess.FlagOperation;
import org.mailaccess.Flags;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageKey;
import org.mailaccess.MessageRange;

/**
 * Flags: the cases of {@link MailboxSessionContract} about system flags and keywords stored on the server and seen by a
 * second session, and reading without marking seen.
 *
 * <p>One part of the contract, not meant to be implemented on its own: extend {@link MailboxSessionContract},
 * which implements every part, runs these cases against its {@link ContractBackend} and reports their skips.
 */
public sealed interface FlagCases extends ContractCases permits MailboxSessionContract {

    /**
     * Flags are added, removed and replaced with one operation per call, stored on the server and seen by a second
     * session at once.
     */
    @Test
    default void addsRemovesAndReplacesFlagsSeenByASecondSession() {
        String user = backend().createUser();
        deliver(backend(), user, List.of(ContractCorpus.plain(), ContractCorpus.dotLines()));
        try (MailboxSession a = backend().open(user)) {
            requires(backend(), a, Capability.FLAGS, "flags stored on the server");
            try (MailboxSession b = backend().open(user)) {
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
    default void storesKeywordsSeenByASecondSession() {
        String user = backend().createUser();
        backend().deliver(user, ContractCorpus.plain().bytes());
        try (MailboxSession a = backend().open(user)) {
            requires(backend(), a, Capability.FLAGS, "flags stored on the server");
            try (MailboxSession b = backend().open(user)) {
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
    default void readingAMessageDoesNotMarkItSeen() {
        String user = backend().createUser();
        backend().deliver(user, ContractCorpus.plain().bytes());
        try (MailboxSession s = backend().open(user)) {
            requires(backend(), s, Capability.FLAGS, "a \\Seen flag");
            MessageKey k = single(keys(s.inbox()));
            s.inbox().summaries(MessageRange.all(), FetchSpec.headers());
            open(s.inbox(), k);
            write(s.inbox(), k);
            assertThat(flagsOf(s.inbox(), k).has(Flag.SEEN)).isFalse();
        }
        try (MailboxSession s = backend().open(user)) {
            assertThat(flagsOf(s.inbox(), single(keys(s.inbox()))).has(Flag.SEEN)).isFalse();
        }
    }
}
