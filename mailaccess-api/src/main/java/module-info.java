/**
 * The neutral mailaccess API: {@link org.mailaccess.MailboxClient}, {@link org.mailaccess.MailboxSession}, the value
 * types and the exception family. Protocol modules plug in through {@link org.mailaccess.spi.MailboxProvider}.
 */
module org.mailaccess {
    requires jakarta.mail;

    exports org.mailaccess;
    exports org.mailaccess.search;
    exports org.mailaccess.spi;
    exports org.mailaccess.internal to org.mailaccess.pop3, org.mailaccess.imap, org.mailaccess.testkit;

    uses org.mailaccess.spi.MailboxProvider;
}
