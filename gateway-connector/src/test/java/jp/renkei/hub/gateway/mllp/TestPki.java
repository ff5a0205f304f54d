package jp.renkei.hub.gateway.mllp;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
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
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throw-away CA with server and client certificates, for TLS tests (the hub's own CA needs its database). */
final class TestPki {

    private static final AtomicLong SERIALS = new AtomicLong(1000);
    private static final char[] PASSWORD = "test".toCharArray();

    final KeyPair caKeys = keys();
    final X509Certificate ca;

    TestPki(String name) {
        ca = certificate("CN=" + name, caKeys, "CN=" + name, caKeys, true, null);
    }

    record Identity(KeyPair keys, X509Certificate certificate) {
    }

    Identity server() {
        KeyPair keys = keys();
        return new Identity(keys, certificate("CN=localhost", keys, ca.getSubjectX500Principal().getName(), caKeys,
                false, KeyPurposeId.id_kp_serverAuth));
    }

    Identity client(String name) {
        KeyPair keys = keys();
        return new Identity(keys, certificate("CN=" + name, keys, ca.getSubjectX500Principal().getName(), caKeys,
                false, KeyPurposeId.id_kp_clientAuth));
    }

    KeyManagerFactory keyManagers(Identity identity) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("key", identity.keys().getPrivate(), PASSWORD,
                new X509Certificate[] {identity.certificate(), ca});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, PASSWORD);
        return factory;
    }

    TrustManagerFactory trust() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", ca);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory;
    }

    /** A client context presenting {@code identity} and trusting {@code serverCa}. */
    SSLContext clientContext(Identity identity, TestPki serverCa) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers(identity).getKeyManagers(), serverCa.trust().getTrustManagers(), null);
        return context;
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate certificate(String subject, KeyPair keys, String issuer, KeyPair issuerKeys,
                                               boolean isCa, KeyPurposeId purpose) {
        try {
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                    BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(now.minus(1, ChronoUnit.HOURS)),
                    Date.from(now.plus(1, ChronoUnit.DAYS)), new X500Name(subject), keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            if (purpose != null) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
