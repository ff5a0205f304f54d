package jp.renkei.hub.core.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Keys, CSRs and certificates as sites (and impostors) would make them, for the PKI tests. */
final class TestKeys {

    static final KeyPair EC_P256 = ec("secp256r1");
    static final KeyPair RSA_2048 = rsa(2048);

    private TestKeys() {
    }

    static KeyPair ec(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair generate(String algorithm) {
        try {
            return KeyPairGenerator.getInstance(algorithm).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CSR whose subject claims to be someone else: the hub must ignore it. */
    static String csr(KeyPair keys) {
        return csr(keys.getPublic(), keys.getPrivate());
    }

    /** A CSR for {@code publicKey} signed with {@code signingKey}; with keys of different pairs, a forged one. */
    static String csr(PublicKey publicKey, PrivateKey signingKey) {
        try {
            return pem(new JcaPKCS10CertificationRequestBuilder(
                    new X500Principal("CN=admin,O=Some Other Facility"), publicKey)
                    .build(new JcaContentSignerBuilder(signatureAlgorithm(signingKey)).build(signingKey)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A certificate that imitates {@code original} in every visible detail (issuer name, subject, serial) but is
     * signed by another CA's key, as an impostor would make it.
     */
    static X509Certificate imitation(X509Certificate original, KeyPair subjectKeys) {
        try {
            KeyPair foreignCaKey = ec("secp256r1");
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    original.getIssuerX500Principal(), original.getSerialNumber(),
                    Date.from(Instant.now().minusSeconds(60)), Date.from(Instant.now().plus(Duration.ofDays(30))),
                    original.getSubjectX500Principal(), subjectKeys.getPublic());
            builder.copyAndAddExtension(Extension.subjectAlternativeName, false, new JcaX509CertificateHolder(original));
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(foreignCaKey.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A whole other CA in {@code home}, with the same name as a hub CA of default settings: only its key differs. */
    static HubCertificateAuthority foreignCa(Path home) {
        return HubCertificateAuthority.open(settings(home), Clock.systemUTC());
    }

    static PkiSettings settings(Path home, String... hostNames) {
        return new PkiSettings(home, "Renkei Hub", Duration.ofDays(397), true,
                hostNames.length == 0 ? List.of("localhost", "127.0.0.1") : List.of(hostNames));
    }

    static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    static BigInteger serial(String hex) {
        return new BigInteger(hex, 16);
    }

    private static String signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "EdDSA" -> "Ed25519";
            default -> key.getAlgorithm();
        };
    }
}
