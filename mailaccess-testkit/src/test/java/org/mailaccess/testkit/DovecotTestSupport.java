package org.mailaccess.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/** Decides what happens to Dovecot tests on a machine without Dovecot. */
final class DovecotTestSupport {

    private DovecotTestSupport() {
    }

    /**
     * Returns if Dovecot is installed. Otherwise the calling test (or, from {@code @BeforeAll}, the whole class) is
     * reported as skipped with instructions to install it; on CI ({@code CI=true}) it fails instead, so a broken CI
     * image cannot pass by skipping the only tests against a real server.
     */
    static void requireDovecot() {
        Optional<String> problem = DovecotServer.availabilityProblem();
        if (problem.isEmpty()) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true, so the Dovecot tests must run, but: " + problem.get());
        }
        Assumptions.abort("Skipped: " + problem.get());
    }
}
