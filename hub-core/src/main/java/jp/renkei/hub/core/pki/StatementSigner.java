package jp.renkei.hub.core.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Signs statements of the hub (audit anchors) as detached CMS (PKCS#7) signatures with a key the hub CA issued
 * for that alone, {@code pki/audit-anchor.key} and {@code .crt}, and checks such signatures. The signer's
 * certificate travels inside each signature, so an auditor needs only {@code ca.crt}:
 * {@code openssl cms -verify -binary -inform DER -in statement.p7s -content statement.txt -CAfile ca.crt}.
 * The CA key itself signs only certificates and CRLs, as its key usage says.
 */
@Component
public class StatementSigner {

    static final String COMMON_NAME = "Renkei Hub audit anchoring";
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final Logger log = LoggerFactory.getLogger(StatementSigner.class);

    private final HubCertificateAuthority ca;
    private final IssuedKey key;
    /**
     * Signer certificates already checked against the CA, by their encoding: a verification of years of anchors
     * checks the same few certificates thousands of times.
     */
    private final Map<ByteBuffer, X509Certificate> vouched = new ConcurrentHashMap<>();
    /**
     * Statements whose signature this process found good, by {@link #digest}: 32 bytes each, so a verification
     * re-checks only the anchors added (or changed) since the last one, instead of years of signatures each time.
     */
    private final Set<ByteBuffer> good = ConcurrentHashMap.newKeySet();

    public StatementSigner(HubCertificateAuthority ca) {
        this.ca = ca;
        this.key = currentKey(ca);
    }

    /** The certificate of the key that signs now. */
    public X509Certificate certificate() {
        return key.certificate();
    }

    /** A detached CMS SignedData (DER) over exactly these bytes, with the signer's certificate and a signing time. */
    public byte[] sign(byte[] content) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .build(new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(key.privateKey()), key.certificate()));
            generator.addCertificate(new JcaX509CertificateHolder(key.certificate()));
            return generator.generate(new CMSProcessableByteArray(content), false).getEncoded("DER");
        } catch (OperatorCreationException | CMSException | CertificateException | IOException e) {
            throw new IllegalStateException("Cannot sign with the anchoring key", e);
        }
    }

    /**
     * Why the signature is not one the hub CA stands behind for exactly this content, or empty when it is: one
     * signer, whose certificate the current hub CA issued and which was valid at the signing time.
     */
    public Optional<String> problem(byte[] content, byte[] signature) {
        ByteBuffer checked = digest(content, signature);
        if (good.contains(checked)) {
            return Optional.empty();
        }
        Optional<String> problem = check(content, signature);
        if (problem.isEmpty()) {
            good.add(checked);
        }
        return problem;
    }

    /** SHA-256 over the content's length, the content and the signature: what identifies one signed statement. */
    private static ByteBuffer digest(byte[] content, byte[] signature) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(content.length).array());
            sha256.update(content);
            sha256.update(signature);
            return ByteBuffer.wrap(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private Optional<String> check(byte[] content, byte[] signature) {
        try {
            CMSSignedData signed = new CMSSignedData(new CMSProcessableByteArray(content), signature);
            Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                return Optional.of(signers.size() + " signers instead of one");
            }
            SignerInformation signer = signers.iterator().next();
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> holders = signed.getCertificates().getMatches(signer.getSID());
            if (holders.isEmpty()) {
                return Optional.of("the signer's certificate is not included");
            }
            X509CertificateHolder holder = holders.iterator().next();
            ByteBuffer encoded = ByteBuffer.wrap(holder.getEncoded());
            X509Certificate certificate = vouched.get(encoded);
            if (certificate == null) {
                certificate = new JcaX509CertificateConverter().getCertificate(holder);
                if (!certificate.getIssuerX500Principal().equals(ca.certificate().getSubjectX500Principal())) {
                    return Optional.of("signed by " + certificate.getSubjectX500Principal() + ", not issued by the hub CA");
                }
                certificate.verify(ca.certificate().getPublicKey());
                vouched.put(encoded, certificate);
            }
            // Also checks that the certificate was valid at the signed signing time.
            if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate))) {
                return Optional.of("the signature does not match the content");
            }
            return Optional.empty();
        } catch (CMSException e) {
            return Optional.of("the signature does not match the content (" + e.getMessage() + ")");
        } catch (GeneralSecurityException e) {
            return Optional.of("the signer's certificate was not issued by the hub CA (" + e.getMessage() + ")");
        } catch (OperatorCreationException | IOException | RuntimeException e) {
            return Optional.of("unreadable signature (" + e.getMessage() + ")");
        }
    }

    /** The anchoring key in the PKI directory, issued anew when missing, broken, from another CA or near expiry. */
    private static IssuedKey currentKey(HubCertificateAuthority ca) {
        PkiDirectory directory = ca.directory();
        Optional<String> reason = reasonToReissue(ca, directory);
        if (reason.isEmpty()) {
            return new IssuedKey(directory.readPrivateKey(directory.anchorKey()),
                    directory.readCertificate(directory.anchorCertificate()));
        }
        IssuedKey issued = ca.issueSigningCertificate(COMMON_NAME);
        directory.writePrivateKey(directory.anchorKey(), issued.privateKey());
        directory.writeCertificate(directory.anchorCertificate(), issued.certificate());
        log.info("Audit anchoring key issued by the hub CA: {}", reason.get());
        return issued;
    }

    private static Optional<String> reasonToReissue(HubCertificateAuthority ca, PkiDirectory directory) {
        if (!Files.exists(directory.anchorKey()) || !Files.exists(directory.anchorCertificate())) {
            return Optional.of("audit-anchor.key or audit-anchor.crt is missing");
        }
        try {
            X509Certificate certificate = directory.readCertificate(directory.anchorCertificate());
            PrivateKey key = directory.readPrivateKey(directory.anchorKey());
            if (!HubCertificateAuthority.keyMatches(key, certificate.getPublicKey())) {
                return Optional.of("audit-anchor.key does not belong to audit-anchor.crt");
            }
            if (!ca.vouchesFor(certificate)) {
                return Optional.of("audit-anchor.crt is not valid under the current hub CA");
            }
            if (certificate.getNotAfter().toInstant().isBefore(ca.now().plus(HubServerCertificate.RENEW_BEFORE))) {
                return Optional.of("audit-anchor.crt expires on " + certificate.getNotAfter().toInstant());
            }
            return Optional.empty();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            return Optional.of("audit-anchor.key or audit-anchor.crt is unreadable (" + e.getMessage() + ")");
        }
    }
}
