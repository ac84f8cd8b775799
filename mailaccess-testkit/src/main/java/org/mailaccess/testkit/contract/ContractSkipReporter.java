package org.mailaccess.testkit.contract;

import java.io.PrintStream;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints one line for every contract case that did not run, with its reason, so that a skipped case is never a
 * silent pass: build logs show, for example,
 * {@code [contract] FakePop3ReducedContractTest > previewsHeaders...: SKIPPED: fake POP3 (no TOP) has no
 * HEADERS_PREVIEW ...}. Registered by {@link MailboxSessionContract}; public only because JUnit instantiates it.
 */
public final class ContractSkipReporter implements TestWatcher {

    private static final PrintStream OUT = System.out;
    private static final String JUNIT_PREFIX = "Assumption failed: ";

    /** Creates the reporter; JUnit calls this. */
    public ContractSkipReporter() {
    }

    /**
     * Prints the reason of a case that an assumption skipped (a missing capability or a known gap of the backend).
     *
     * @param context the case
     * @param cause   the failed assumption
     */
    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        String reason = cause == null ? "(no reason given)" : String.valueOf(cause.getMessage());
        print(context, reason.startsWith(JUNIT_PREFIX) ? reason.substring(JUNIT_PREFIX.length()) : reason);
    }

    /**
     * Prints the reason of a case that a condition disabled (for example {@code @RequiresDovecot}).
     *
     * @param context the case
     * @param reason  the condition's reason
     */
    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        print(context, reason.orElse("(disabled, no reason given)"));
    }

    private static void print(ExtensionContext context, String reason) {
        String testClass = context.getTestClass().map(Class::getSimpleName).orElse("?");
        String method = context.getTestMethod().map(m -> m.getName()).orElse(context.getDisplayName());
        OUT.println("[contract] " + testClass + " > " + method + ": SKIPPED: " + reason);
    }
}
