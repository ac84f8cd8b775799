package org.mailaccess.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailaccess.testkit.contract.ContractSupport.messageId;
import static org.mailaccess.testkit.contract.ContractSupport.open;
import static org.mailaccess.testkit.contract.ContractSupport.requires;
import static org.mailaccess.testkit.contract.ContractSupport.single;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mailaccess.Capability;
import org.mailaccess.FetchSpec;
import org.mailaccess.Flag;
import org.mailaccess.Flags;
import org.mailaccess.Folder;
import org.mailaccess.FolderInfo;
import org.mailaccess.FolderRole;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageKey;
import org.mailaccess.MessageRange;
import org.mailaccess.MessageSummary;
import org.mailaccess.Quota;

/**
 * Append and quota: the cases of {@link MailboxSessionContract} about appending a message with flags and internal date,
 * saving sent mail in the Sent folder, and the quota of the INBOX.
 *
 * <p>One part of the contract, not meant to be implemented on its own: extend {@link MailboxSessionContract},
 * which implements every part, runs these cases against its {@link ContractBackend} and reports their skips.
 */
public sealed interface AppendCases extends ContractCases permits MailboxSessionContract {

    /**
     * {@link Folder#append} stores a message with its flags and internal date; with UIDPLUS it returns the key of the
     * new message (APPENDUID, RFC 4315), which lists and opens that message.
     */
    @Test
    default void appendsAMessageWithFlagsAndInternalDate() {
        String user = backend().createUser();
        CorpusMessage message = ContractCorpus.encodedWords();
        Instant date = Instant.parse("2025-03-04T05:06:07Z");
        try (MailboxSession s = backend().open(user)) {
            requires(backend(), s, Capability.APPEND, "APPEND");
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
    default void savesSentMailInTheSentFolderForEveryDevice() {
        String user = backend().createUser();
        CorpusMessage message = ContractCorpus.plain();
        try (MailboxSession laptop = backend().open(user)) {
            requires(backend(), laptop, Capability.FOLDERS, "a Sent folder");
            requires(backend(), laptop, Capability.APPEND, "saving a sent message with APPEND");
            Optional<FolderInfo> sent = laptop.folderWithRole(FolderRole.SENT);
            if (sent.isEmpty()) {
                laptop.createFolder("Sent");
                sent = laptop.folderWithRole(FolderRole.SENT);
            }
            assertThat(sent).as("the folder with the Sent role (by SPECIAL-USE, or a folder named Sent)").isPresent();
            laptop.folder(sent.get().name()).append(new ByteArrayInputStream(message.bytes()), Flags.of(Flag.SEEN),
                    null);
            try (MailboxSession phone = backend().open(user)) {
                Folder phoneSent = phone.folder(phone.folderWithRole(FolderRole.SENT).orElseThrow().name());
                MessageSummary listed = single(phoneSent.summaries(MessageRange.all(), FetchSpec.headers()));
                assertThat(listed.flags().has(Flag.SEEN)).isTrue();
                assertThat(messageId(open(phoneSent, listed.key()))).isEqualTo(message.messageId());
            }
        }
    }

    /**
     * The quota of the INBOX's quota root (RFC 9208 GETQUOTAROOT) reports a STORAGE resource with a positive limit
     * and a usage that counts the delivered mail in units of 1024 octets (RFC 9208 section 5.1).
     */
    @Test
    default void reportsTheQuotaOfTheInbox() {
        String user = backend().createUser();
        CorpusMessage message = ContractCorpus.multipart();
        backend().deliver(user, message.bytes());
        try (MailboxSession s = backend().open(user)) {
            requires(backend(), s, Capability.QUOTA, "quota");
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
}
