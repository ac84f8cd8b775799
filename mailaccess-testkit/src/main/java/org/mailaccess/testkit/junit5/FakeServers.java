package org.mailaccess.testkit.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Lets JUnit 5 inject started fake servers into test method and constructor parameters, and close them afterwards.
 *
 * <pre>{@code
 * @FakeServers
 * class ClientTest {
 *     @Test
 *     void downloadsEverything(FakePop3Server server) {
 *         server.addUser("alice", "secret");
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>Every parameter gets its own server with default settings. A server injected into a test method is closed after
 * that test; one injected into the constructor is closed
 * at the latest when the test class has finished. For custom profiles,
 * build the server in the test with {@code FakePop3Server.builder()} or {@code FakeImapServer.builder()}
 * instead.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(FakeServerExtension.class)
public @interface FakeServers {
}
