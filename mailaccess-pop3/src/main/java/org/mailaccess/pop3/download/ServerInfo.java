package org.mailaccess.pop3.download;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.mailaccess.Capabilities;

/**
 * What the server said about the mailbox and its policies during a run.
 *
 * @param messageCount      the number of messages (STAT, RFC 1939 section 5)
 * @param mailboxSize       the size of the mailbox in octets (STAT)
 * @param expire            the EXPIRE capability argument as sent after login, e.g. {@code "30"}, {@code "0"},
 *                          {@code "NEVER"} (RFC 2449 section 6.7)
 * @param loginDelaySeconds the LOGIN-DELAY in seconds (RFC 2449 section 6.8)
 */
public record ServerInfo(int messageCount, long mailboxSize, Optional<String> expire, OptionalInt loginDelaySeconds) {

    /**
     * Checks the components.
     *
     * @param messageCount      the number of messages in the maildrop (STAT, RFC 1939 section 5)
     * @param mailboxSize       the size of the maildrop in octets (STAT)
     * @param expire            the EXPIRE capability argument as sent after login, e.g. {@code "30"}, {@code "0"},
     *                          {@code "NEVER"} (RFC 2449 section 6.7); empty when the server announced none
     * @param loginDelaySeconds the LOGIN-DELAY in seconds (RFC 2449 section 6.8); empty when the server announced
     *                          none
     * @throws NullPointerException if {@code expire} or {@code loginDelaySeconds} is null
     */
    public ServerInfo {
        Objects.requireNonNull(expire, "expire");
        Objects.requireNonNull(loginDelaySeconds, "loginDelaySeconds");
    }

    /**
     * The retention period the server announced.
     *
     * @return the days (0 means it does not let mail stay on the server); empty for {@code NEVER}, an unreadable
     *         value, or no announcement
     */
    public OptionalInt expireDays() {
        return expire.map(ServerInfo::firstNumber).orElse(OptionalInt.empty());
    }

    /**
     * Why the server's EXPIRE overrides a leave-on-server policy: it may delete messages sooner than the policy would.
     *
     * @param policy the application's policy
     * @return a sentence for the warning, or empty when the server keeps messages at least as long as the policy
     */
    public Optional<String> expireOverride(LeavePolicy policy) {
        OptionalInt days = expireDays();
        if (days.isEmpty()) {
            return Optional.empty();
        }
        int d = days.getAsInt();
        if (policy instanceof LeavePolicy.DeleteAfterDownload
                || (policy instanceof LeavePolicy.DeleteDaysAfterDownload p && p.days() <= d)) {
            return Optional.empty();
        }
        return Optional.of(d == 0
                ? "The server announces EXPIRE 0 (RFC 2449 section 6.7): it may delete every message retrieved in a"
                        + " session at QUIT, whatever the leave-on-server policy " + policy
                : "The server announces EXPIRE " + d + " (RFC 2449 section 6.7): it may delete messages after " + d
                        + " days, sooner than the leave-on-server policy " + policy);
    }

    static ServerInfo of(int messageCount, long mailboxSize, Capabilities caps) {
        // The USER marker (valid only before login, RFC 2449 section 6.7) is not part of the policy.
        Optional<String> expire = caps.tokenArgument("EXPIRE")
                .map(v -> v.toUpperCase(Locale.ROOT).endsWith(" USER") ? v.substring(0, v.length() - 5).trim() : v);
        OptionalInt delay = caps.tokenArgument("LOGIN-DELAY").map(ServerInfo::firstNumber)
                .orElse(OptionalInt.empty());
        return new ServerInfo(messageCount, mailboxSize, expire, delay);
    }

    /** The number in {@code "30"} or {@code "30 USER"} (the USER form is only valid before login, but be lenient). */
    private static OptionalInt firstNumber(String argument) {
        String first = argument.trim().split("\\s+")[0].toUpperCase(Locale.ROOT);
        try {
            int n = Integer.parseInt(first);
            return n < 0 ? OptionalInt.empty() : OptionalInt.of(n);
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
