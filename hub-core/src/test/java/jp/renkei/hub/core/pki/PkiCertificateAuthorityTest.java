package jp.renkei.hub.core.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PkiCertificateAuthorityTest {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";

    @TempDir
    Path home;

    @Test
    void createsTheCaOnFirstUseAndReloadsTheSameCaAfterwards() throws Exception {
        HubCertificateAuthority created = open();
        Path pki = home.resolve("pki");
        assertThat(Files.readString(pki.resolve("ca.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(pki.resolve("ca.crt"))).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pki.resolve("ca.key")))).isEqualTo("rw-------");

        HubCertificateAuthority reloaded = open();

        assertThat(reloaded.certificate().getEncoded()).isEqualTo(created.certificate().getEncoded());
        assertThat(reloaded.keyIdentifier()).isEqualTo(created.keyIdentifier());
        // Same key: what the reloaded CA signs verifies with the public key of the CA created first.
        X509Certificate issued = reloaded.issueDeviceCertificate(UUID.randomUUID(), "F1", DeviceKind.GATEWAY,
                DeviceCsr.parse(TestKeys.csr(TestKeys.EC_P256)));
        issued.verify(created.certificate().getPublicKey());
    }

    @Test
    void caIsASelfSignedP256CaForTenYearsThatMaySignCertificatesAndCrlsOnly() throws Exception {
        PkiSettings settings = new PkiSettings(home, "Kibitan Kenko Net", Duration.ofDays(397), false, List.of());
        X509Certificate ca = HubCertificateAuthority.open(settings, Clock.systemUTC()).certificate();

        assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=Renkei Hub CA,O=Kibitan Kenko Net");
        assertThat(ca.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        ca.verify(ca.getPublicKey());
        assertThat(((ECPublicKey) ca.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(ca.getCriticalExtensionOIDs()).contains(BASIC_CONSTRAINTS, KEY_USAGE);
        assertThat(ca.getKeyUsage()).containsExactly(false, false, false, false, false, true, true, false, false);
        assertThat(ca.getExtensionValue(Extension.subjectKeyIdentifier.getId())).isNotNull();
        Instant tenYears = Instant.now().atOffset(ZoneOffset.UTC).plusYears(10).toInstant();
        assertThat(ca.getNotAfter().toInstant()).isBetween(tenYears.minus(1, ChronoUnit.HOURS), tenYears);
    }

    @Test
    void refusesToReplaceHalfACa() throws Exception {
        open();
        Files.delete(home.resolve("pki/ca.crt"));

        assertThatThrownBy(this::open)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ca.key exists without ca.crt");
        assertThat(home.resolve("pki/ca.key")).exists();
    }

    @Test
    void serverCertificateChainsToTheCaAndNamesTheConfiguredHosts() throws Exception {
        HubCertificateAuthority ca = open();

        IssuedKey server = ca.issueServerCertificate(List.of("hub.example.jp", "10.1.2.3", "::1"));

        X509Certificate certificate = server.certificate();
        validatePath(certificate, ca);
        assertThat(certificate.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(2, "hub.example.jp"), List.of(7, "10.1.2.3"), List.of(7, "0:0:0:0:0:0:0:1"));
        assertThat(certificate.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(authorityKeyIdentifier(certificate)).isEqualTo(subjectKeyIdentifier(ca.certificate()));
        assertThat(HubCertificateAuthority.keyMatches(server.privateKey(), certificate.getPublicKey())).isTrue();
        assertThat(Duration.between(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant()))
                .isEqualTo(Duration.ofDays(730).plus(HubCertificateAuthority.BACKDATE));
    }

    @Test
    void deviceCertificateFromAnEcCsrHasTheHubsSubjectAndChainsToTheCa() throws Exception {
        assertDeviceCertificate(TestKeys.EC_P256);
    }

    @Test
    void deviceCertificateFromAnRsa2048CsrHasTheHubsSubjectAndChainsToTheCa() throws Exception {
        assertDeviceCertificate(TestKeys.RSA_2048);
    }

    @Test
    void deviceCertificateFromAP384CsrIsAccepted() throws Exception {
        KeyPair keys = TestKeys.ec("secp384r1");
        X509Certificate certificate = open().issueDeviceCertificate(UUID.randomUUID(), "F1", DeviceKind.PACS_FORWARDER,
                DeviceCsr.parse(TestKeys.csr(keys)));
        assertThat(certificate.getPublicKey()).isEqualTo(keys.getPublic());
    }

    private void assertDeviceCertificate(KeyPair deviceKeys) throws Exception {
        HubCertificateAuthority ca = open();
        UUID deviceId = UUID.randomUUID();

        X509Certificate certificate = ca.issueDeviceCertificate(deviceId, "0710100017", DeviceKind.PHARMACY_SYSTEM,
                DeviceCsr.parse(TestKeys.csr(deviceKeys)));

        validatePath(certificate, ca);
        assertThat(certificate.getPublicKey()).isEqualTo(deviceKeys.getPublic());
        assertThat(certificate.getSubjectX500Principal().getName())
                .isEqualTo("CN=" + deviceId + ",OU=PHARMACY_SYSTEM,O=0710100017");
        assertThat(certificate.getSubjectAlternativeNames()).containsExactly(List.of(6, "urn:renkei:device:" + deviceId));
        assertThat(certificate.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(certificate.getKeyUsage()).containsExactly(true, false, false, false, false, false, false, false, false);
        assertThat(certificate.getCriticalExtensionOIDs()).contains(KEY_USAGE, BASIC_CONSTRAINTS);
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getSerialNumber()).isPositive();
        assertThat(certificate.getSerialNumber().bitLength()).isLessThanOrEqualTo(128);
        assertThat(authorityKeyIdentifier(certificate)).isEqualTo(subjectKeyIdentifier(ca.certificate()));
        Instant expectedEnd = Instant.now().plus(Duration.ofDays(397));
        assertThat(certificate.getNotAfter().toInstant()).isBetween(expectedEnd.minusSeconds(60), expectedEnd);
        assertThat(certificate.getNotBefore().toInstant()).isBefore(Instant.now());
    }

    @Test
    void serialsAreRandomAndNotReused() {
        HubCertificateAuthority ca = open();
        DeviceCsr csr = DeviceCsr.parse(TestKeys.csr(TestKeys.EC_P256));
        Set<BigInteger> serials = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            serials.add(ca.issueDeviceCertificate(UUID.randomUUID(), "F1", DeviceKind.GATEWAY, csr).getSerialNumber());
        }
        assertThat(serials).hasSize(20);
        assertThat(serials).anyMatch(serial -> serial.bitLength() > 120);
    }

    @Test
    void vouchesOnlyForCertificatesItSignedThatAreValidNow() {
        HubCertificateAuthority ca = open();
        X509Certificate issued = ca.issueDeviceCertificate(UUID.randomUUID(), "F1", DeviceKind.GATEWAY,
                DeviceCsr.parse(TestKeys.csr(TestKeys.EC_P256)));
        HubCertificateAuthority afterExpiry = HubCertificateAuthority.open(TestKeys.settings(home),
                Clock.offset(Clock.systemUTC(), Duration.ofDays(398)));

        assertThat(ca.vouchesFor(issued)).isTrue();
        assertThat(ca.vouchesFor(TestKeys.imitation(issued, TestKeys.EC_P256))).isFalse();
        assertThat(afterExpiry.vouchesFor(issued)).isFalse();
    }

    private HubCertificateAuthority open() {
        return HubCertificateAuthority.open(TestKeys.settings(home), Clock.systemUTC());
    }

    /** Full PKIX validation with the hub CA as the only trust anchor, as a TLS peer would do it. */
    static void validatePath(X509Certificate certificate, HubCertificateAuthority ca) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca.certificate(), null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate)), parameters);
    }

    private static byte[] authorityKeyIdentifier(X509Certificate certificate) throws Exception {
        return AuthorityKeyIdentifier.fromExtensions(new JcaX509CertificateHolder(certificate).getExtensions())
                .getKeyIdentifier();
    }

    private static byte[] subjectKeyIdentifier(X509Certificate certificate) throws Exception {
        return SubjectKeyIdentifier.fromExtensions(new JcaX509CertificateHolder(certificate).getExtensions())
                .getKeyIdentifier();
    }
}
