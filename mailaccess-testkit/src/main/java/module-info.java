/**
 * Fake POP3 and IMAP servers for testing mail clients: in-memory mailboxes, a throw-away TLS PKI, recorded
 * commands and scripted faults. The JUnit 5 integration in {@code org.mailaccess.testkit.junit5} is optional.
 */
module org.mailaccess.testkit {
    requires transitive org.mailaccess;
    requires jakarta.mail;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;
    requires static transitive org.junit.jupiter.api;
    requires static org.assertj.core;

    exports org.mailaccess.testkit;
    exports org.mailaccess.testkit.junit5;
    exports org.mailaccess.testkit.contract;
}
