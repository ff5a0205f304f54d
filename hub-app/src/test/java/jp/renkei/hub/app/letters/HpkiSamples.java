package jp.renkei.hub.app.letters;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.renkei.hub.app.support.HubIntegrationTest;

/**
 * The JAHIS prescription signed with the MEDIS HPKI test certificate (../shared/testdata/hpki, read in place), and
 * the test hub's trust in its signer's issuing CA: that CA, taken from the document's own CertificateValues, is
 * written to the hub's HPKI trust-anchor directory (${renkei.home}/hpki/trust-anchors).
 */
public final class HpkiSamples {

    static final Path PRESCRIPTION = Path.of("../../shared/testdata/hpki/Prescription-004_01.xml");
    static final Path SIGNER = Path.of("../../shared/testdata/hpki/hpki-test-signer.der");

    private HpkiSamples() {
    }

    public static byte[] prescription() throws IOException {
        return Files.readAllBytes(PRESCRIPTION);
    }

    /**
     * A doctor's signing key of the tests' own: a self-issued HPKI-shaped certificate (nonRepudiation, hcRole
     * Medical Doctor in SubjectDirectoryAttributes), written to the hub's trust-anchor directory, as PKCS#12.
     */
    public static byte[] ownDoctorKey(char[] password) throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        java.security.KeyPair keys = generator.generateKeyPair();
        org.bouncycastle.asn1.x500.X500Name name =
                new org.bouncycastle.asn1.x500.X500Name("C=JP,O=Renkei Test Hospital,CN=Letters IT Doctor");
        java.time.Instant now = java.time.Instant.now();
        var builder = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(name,
                java.math.BigInteger.valueOf(now.toEpochMilli()), java.util.Date.from(now.minusSeconds(3600)),
                java.util.Date.from(now.plusSeconds(86400 * 30)), name, keys.getPublic());
        builder.addExtension(org.bouncycastle.asn1.x509.Extension.keyUsage, true,
                new org.bouncycastle.asn1.x509.KeyUsage(org.bouncycastle.asn1.x509.KeyUsage.nonRepudiation));
        org.bouncycastle.asn1.ASN1EncodableVector coded = new org.bouncycastle.asn1.ASN1EncodableVector();
        coded.add(new org.bouncycastle.asn1.DERTaggedObject(true, 0,
                new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.2.392.100495.1.6.1.1")));
        coded.add(new org.bouncycastle.asn1.DERTaggedObject(true, 2,
                new org.bouncycastle.asn1.DERUTF8String("Medical Doctor")));
        java.util.Vector<org.bouncycastle.asn1.x509.Attribute> attributes = new java.util.Vector<>();
        attributes.add(new org.bouncycastle.asn1.x509.Attribute(
                new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.0.17090.0.1"),
                new org.bouncycastle.asn1.DERSet(new org.bouncycastle.asn1.DERSequence(
                        new org.bouncycastle.asn1.DERTaggedObject(true, 0, new org.bouncycastle.asn1.DERSet(coded))))));
        builder.addExtension(org.bouncycastle.asn1.x509.Extension.subjectDirectoryAttributes, false,
                new org.bouncycastle.asn1.x509.SubjectDirectoryAttributes(attributes));
        X509Certificate certificate = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(
                builder.build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA")
                        .build(keys.getPrivate())));
        Path anchors = HubIntegrationTest.HOME.resolve("hpki/trust-anchors");
        Files.createDirectories(anchors);
        Files.write(anchors.resolve("letters-it-doctor.der"), certificate.getEncoded());
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("doctor", keys.getPrivate(), password, new java.security.cert.Certificate[]{certificate});
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        store.store(out, password);
        return out.toByteArray();
    }

    public static void trustTheSignersIssuer() throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        X509Certificate signer = (X509Certificate) factory.generateCertificate(Files.newInputStream(SIGNER));
        Matcher matcher = Pattern.compile("<(?:\\w+:)?(?:Encapsulated)?X509Certificate[^>]*>([^<]+)<")
                .matcher(new String(prescription(), StandardCharsets.UTF_8));
        Path anchors = HubIntegrationTest.HOME.resolve("hpki/trust-anchors");
        Files.createDirectories(anchors);
        while (matcher.find()) {
            byte[] der = Base64.getMimeDecoder().decode(matcher.group(1));
            X509Certificate certificate = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
            if (certificate.getSubjectX500Principal().equals(signer.getIssuerX500Principal())) {
                Files.write(anchors.resolve("medis-sign-ca2.der"), der);
                return;
            }
        }
        throw new IllegalStateException("the signer's issuer is not in " + PRESCRIPTION);
    }
}
