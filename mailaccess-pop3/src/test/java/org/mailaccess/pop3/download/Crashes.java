package org.mailaccess.pop3.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Predicate;
import org.mailaccess.MessageKey;

/**
 * Test doubles that "crash" the application right after the n-th durable write of the store or the ledger: the write
 * is done, then the connection is dropped (a dead process sends no QUIT) and an Error unwinds the run, as a kill
 * would. Nothing in the library catches it.
 */
final class Crashes {

    private Crashes() {
    }

    /** The crash. An Error, so that no catch block of the code under test can swallow it. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash(String where) {
            super("simulated crash " + where, null, false, false);
        }
    }

    /** Counts durable writes and crashes after the chosen one. */
    static final class Trigger {
        private final int crashAfter;
        private final Runnable dying;
        private int writes;
        private boolean fired;

        Trigger(int crashAfter, Runnable dying) {
            this.crashAfter = crashAfter;
            this.dying = dying;
        }

        synchronized void wrote(String what) {
            if (++writes == crashAfter) {
                fired = true;
                dying.run();
                throw new SimulatedCrash("after " + what + " #" + writes);
            }
        }

        synchronized boolean fired() {
            return fired;
        }
    }

    static final class Store implements MessageStore {
        private final MessageStore delegate;
        private final Trigger trigger;

        Store(MessageStore delegate, Trigger trigger) {
            this.delegate = delegate;
            this.trigger = trigger;
        }

        @Override
        public Draft begin(MessageKey key) throws IOException {
            Draft d = delegate.begin(key);
            return new Draft() {
                @Override
                public OutputStream output() {
                    return d.output();
                }

                @Override
                public String prepare() throws IOException {
                    String id = d.prepare();
                    trigger.wrote("store prepare");
                    return id;
                }

                @Override
                public LocalMessage commit() throws IOException {
                    LocalMessage m = d.commit();
                    trigger.wrote("store commit");
                    return m;
                }

                @Override
                public void close() throws IOException {
                    d.close();
                }
            };
        }

        @Override
        public List<LocalMessage> recover(Predicate<String> recorded) throws IOException {
            return delegate.recover(recorded);
        }

        @Override
        public List<LocalMessage> list() throws IOException {
            return delegate.list();
        }

        @Override
        public List<LocalMessage> find(MessageKey key) throws IOException {
            return delegate.find(key);
        }

        @Override
        public InputStream open(LocalMessage message) throws IOException {
            return delegate.open(message);
        }

        @Override
        public boolean delete(LocalMessage message) throws IOException {
            return delegate.delete(message);
        }
    }

    static final class Ledger implements DownloadLedger {
        private final DownloadLedger delegate;
        private final Trigger trigger;

        Ledger(DownloadLedger delegate, Trigger trigger) {
            this.delegate = delegate;
            this.trigger = trigger;
        }

        @Override
        public LedgerState load() throws IOException {
            return delegate.load();
        }

        @Override
        public void commit(List<? extends LedgerChange> changes) throws IOException {
            delegate.commit(changes);
            trigger.wrote("ledger commit " + changes.get(0).getClass().getSimpleName());
        }
    }
}
