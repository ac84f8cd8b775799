package org.mailaccess.imap;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailaccess.FetchSpec;
import org.mailaccess.Flags;
import org.mailaccess.Folder;
import org.mailaccess.MailboxSession;
import org.mailaccess.MessageKey;
import org.mailaccess.MessageRange;
import org.mailaccess.MessageSummary;

class ImapGreenMailSmokeTest {

    @RegisterExtension
    static GreenMailExtension greenMail = GreenMailImap.extension();

    @Test
    void appendedMessageIsListedWithItsHeaders() {
        GreenMailImap.user(greenMail);
        try (MailboxSession s = GreenMailImap.open(greenMail)) {
            Folder inbox = s.inbox();
            java.util.Optional<MessageKey> key = inbox.append(new ByteArrayInputStream(
                    GreenMailImap.message("Hello", "Body")), Flags.NONE, Instant.parse("2026-03-02T10:00:00Z"));
            assertThat(key).isPresent();
            List<MessageSummary> all = inbox.summaries(MessageRange.all(), FetchSpec.headers());
            assertThat(all).hasSize(1);
            assertThat(all.get(0).headers().orElseThrow().subject()).contains("Hello");
            assertThat(all.get(0).key()).isEqualTo(key.get());
        }
    }
}
