package org.mailaccess.testkit.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.mailaccess.testkit.DovecotServer;

@ResourceLock("mailaccess.dovecot.binary")
class DovecotConditionTest {

    private static final String PROPERTY = "mailaccess.dovecot.binary";

    @Test
    void withoutDovecotTheTestIsSkippedWithTheInstallHintOrFailsOnCi() {
        String before = System.getProperty(PROPERTY);
        System.setProperty(PROPERTY, "/nonexistent/dovecot");
        try {
            assertThat(DovecotServer.isAvailable()).isFalse();
            boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
            Throwable thrown = catchThrowable(() -> {
                ConditionEvaluationResult result = new DovecotCondition().evaluateExecutionCondition(null);
                assertThat(result.isDisabled()).isTrue();
                assertThat(result.getReason()).hasValueSatisfying(reason -> assertThat(reason)
                        .contains("install dovecot-imapd and dovecot-pop3d (apt-get install -y dovecot-imapd"
                                + " dovecot-pop3d)"));
            });
            if (ci) {
                assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessageContaining("CI=true")
                        .hasMessageContaining("apt-get install -y dovecot-imapd dovecot-pop3d");
            } else {
                assertThat(thrown).isNull();
            }
        } finally {
            if (before == null) {
                System.clearProperty(PROPERTY);
            } else {
                System.setProperty(PROPERTY, before);
            }
        }
    }

    @Test
    void withDovecotTheTestRuns() {
        org.junit.jupiter.api.Assumptions.assumeTrue(DovecotServer.isAvailable(), "Dovecot is not installed here");
        assertThat(new DovecotCondition().evaluateExecutionCondition(null).isDisabled()).isFalse();
    }
}
