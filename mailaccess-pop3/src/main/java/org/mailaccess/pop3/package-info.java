/**
 * POP3 specifics of mailaccess: {@link org.mailaccess.pop3.Pop3Options} (typed settings) and
 * {@link org.mailaccess.pop3.Pop3Access} (RSET, pending deletions, EXPIRE and LOGIN-DELAY). Everything else goes
 * through the neutral {@link org.mailaccess.MailboxSession}: sessions are opened by
 * {@link org.mailaccess.MailboxClient#open} once this module is on the class or module path.
 *
 * <p>What the module follows: RFC 1939 (POP3), RFC 2449 (CAPA, PIPELINING, EXPIRE, LOGIN-DELAY, RESP-CODES), RFC 2595
 * (STLS), RFC 5034 with RFC 4616 (AUTH PLAIN), Google's XOAUTH2, RFC 8314 (implicit TLS by default) and RFC 6125
 * (server identity, always checked). Message keys are UIDLs; message numbers never leave the module.
 *
 * <p>Message bytes ({@link org.mailaccess.Folder#openMessage}, {@link org.mailaccess.Folder#writeMessage}) come back
 * exactly as the server sends them once its byte-stuffing (RFC 1939 section 3) is removed. That is byte-exact for
 * every message whose lines end with CRLF, and for bare LFs not followed by a dot. A bare LF followed by a dot is
 * ambiguous on the wire, because servers disagree whether it starts a line: such a dot is never taken as the end of
 * the message, and a doubled dot there is unstuffed, so a server that stuffs only after CRLF and stores
 * {@code "\n..x"} delivers {@code "\n.x"}. Many servers (Dovecot among them) send every line end as CRLF anyway; the
 * message is then what the server made of it, with LIST sizes that count the CRLFs.
 */
package org.mailaccess.pop3;
