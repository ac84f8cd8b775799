package org.mailaccess.testkit.junit5;

import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.mailaccess.testkit.FakeImapServer;
import org.mailaccess.testkit.FakePop3Server;

/**
 * The JUnit 5 extension behind {@link FakeServers}: resolves parameters of the fake server types with a freshly
 * started server and registers it for closing in the extension context store, so it is closed when the scope that
 * asked for it (the test method, or the test instance for constructor parameters) ends.
 *
 * <p>Public only because JUnit instantiates it; use {@link FakeServers} rather than naming this class. Needs JUnit
 * 5.13 or later, which closes {@link AutoCloseable} values of the extension context store.
 */
public final class FakeServerExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(FakeServerExtension.class);

    /** One entry per injectable server type. */
    private static final Map<Class<?>, Supplier<? extends AutoCloseable>> FACTORIES =
            Map.of(FakePop3Server.class, FakePop3Server::start, FakeImapServer.class, FakeImapServer::start);

    /** Creates the extension; JUnit calls this. */
    public FakeServerExtension() {
    }

    /**
     * Supports parameters whose type is one of the fake servers.
     *
     * @param parameterContext the parameter
     * @param extensionContext the current scope
     * @return true for fake server parameters
     */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return FACTORIES.containsKey(parameterContext.getParameter().getType());
    }

    /**
     * Starts a server for the parameter and registers it for closing.
     *
     * @param parameterContext the parameter
     * @param extensionContext the current scope
     * @return the started server
     */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        AutoCloseable server = FACTORIES.get(parameterContext.getParameter().getType()).get();
        // JUnit 5.13+ closes AutoCloseable store values when their context ends; CloseableResource is deprecated.
        extensionContext.getStore(NAMESPACE).put(new Object(), server);
        return server;
    }
}
