package org.mailaccess.imap.internal.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * The plain TCP socket Angus connects for {@code imap} (plaintext or STARTTLS). Its streams pass through the
 * {@link ResponseGuard} and the {@link CommandObserver}; once TLS is layered on it for STARTTLS it switches to raw
 * streams, since the guard must inspect the decrypted protocol, not TLS records.
 */
final class GuardedSocket extends Socket {

    private final ConnectionProbe probe;
    private boolean raw;
    private InputStream guardedIn;
    private OutputStream guardedOut;
    private OutputStream rawOut;

    GuardedSocket(ConnectionProbe probe) {
        this.probe = probe;
    }

    /** Hands the streams over to a TLS layer: from now on bytes pass uninspected (but still with a write timeout). */
    synchronized void rawMode() {
        raw = true;
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (raw) {
            return super.getInputStream();
        }
        if (guardedIn == null) {
            guardedIn = probe.guardInput(super.getInputStream());
        }
        return guardedIn;
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
        if (raw) {
            if (rawOut == null) {
                rawOut = probe.timed(super.getOutputStream(), this);
            }
            return rawOut;
        }
        if (guardedOut == null) {
            guardedOut = probe.guardOutput(super.getOutputStream(), this);
        }
        return guardedOut;
    }
}
