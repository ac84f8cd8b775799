/**
 * POP3 downloads the way a mail client needs them: new mail is fetched once (by UIDL, RFC 1939 section 7), kept in a
 * local {@link org.mailaccess.pop3.download.MessageStore} that is readable without a connection, and the server is
 * cleaned by a {@link org.mailaccess.pop3.download.LeavePolicy} without ever losing a message.
 *
 * <p>Entry point: {@link org.mailaccess.pop3.download.Pop3Downloader}.
 *
 * <pre>{@code
 * try (FileLedger ledger = FileLedger.open(home.resolve("ann@example.org.ledger"))) {
 *     Pop3Downloader downloader = Pop3Downloader.builder(client, ServerEndpoint.pop3s("pop.example.org"), credentials)
 *             .store(MaildirStore.open(home.resolve("Maildir")))
 *             .ledger(ledger)
 *             .leavePolicy(LeavePolicy.deleteDaysAfterDownload(14))
 *             .build();
 *     DownloadResult result = downloader.run();
 * }
 * }</pre>
 *
 * <p>The guarantees, and the order of steps that gives them (PITFALLS D1 to D9):
 * <ol>
 *   <li>a message is streamed into the store and prepared there (fsync, rename within {@code tmp/}), then its UIDL,
 *       store id and header fingerprint are written to the {@link org.mailaccess.pop3.download.DownloadLedger}
 *       (fsync), and only then is it made visible (rename into {@code new/}, fsync): mbsync's journal order. The next
 *       run publishes what the ledger recorded and discards what it did not, so a recorded UIDL is never fetched
 *       again, even if the user deleted the message meanwhile;</li>
 *   <li>before a session deletes a message an earlier session downloaded, {@code TOP n 0} checks that its header
 *       still matches the recorded fingerprint; a reused UIDL is downloaded as a new message, never deleted
 *       unread;</li>
 *   <li>a delete is recorded as pending in the ledger, and only then sent (DELE), and only for messages already in the
 *       store and the ledger;</li>
 *   <li>deletes take effect at QUIT (RFC 1939 section 6); when QUIT fails or its reply is lost, the pending deletes
 *       are sent again on the next run if the UIDL is still there, and the message is never downloaded again.</li>
 * </ol>
 */
package org.mailaccess.pop3.download;
