package jp.renkei.hub.core.pki;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * The hub's certificate authority: an EC P-256 key in {@code ${renkei.home}/pki/ca.key} with a self-signed
 * certificate {@code ca.crt}, created on first use and reloaded unchanged afterwards. Every certificate and CRL
 * the hub signs is built here.
 */
public final class HubCertificateAuthority {

    public static final String COMMON_NAME = "Renkei Hub CA";
    static final Duration SERVER_VALIDITY = Duration.ofDays(730);
    static final Duration CRL_VALIDITY = Duration.ofDays(1);
    /** A signing key lives long (capped by the CA): what it signed is checked at the signing time, for years. */
    static final Duration SIGNING_VALIDITY = Duration.ofDays(3650);
    /** Certificates start a little in the past so that a site whose clock lags behind can use them at once. */
    static final Duration BACKDATE = Duration.ofMinutes(5);
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

    private final PkiDirectory directory;
    private final PrivateKey key;
    private final X509Certificate certificate;
    private final X500Name name;
    private final String keyIdentifier;
    private final Duration deviceValidity;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    private HubCertificateAuthority(PkiDirectory directory, PrivateKey key, X509Certificate certificate,
                                    Duration deviceValidity, Clock clock) {
        this.directory = directory;
        this.key = key;
        this.certificate = certificate;
        this.name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        this.keyIdentifier = HexFormat.of().formatHex(
                extensionUtils().createSubjectKeyIdentifier(certificate.getPublicKey()).getKeyIdentifier());
        this.deviceValidity = deviceValidity;
        this.clock = clock;
    }

    /** Loads the CA from the settings' PKI directory, creating it there first if neither file exists. */
    public static synchronized HubCertificateAuthority open(PkiSettings settings, Clock clock) {
        PkiDirectory directory = settings.directory();
        boolean hasKey = Files.exists(directory.caKey());
        boolean hasCertificate = Files.exists(directory.caCertificate());
        if (hasKey != hasCertificate) {
            // Never replace half a CA silently: certificates issued under the old key would stop working.
            throw new IllegalStateException("Incomplete hub CA in " + directory.path() + ": "
                    + (hasKey ? "ca.key exists without ca.crt" : "ca.crt exists without ca.key")
                    + "; restore the missing file, or remove both to create a new CA");
        }
        if (!hasKey) {
            return create(directory, settings, clock);
        }
        PrivateKey key = directory.readPrivateKey(directory.caKey());
        X509Certificate certificate = directory.readCertificate(directory.caCertificate());
        if (!keyMatches(key, certificate.getPublicKey())) {
            throw new IllegalStateException("Hub CA in " + directory.path() + ": ca.key does not belong to ca.crt");
        }
        return new HubCertificateAuthority(directory, key, certificate, settings.deviceValidity(), clock);
    }

    private static HubCertificateAuthority create(PkiDirectory directory, PkiSettings settings, Clock clock) {
        KeyPair pair = newEcKeyPair();
        Instant now = clock.instant();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, settings.organization())
                .addRDN(BCStyle.CN, COMMON_NAME)
                .build();
        SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded());
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(subject, randomSerial(new SecureRandom()),
                Date.from(now.minus(BACKDATE)), Date.from(now.atOffset(ZoneOffset.UTC).plusYears(10).toInstant()),
                subject, publicKey);
        add(builder, Extension.basicConstraints, true, new BasicConstraints(0));
        add(builder, Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        add(builder, Extension.subjectKeyIdentifier, false, extensionUtils().createSubjectKeyIdentifier(publicKey));
        X509Certificate certificate = toCertificate(builder, pair.getPrivate());
        directory.writePrivateKey(directory.caKey(), pair.getPrivate());
        directory.writeCertificate(directory.caCertificate(), certificate);
        return new HubCertificateAuthority(directory, pair.getPrivate(), certificate, settings.deviceValidity(), clock);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public String certificatePem() {
        return Pem.certificate(certificate);
    }

    /** Hex of the CA's subject key identifier, which every certificate and CRL it signs names as its authority. */
    public String keyIdentifier() {
        return keyIdentifier;
    }

    /**
     * Whether this CA signed the certificate and it is valid now. Says nothing about revocation, which only
     * the device registry knows.
     */
    public boolean vouchesFor(X509Certificate presented) {
        if (!presented.getIssuerX500Principal().equals(certificate.getSubjectX500Principal())) {
            return false;
        }
        try {
            presented.verify(certificate.getPublicKey());
            presented.checkValidity(Date.from(now()));
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Whether the certificate's validity period contains the CA's now (its issuer and signature unchecked). */
    boolean isValidNow(X509Certificate presented) {
        try {
            presented.checkValidity(Date.from(now()));
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    PkiDirectory directory() {
        return directory;
    }

    /** The time every validity, revocation and CRL date of this CA is taken from. */
    Instant now() {
        return clock.instant();
    }

    /** A new EC P-256 key for the hub's TLS listener, certified for exactly these host names and IP addresses. */
    IssuedKey issueServerCertificate(List<String> hostNames) {
        return issueOwnKey(hostNames.get(0), SERVER_VALIDITY, builder -> {
            add(builder, Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            add(builder, Extension.subjectAlternativeName, false, hostNameSans(hostNames));
        });
    }

    /**
     * A client certificate for a facility system. The subject comes from the registry, never from the request,
     * so a site cannot claim another device's or facility's identity.
     */
    X509Certificate issueDeviceCertificate(UUID deviceId, String facilityId, DeviceKind kind, DeviceCsr csr) {
        return issueDeviceCertificate(deviceId, facilityId, kind, csr, List.of());
    }

    /**
     * A device certificate with additional DNS names in its SAN. A VPN router's certificate carries the site's
     * IKE identity as a dNSName (strongSwan matches the peer's IKE ID against the SAN) and both serverAuth and
     * clientAuth, because an IKE peer is initiator and responder in turn and strongSwan checks the EKU it needs.
     */
    X509Certificate issueDeviceCertificate(UUID deviceId, String facilityId, DeviceKind kind, DeviceCsr csr,
                                           List<String> dnsNames) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, facilityId)
                .addRDN(BCStyle.OU, kind.name())
                .addRDN(BCStyle.CN, deviceId.toString())
                .build();
        X509v3CertificateBuilder builder = endEntity(subject, csr.publicKey(), deviceValidity);
        add(builder, Extension.extendedKeyUsage, false, kind == DeviceKind.VPN_ROUTER
                ? new ExtendedKeyUsage(new KeyPurposeId[]{KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth})
                : new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        GeneralName[] names = new GeneralName[dnsNames.size() + 1];
        for (int i = 0; i < dnsNames.size(); i++) {
            names[i] = new GeneralName(GeneralName.dNSName, dnsNames.get(i));
        }
        names[dnsNames.size()] = new GeneralName(GeneralName.uniformResourceIdentifier, deviceUri(deviceId));
        add(builder, Extension.subjectAlternativeName, false, new GeneralNames(names));
        return toCertificate(builder, key);
    }

    /**
     * A new EC P-256 key and certificate for the hub's own IKE gateway (strongSwan), named by its IKE identity
     * in CN and dNSName SAN, with serverAuth and clientAuth like the sites' routers.
     */
    public IssuedKey issueVpnGatewayCertificate(String ikeIdentity) {
        return issueOwnKey(ikeIdentity, SERVER_VALIDITY, builder -> {
            add(builder, Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(new KeyPurposeId[]{KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            add(builder, Extension.subjectAlternativeName, false, hostNameSans(List.of(ikeIdentity)));
        });
    }

    /**
     * A new EC P-256 key and certificate for signing the hub's own statements (audit anchors): key usage
     * digitalSignature and no extended key usage, so {@code openssl cms -verify} accepts it with its defaults.
     */
    IssuedKey issueSigningCertificate(String commonName) {
        return issueOwnKey(commonName, SIGNING_VALIDITY, builder -> {
        });
    }

    /** A new EC P-256 key of the hub itself (O = the CA's organization), certified with these extensions. */
    private IssuedKey issueOwnKey(String commonName, Duration validity, Consumer<X509v3CertificateBuilder> extensions) {
        KeyPair pair = newEcKeyPair();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, organization())
                .addRDN(BCStyle.CN, commonName)
                .build();
        X509v3CertificateBuilder builder = endEntity(subject,
                SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()), validity);
        extensions.accept(builder);
        return new IssuedKey(pair.getPrivate(), toCertificate(builder, key));
    }

    /** The URI SAN naming a device, stable across its certificates. */
    static String deviceUri(UUID deviceId) {
        return "urn:renkei:device:" + deviceId;
    }

    /** A CRL listing these revocations, valid from {@code thisUpdate} for one day. */
    X509CRL signCrl(List<RevokedCertificate> revoked, long crlNumber, Instant thisUpdate) {
        X509v2CRLBuilder builder = new X509v2CRLBuilder(name, Date.from(thisUpdate));
        builder.setNextUpdate(Date.from(thisUpdate.plus(CRL_VALIDITY)));
        revoked.forEach(r -> builder.addCRLEntry(r.serial(), Date.from(r.revokedAt()), r.reason().code()));
        try {
            builder.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier());
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(crlNumber)));
            return new JcaX509CRLConverter().getCRL(builder.build(signer(key)));
        } catch (CertIOException | CRLException e) {
            throw new IllegalStateException("Cannot build the CRL", e);
        }
    }

    /** The SAN extension value for host names: IP literals as iPAddress, everything else as dNSName. */
    static GeneralNames hostNameSans(List<String> hostNames) {
        return new GeneralNames(hostNames.stream()
                .map(host -> IPAddress.isValid(host)
                        ? new GeneralName(GeneralName.iPAddress, host)
                        : new GeneralName(GeneralName.dNSName, host))
                .toArray(GeneralName[]::new));
    }

    static String serialHex(BigInteger serial) {
        return serial.toString(16);
    }

    /** Whether the hub's own EC private key is the one the public key belongs to, proved by signing and verifying. */
    static boolean keyMatches(PrivateKey privateKey, PublicKey publicKey) {
        byte[] probe = "renkei-hub key check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(SIGNATURE_ALGORITHM);
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(SIGNATURE_ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private String organization() {
        return name.getRDNs(BCStyle.O)[0].getFirst().getValue().toString();
    }

    private X509v3CertificateBuilder endEntity(X500Name subject, SubjectPublicKeyInfo publicKey, Duration validity) {
        Instant now = now();
        Instant notAfter = now.plus(validity);
        // A certificate never outlives the CA that vouches for it.
        if (notAfter.isAfter(certificate.getNotAfter().toInstant())) {
            notAfter = certificate.getNotAfter().toInstant();
        }
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(name, randomSerial(random),
                Date.from(now.minus(BACKDATE)), Date.from(notAfter), subject, publicKey);
        add(builder, Extension.basicConstraints, true, new BasicConstraints(false));
        add(builder, Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        add(builder, Extension.subjectKeyIdentifier, false, extensionUtils().createSubjectKeyIdentifier(publicKey));
        add(builder, Extension.authorityKeyIdentifier, false, authorityKeyIdentifier());
        return builder;
    }

    /** The CA's key identifier alone: issuer name and serial would tie certificates to one CA certificate. */
    private AuthorityKeyIdentifier authorityKeyIdentifier() {
        return extensionUtils().createAuthorityKeyIdentifier(certificate.getPublicKey());
    }

    /** Random positive 128-bit serials: unpredictable, and unique without coordination between hub nodes. */
    private static BigInteger randomSerial(SecureRandom random) {
        BigInteger serial;
        do {
            serial = new BigInteger(128, random);
        } while (serial.signum() == 0);
        return serial;
    }

    private static KeyPair newEcKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is not available in this JVM", e);
        }
    }

    private static void add(X509v3CertificateBuilder builder, ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
        try {
            builder.addExtension(oid, critical, value);
        } catch (CertIOException e) {
            throw new IllegalStateException("Cannot encode extension " + oid, e);
        }
    }

    private static X509Certificate toCertificate(X509v3CertificateBuilder builder, PrivateKey signingKey) {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer(signingKey)));
        } catch (CertificateException e) {
            throw new IllegalStateException("Cannot build the certificate", e);
        }
    }

    private static ContentSigner signer(PrivateKey signingKey) {
        try {
            return new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(signingKey);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("Cannot sign with the CA key", e);
        }
    }

    private static JcaX509ExtensionUtils extensionUtils() {
        try {
            return new JcaX509ExtensionUtils();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 for key identifiers is not available in this JVM", e);
        }
    }
}
