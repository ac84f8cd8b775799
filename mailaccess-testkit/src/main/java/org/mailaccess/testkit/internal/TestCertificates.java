package org.mailaccess.testkit.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI for the fake servers: one CA per JVM and one server certificate per host name, both EC P-256 so
 * that generating them costs milliseconds. Clients trust the CA through {@link #clientContext()}, so hostname
 * verification runs exactly as it would against a real server.
 *
 * <p>A certificate for {@code localhost} also names {@code 127.0.0.1}; a certificate for any other name carries only
 * that name, so a client that connects to {@code localhost} must fail hostname verification against it.
 */
public final class TestCertificates {

    private static final String SIGNATURE = "SHA256withECDSA";
    private static final char[] NO_PASSWORD = new char[0];
    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());
    private static final Map<String, TestCertificates> BY_HOST = new ConcurrentHashMap<>();

    private final X509Certificate caCertificate;
    private final X509Certificate serverCertificate;
    private final PrivateKey serverPrivateKey;
    private final KeyStore trustStore;
    private final SSLContext serverContext;
    private final SSLContext clientContext;

    private TestCertificates(Authority ca, String hostname)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        KeyPair serverKeys = newKeyPair();
        this.caCertificate = ca.certificate;
        this.serverCertificate = serverCertificate(ca, serverKeys, hostname);
        this.serverPrivateKey = serverKeys.getPrivate();
        this.trustStore = emptyKeyStore();
        trustStore.setCertificateEntry("fake-ca", caCertificate);
        this.serverContext = serverContext(serverKeys.getPrivate(), serverCertificate, caCertificate);
        this.clientContext = clientContext(trustStore);
    }

    /**
     * The certificates for a host name, generated on first use and cached for the life of the JVM.
     *
     * @param hostname the DNS name (or IP literal) the server certificate is issued for
     * @return the certificates
     */
    public static TestCertificates forHost(String hostname) {
        return BY_HOST.computeIfAbsent(hostname.toLowerCase(Locale.ROOT), host -> {
            try {
                return new TestCertificates(Authority.INSTANCE, host);
            } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
                throw new IllegalStateException("cannot create test certificates for " + host, e);
            }
        });
    }

    /**
     * The server's TLS context: the server key and the chain up to the CA.
     *
     * @return the context
     */
    public SSLContext serverContext() {
        return serverContext;
    }

    /**
     * A client TLS context that trusts exactly the test CA.
     *
     * @return the context
     */
    public SSLContext clientContext() {
        return clientContext;
    }

    /**
     * A key store holding the test CA as its only trusted certificate.
     *
     * @return a copy the caller may modify
     */
    public KeyStore trustStore() {
        try {
            KeyStore copy = emptyKeyStore();
            copy.setCertificateEntry("fake-ca", caCertificate);
            return copy;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The CA certificate.
     *
     * @return the certificate
     */
    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /**
     * The server certificate.
     *
     * @return the certificate
     */
    public X509Certificate serverCertificate() {
        return serverCertificate;
    }

    /**
     * The server certificate's private key, for servers that need it as a file (e.g. a real Dovecot under test).
     *
     * @return the EC P-256 private key
     */
    public PrivateKey serverPrivateKey() {
        return serverPrivateKey;
    }

    private static X509Certificate serverCertificate(Authority ca, KeyPair keys, String hostname)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        List<GeneralName> names = new ArrayList<>();
        names.add(nameFor(hostname));
        if (hostname.equals("localhost")) {
            names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        }
        Instant now = Instant.now();
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.certificate, serial(),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(365))),
                new X500Name("CN=" + hostname), keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new)))
                .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()))
                .addExtension(Extension.authorityKeyIdentifier, false,
                        utils.createAuthorityKeyIdentifier(ca.certificate));
        return sign(builder, ca.keys.getPrivate());
    }

    private static GeneralName nameFor(String hostname) {
        boolean ipLiteral = hostname.matches("[0-9.]+") || hostname.contains(":");
        return new GeneralName(ipLiteral ? GeneralName.iPAddress : GeneralName.dNSName, hostname);
    }

    private static SSLContext serverContext(PrivateKey key, X509Certificate leaf, X509Certificate ca)
            throws GeneralSecurityException {
        KeyStore keyStore = emptyKeyStore();
        keyStore.setKeyEntry("server", key, NO_PASSWORD, new Certificate[] {leaf, ca});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, NO_PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, new SecureRandom());
        return context;
    }

    private static SSLContext clientContext(KeyStore trustStore) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trustStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), new SecureRandom());
        return context;
    }

    private static KeyStore emptyKeyStore() throws GeneralSecurityException {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try {
            keyStore.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return keyStore;
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIALS.incrementAndGet());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
            throws GeneralSecurityException, OperatorCreationException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE)
                .build(signer)));
    }

    /** The per-JVM CA, created lazily by the holder idiom. */
    private static final class Authority {
        private static final Authority INSTANCE = create();

        private final KeyPair keys;
        private final X509Certificate certificate;

        private Authority(KeyPair keys, X509Certificate certificate) {
            this.keys = keys;
            this.certificate = certificate;
        }

        private static Authority create() {
            try {
                KeyPair keys = newKeyPair();
                Instant now = Instant.now();
                X500Name name = new X500Name("CN=mailaccess testkit CA " + now.toEpochMilli());
                X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(3650))), name,
                        keys.getPublic())
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                        .addExtension(Extension.keyUsage, true,
                                new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                        .addExtension(Extension.subjectKeyIdentifier, false,
                                new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
                return new Authority(keys, sign(builder, keys.getPrivate()));
            } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
                throw new IllegalStateException("cannot create the test CA", e);
            }
        }
    }
}
