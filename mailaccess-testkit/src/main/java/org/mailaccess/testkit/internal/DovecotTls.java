package org.mailaccess.testkit.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * The TLS material of a {@code DovecotServer}: the testkit's {@link TestCertificates} for {@code localhost} (SAN DNS
 * {@code localhost} and IP {@code 127.0.0.1}, issued by the per-JVM test CA, the same one the fake servers use),
 * written as PEM files for Dovecot's {@code ssl_cert} and {@code ssl_key}.
 *
 * <p>The key is EC P-256: with an ECDSA certificate only ECDHE key exchange is possible, so Dovecot 2.3 never needs
 * {@code ssl_dh} parameters (slow to generate, and otherwise to be shipped as a resource).
 */
public final class DovecotTls {

    private static final String HOST = "localhost";

    private final TestCertificates certificates;

    private DovecotTls(TestCertificates certificates) {
        this.certificates = certificates;
    }

    /**
     * The material for {@code localhost}, shared by every server of the JVM.
     *
     * @return the material
     */
    public static DovecotTls forLocalhost() {
        return new DovecotTls(TestCertificates.forHost(HOST));
    }

    /**
     * Writes the certificate chain (server, then CA) and the key (PKCS#8, owner-only permissions) as PEM.
     *
     * @param certificateFile the file for {@code ssl_cert}
     * @param keyFile         the file for {@code ssl_key}
     * @throws IOException if a file cannot be written
     */
    public void writePem(Path certificateFile, Path keyFile) throws IOException {
        StringBuilder chain = new StringBuilder();
        for (X509Certificate certificate : List.of(certificates.serverCertificate(), certificates.caCertificate())) {
            try {
                chain.append(pem("CERTIFICATE", certificate.getEncoded()));
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot encode " + certificate.getSubjectX500Principal(), e);
            }
        }
        Files.writeString(certificateFile, chain, StandardCharsets.US_ASCII);
        Files.deleteIfExists(keyFile);
        Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(keyFile, pem("PRIVATE KEY", certificates.serverPrivateKey().getEncoded()),
                StandardCharsets.US_ASCII);
    }

    /**
     * A client context that trusts exactly the test CA; hostname verification is still the client's job.
     *
     * @return the shared context
     */
    public SSLContext clientContext() {
        return certificates.clientContext();
    }

    /**
     * A trust store holding only the test CA.
     *
     * @return a fresh PKCS12 key store the caller may modify
     */
    public KeyStore trustStore() {
        return certificates.trustStore();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
