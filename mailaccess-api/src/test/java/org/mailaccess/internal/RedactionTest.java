package org.mailaccess.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void pop3SecretsAreRedacted() {
        assertThat(Redaction.pop3("PASS hunter2")).isEqualTo("PASS <redacted>");
        assertThat(Redaction.pop3("APOP ann c4c9334bac560ecc979e58001b3e22fb"))
                .isEqualTo("APOP ann <redacted>");
        assertThat(Redaction.pop3("AUTH PLAIN AGFubgBodW50ZXIy")).isEqualTo("AUTH PLAIN <redacted>");
        assertThat(Redaction.pop3("USER ann")).isEqualTo("USER ann");
        assertThat(Redaction.pop3("RETR 1")).isEqualTo("RETR 1");
    }

    /** POP3 has no tags: a password whose first word is an IMAP verb must not make the line look like IMAP. */
    @Test
    void aPop3PasswordThatLooksLikeAnImapCommandIsRedacted() {
        assertThat(Redaction.pop3("PASS select my horse 42")).isEqualTo("PASS <redacted>");
        assertThat(Redaction.pop3("PASS LOGIN ann hunter2")).isEqualTo("PASS <redacted>");
        assertThat(Redaction.pop3("pass fetch")).isEqualTo("pass <redacted>");
    }

    @Test
    void imapSecretsAreRedacted() {
        assertThat(Redaction.imap("A1 LOGIN ann hunter2")).isEqualTo("A1 LOGIN ann <redacted>");
        assertThat(Redaction.imap("A1 LOGIN \"ann smith\" \"hunter 2\"")).doesNotContain("hunter")
                .doesNotContain("smith");
        assertThat(Redaction.imap("A2 AUTHENTICATE XOAUTH2 dXNlcj1hbm4BYXV0aD1CZWFyZXIgdG9rAQE="))
                .isEqualTo("A2 AUTHENTICATE XOAUTH2 <redacted>");
        assertThat(Redaction.imap("A3 SELECT INBOX")).isEqualTo("A3 SELECT INBOX");
        assertThat(Redaction.imap("A4 PASS x")).isEqualTo("A4 PASS x");
    }
}
