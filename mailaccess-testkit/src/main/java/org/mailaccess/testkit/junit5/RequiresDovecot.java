package org.mailaccess.testkit.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks tests that need a real Dovecot ({@link org.mailaccess.testkit.DovecotServer}): on a machine without it they
 * are skipped, with a reason that says how to install it ("install dovecot-imapd and dovecot-pop3d (apt-get install
 * -y dovecot-imapd dovecot-pop3d)"). On CI, where the environment variable {@code CI} is {@code true}, a missing
 * Dovecot is a failure instead, so a broken CI image cannot pass by skipping the only tests against a real server.
 *
 * <pre>{@code
 * @RequiresDovecot
 * class AgainstDovecotTest {
 *     static DovecotServer dovecot;
 *
 *     @BeforeAll
 *     static void start() {
 *         dovecot = DovecotServer.builder().user("alice", "secret").start();   // only runs when installed
 *     }
 *     ...
 * }
 * }</pre>
 *
 * <p>On a class the decision is made once, before {@code @BeforeAll} runs; it is inherited by subclasses. It may also
 * be put on single test methods.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(DovecotCondition.class)
public @interface RequiresDovecot {
}
