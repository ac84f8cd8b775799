/**
 * POP3 specifics of mailaccess: {@link org.mailaccess.pop3.Pop3Options} (typed settings) and
 * {@link org.mailaccess.pop3.Pop3Access} (RSET, pending deletions, EXPIRE and LOGIN-DELAY). Everything else goes
 * through the neutral {@link org.mailaccess.MailboxSession}: sessions are opened by
 * {@link org.mailaccess.MailboxClient#open} once this module is on the class or module path.
 *
 * <p>What the module follows: RFC 1939 (POP3), RFC 2449 (CAPA, PIPELINING, EXPIRE, LOGIN-DELAY, RESP-CODES), RFC 2595
 * (STLS), RFC 5034 with RFC 4616 (AUTH PLAIN), Google's XOAUTH2, RFC 8314 (implicit TLS by default) and RFC 6125
 * (server identity, always checked). Message keys are UIDLs; message numbers never leave the module.
 */
package org.mailaccess.pop3;
