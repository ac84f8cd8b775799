/**
 * POP3 for mailaccess (RFC 1939, with CAPA and PIPELINING from RFC 2449, STLS from RFC 2595 and AUTH from RFC 5034),
 * on Apache Commons Net. Applications use the neutral {@code org.mailaccess} API; this module adds
 * {@link org.mailaccess.pop3.Pop3Options} and the {@link org.mailaccess.pop3.Pop3Access} extension.
 */
module org.mailaccess.pop3 {
    requires transitive org.mailaccess;
    requires org.apache.commons.net;

    exports org.mailaccess.pop3;
    exports org.mailaccess.pop3.download;

    provides org.mailaccess.spi.MailboxProvider with org.mailaccess.pop3.internal.Pop3Provider;
}
