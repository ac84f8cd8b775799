package org.mailaccess.testkit.junit5;

import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.mailaccess.testkit.DovecotServer;

/**
 * The JUnit 5 condition behind {@link RequiresDovecot}: enables the test when Dovecot is installed
 * ({@link DovecotServer#isAvailable()}); otherwise disables it with {@link DovecotServer#availabilityProblem()} as
 * the reason (also printed to standard output once per class, since build logs show only the number of skipped
 * tests), or, when the environment variable {@code CI} is {@code true}, fails it.
 *
 * <p>Public only because JUnit instantiates it; use {@link RequiresDovecot} rather than naming this class.
 */
public final class DovecotCondition implements ExecutionCondition {

    /** The environment variable that marks a CI run, where skipping the Dovecot tests is not allowed. */
    public static final String CI_VARIABLE = "CI";

    /** Creates the condition; JUnit calls this. */
    public DovecotCondition() {
    }

    /**
     * Decides whether the annotated class or method may run.
     *
     * @param context the class or method about to run
     * @return enabled when Dovecot is installed, disabled with the install hint when it is not
     * @throws IllegalStateException when Dovecot is missing and {@code CI=true}; JUnit reports the test (or the whole
     *                               class) as failed with this message
     */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> problem = DovecotServer.availabilityProblem();
        if (problem.isEmpty()) {
            return ConditionEvaluationResult.enabled("Dovecot is installed");
        }
        if (isCi()) {
            throw new IllegalStateException(CI_VARIABLE + "=true, so the tests against a real Dovecot must run and"
                    + " must not be skipped, but: " + problem.get());
        }
        String reason = "Skipped: " + problem.get();
        if (context != null && context.getTestMethod().isEmpty()) {
            // Build tools report a skipped class by its count only; say why once per class in the log.
            System.out.println("[dovecot] " + context.getDisplayName() + ": " + reason);
        }
        return ConditionEvaluationResult.disabled(reason);
    }

    private static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv(CI_VARIABLE));
    }
}
