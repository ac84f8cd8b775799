package org.mailaccess;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Who logs in. The secret never appears in {@code toString()}, logs or exception messages.
 *
 * <p>A password is used with POP3 USER/PASS or APOP (RFC 1939), SASL PLAIN (RFC 4616) or IMAP LOGIN (RFC 3501). An
 * OAuth2 token is used with SASL XOAUTH2; its supplier is asked again on every authentication so that a refreshed
 * token is always used.
 */
public sealed interface Credentials permits Credentials.Password, Credentials.OAuth2 {

    /**
     * The user name.
     *
     * @return the login name
     */
    String user();

    /**
     * A user name and password.
     *
     * @param user     the login name
     * @param password the password
     * @return the credentials
     */
    static Credentials password(String user, String password) {
        return new Password(user, password);
    }

    /**
     * A user name and an OAuth2 bearer token supplier.
     *
     * @param user  the login name (the e-mail address at most providers)
     * @param token asked for a fresh access token on every authentication
     * @return the credentials
     */
    static Credentials oauth2(String user, Supplier<String> token) {
        return new OAuth2(user, token);
    }

    /**
     * Password credentials.
     *
     * @param user     the login name
     * @param password the password; never printed
     */
    record Password(String user, String password) implements Credentials {
        /**
         * Validates that neither part is null.
         *
         * @param user     the login name sent with POP3 USER, APOP, SASL PLAIN or IMAP LOGIN
         * @param password the password in clear text, as the user typed it; kept out of {@link #toString()}
         * @throws NullPointerException when either part is null
         */
        public Password {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Password[user=" + user + ", password=<redacted>]";
        }
    }

    /**
     * OAuth2 bearer credentials (SASL XOAUTH2).
     *
     * @param user  the login name
     * @param token supplies the current access token; called on every authentication
     */
    record OAuth2(String user, Supplier<String> token) implements Credentials {
        /**
         * Validates that neither part is null.
         *
         * @param user  the login name sent in the SASL XOAUTH2 initial response (the e-mail address at most providers)
         * @param token supplies the current OAuth2 access token (without the {@code Bearer} prefix); called again on
         *              every authentication so that a refreshed token is used, and never printed
         * @throws NullPointerException when either part is null
         */
        public OAuth2 {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "OAuth2[user=" + user + ", token=<redacted>]";
        }
    }
}
