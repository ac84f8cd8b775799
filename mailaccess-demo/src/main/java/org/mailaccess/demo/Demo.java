package org.mailaccess.demo;

/**
 * Runs the library's main jobs against the testkit's embedded fake servers and prints what happens; no mail account
 * is needed. Start it with the demo command from the README.
 */
public final class Demo {

    private Demo() {
    }

    /**
     * Runs every demo part in turn.
     *
     * @param args ignored
     * @throws Exception when a part fails; the demo is meant to fail loudly
     */
    public static void main(String[] args) throws Exception {
        Pop3Demo.run();
        DownloadDemo.run();
        ImapDemo.run();
        System.out.println();
        System.out.println("Demo finished.");
    }

    static void section(String title) {
        System.out.println();
        System.out.println("== " + title + " ==");
    }

    static void say(String format, Object... args) {
        System.out.println("  " + String.format(format, args));
    }
}
