/**
 * IMAP for mailaccess (RFC 3501 / RFC 9051 with IDLE RFC 2177, UIDPLUS RFC 4315, MOVE RFC 6851, QUOTA RFC 9208,
 * SPECIAL-USE RFC 6154, CONDSTORE/QRESYNC RFC 7162), on Eclipse Angus Mail's IMAP protocol engine. Applications use
 * the neutral {@code org.mailaccess} API; this module adds only {@link org.mailaccess.imap.ImapOptions}. No Angus or
 * Jakarta Mail type appears in its exported package.
 */
module org.mailaccess.imap {
    requires transitive org.mailaccess;
    requires org.eclipse.angus.mail;
    requires jakarta.mail;

    exports org.mailaccess.imap;

    provides org.mailaccess.spi.MailboxProvider with org.mailaccess.imap.internal.ImapProvider;
}
