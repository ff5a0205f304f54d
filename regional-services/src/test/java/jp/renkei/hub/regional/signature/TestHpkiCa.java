package jp.renkei.hub.regional.signature;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Vector;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Attribute;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectDirectoryAttributes;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certification authority of the tests' own, issuing HPKI-shaped signing certificates (nonRepudiation, a CRL
 * distribution point, the hcRole attribute in SubjectDirectoryAttributes) and CRLs, so revocation is tested
 * without any outside network.
 */
final class TestHpkiCa {

    private static final AtomicLong SERIALS = new AtomicLong(1000);

    final KeyPair keys;
    final X509Certificate certificate;
    private final X500Name name;
    private final List<BigInteger> revoked = new ArrayList<>();

    TestHpkiCa(String commonName) throws Exception {
        keys = rsa();
        name = new X500Name("C=JP,O=Renkei Test HPKI,CN=" + commonName);
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                Date.from(now.minus(Duration.ofDays(30))), Date.from(now.plus(Duration.ofDays(3650))), name,
                keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer(keys)));
    }

    /** A signer's key and certificate; {@code hcRole} null issues one without the HPKI role attribute. */
    Issued issue(String commonName, String hcRole) throws Exception {
        KeyPair holder = rsa();
        Instant now = Instant.now();
        BigInteger serial = serial();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial,
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))),
                new X500Name("C=JP,O=Renkei Test Hospital,CN=" + commonName), holder.getPublic());
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.nonRepudiation));
        builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[]{
                new DistributionPoint(new DistributionPointName(new GeneralNames(new GeneralName(
                        GeneralName.uniformResourceIdentifier, "http://crl.invalid/test-hpki.crl"))), null, null)}));
        if (hcRole != null) {
            builder.addExtension(Extension.subjectDirectoryAttributes, false, hcRoleAttribute(hcRole));
        }
        X509Certificate issued = new JcaX509CertificateConverter().getCertificate(builder.build(signer(keys)));
        return new Issued(holder, issued, serial);
    }

    void revoke(Issued issued) {
        revoked.add(issued.serial());
    }

    /** A CRL valid from an hour ago for a week, listing what was revoked. */
    byte[] crl() throws Exception {
        Instant now = Instant.now();
        X509v2CRLBuilder builder = new X509v2CRLBuilder(name, Date.from(now.minus(Duration.ofHours(1))));
        builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(7))));
        for (BigInteger serial : revoked) {
            builder.addCRLEntry(serial, Date.from(now.minus(Duration.ofMinutes(30))), CRLReason.keyCompromise);
        }
        X509CRLHolder crl = builder.build(signer(keys));
        return crl.getEncoded();
    }

    void writeAnchor(Path directory) throws Exception {
        Files.write(directory.resolve("test-hpki-ca.der"), certificate.getEncoded());
    }

    /**
     * HCActor as HPKI certificates carry it: SEQUENCE { [0] SET { [0] codingScheme OID, [2] UTF8String role } },
     * the value of attribute 1.0.17090.0.1.
     */
    static SubjectDirectoryAttributes hcRoleAttribute(String role) {
        ASN1EncodableVector coded = new ASN1EncodableVector();
        coded.add(new DERTaggedObject(true, 0, new ASN1ObjectIdentifier(HcRoles.HPKI_ROLE_SCHEME)));
        coded.add(new DERTaggedObject(true, 2, new DERUTF8String(role)));
        DERSequence actor = new DERSequence(new DERTaggedObject(true, 0, new DERSet(coded)));
        Vector<Attribute> attributes = new Vector<>();
        attributes.add(new Attribute(new ASN1ObjectIdentifier(HcRoles.HC_ROLE_ATTRIBUTE), new DERSet(actor)));
        return new SubjectDirectoryAttributes(attributes);
    }

    record Issued(KeyPair keys, X509Certificate certificate, BigInteger serial) {

        /** The key and certificate (with the CA's) as a PKCS#12 file. */
        byte[] pkcs12(char[] password, X509Certificate ca) throws Exception {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("signer", keys.getPrivate(), password,
                    new java.security.cert.Certificate[]{certificate, ca});
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password);
            return out.toByteArray();
        }
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIALS.incrementAndGet());
    }

    private static ContentSigner signer(KeyPair keys) throws Exception {
        return new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate());
    }
}
