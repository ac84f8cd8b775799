package org.mailaccess.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void pop3SecretsAreRedacted() {
        assertThat(Redaction.command("PASS hunter2")).isEqualTo("PASS <redacted>");
        assertThat(Redaction.command("APOP ann c4c9334bac560ecc979e58001b3e22fb"))
                .isEqualTo("APOP ann <redacted>");
        assertThat(Redaction.command("AUTH PLAIN AGFubgBodW50ZXIy")).isEqualTo("AUTH PLAIN <redacted>");
        assertThat(Redaction.command("USER ann")).isEqualTo("USER ann");
        assertThat(Redaction.command("RETR 1")).isEqualTo("RETR 1");
    }

    @Test
    void imapSecretsAreRedacted() {
        assertThat(Redaction.command("A1 LOGIN ann hunter2")).isEqualTo("A1 LOGIN ann <redacted>");
        assertThat(Redaction.command("A1 LOGIN \"ann smith\" \"hunter 2\"")).doesNotContain("hunter");
        assertThat(Redaction.command("A2 AUTHENTICATE XOAUTH2 dXNlcj1hbm4BYXV0aD1CZWFyZXIgdG9rAQE="))
                .isEqualTo("A2 AUTHENTICATE XOAUTH2 <redacted>");
        assertThat(Redaction.command("A3 SELECT INBOX")).isEqualTo("A3 SELECT INBOX");
    }
}
