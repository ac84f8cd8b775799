package org.mailaccess.pop3.internal;

/** Makes server text safe to put into an exception message: control characters replaced, length capped. */
final class Printable {

    private static final int MAX = 200;

    private Printable() {
    }

    static String of(String text) {
        StringBuilder b = new StringBuilder(Math.min(text.length(), MAX) + 3);
        for (int i = 0; i < text.length() && i < MAX; i++) {
            char c = text.charAt(i);
            b.append(c < ' ' || c == 0x7f ? '?' : c);
        }
        if (text.length() > MAX) {
            b.append("...");
        }
        return "'" + b + "'";
    }
}
