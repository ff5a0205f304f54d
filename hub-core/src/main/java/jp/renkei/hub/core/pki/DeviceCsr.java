package jp.renkei.hub.core.pki;

import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;

import jp.renkei.hub.core.web.ApiException;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * A device's PKCS#10 certificate signing request that the hub accepts: its signature proves the requester holds
 * the private key, and the key is EC P-256/P-384 or RSA of at least 2048 bits. Only the public key is used; the
 * hub decides subject, names and extensions itself, so nothing else in the request matters.
 */
record DeviceCsr(SubjectPublicKeyInfo publicKey) {

    static final String FIELD = "csrPem";
    static final int MIN_RSA_BITS = 2048;
    /** Names for the refusal message of keys that sites are likely to try. */
    private static final Map<ASN1ObjectIdentifier, String> OTHER_KEY_ALGORITHMS = Map.of(
            EdECObjectIdentifiers.id_Ed25519, "Ed25519",
            EdECObjectIdentifiers.id_Ed448, "Ed448",
            X9ObjectIdentifiers.id_dsa, "DSA",
            PKCSObjectIdentifiers.id_RSASSA_PSS, "RSASSA-PSS");

    /** Parses and checks the request, refusing it with a 400 that says exactly what is wrong. */
    static DeviceCsr parse(String pem) {
        if (pem == null || pem.isBlank()) {
            throw ApiException.invalid(FIELD, "must not be blank");
        }
        PKCS10CertificationRequest request = read(pem);
        SubjectPublicKeyInfo key = request.getSubjectPublicKeyInfo();
        checkSignature(request, key, checkKey(key));
        return new DeviceCsr(key);
    }

    private static PKCS10CertificationRequest read(String pem) {
        Object content;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            content = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw ApiException.invalid(FIELD, "not a readable PEM PKCS#10 certificate signing request (" + e.getMessage() + ")");
        }
        if (content instanceof PKCS10CertificationRequest request) {
            return request;
        }
        throw ApiException.invalid(FIELD, content == null
                ? "no PEM block found; expected -----BEGIN CERTIFICATE REQUEST-----"
                : "PEM block is not a PKCS#10 certificate signing request; expected -----BEGIN CERTIFICATE REQUEST-----");
    }

    /** Refuses keys the hub does not accept; returns the JCA name of the key's algorithm. */
    private static String checkKey(SubjectPublicKeyInfo key) {
        ASN1ObjectIdentifier algorithm = key.getAlgorithm().getAlgorithm();
        if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            if (!(key.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve)) {
                throw ApiException.invalid(FIELD, "EC key with explicit curve parameters is not accepted; use the named curve P-256 or P-384");
            }
            if (!curve.equals(SECObjectIdentifiers.secp256r1) && !curve.equals(SECObjectIdentifiers.secp384r1)) {
                String name = ECNamedCurveTable.getName(curve);
                throw ApiException.invalid(FIELD, "EC key on curve " + (name == null ? curve.getId() : name)
                        + " is not accepted; use P-256 or P-384");
            }
            return "EC";
        }
        if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            int bits = rsaModulusBits(key);
            if (bits < MIN_RSA_BITS) {
                throw ApiException.invalid(FIELD, "RSA key of " + bits + " bits is too weak; at least " + MIN_RSA_BITS + " bits are required");
            }
            return "RSA";
        }
        throw ApiException.invalid(FIELD, "key algorithm " + OTHER_KEY_ALGORITHMS.getOrDefault(algorithm, algorithm.getId())
                + " is not accepted; use EC P-256/P-384 or RSA of at least " + MIN_RSA_BITS + " bits");
    }

    private static int rsaModulusBits(SubjectPublicKeyInfo key) {
        try {
            return RSAPublicKey.getInstance(key.parsePublicKey()).getModulus().bitLength();
        } catch (IOException | RuntimeException e) {
            throw ApiException.invalid(FIELD, "RSA public key is malformed");
        }
    }

    private static void checkSignature(PKCS10CertificationRequest request, SubjectPublicKeyInfo key, String keyAlgorithm) {
        boolean valid;
        try {
            PublicKey publicKey = KeyFactory.getInstance(keyAlgorithm).generatePublic(new X509EncodedKeySpec(key.getEncoded()));
            valid = request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(publicKey));
        } catch (GeneralSecurityException | IOException | OperatorCreationException | PKCSException | RuntimeException e) {
            throw ApiException.invalid(FIELD, "signature cannot be checked (" + e.getMessage() + ")");
        }
        if (!valid) {
            throw ApiException.invalid(FIELD, "signature does not verify with the request's public key");
        }
    }
}
