package jp.renkei.hub.core.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.testsupport.HubCoreTest;
import jp.renkei.hub.core.web.ApiException;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.testsupport.TestFacilities;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

@HubCoreTest
class DeviceCertificatesTest {

    private static final String ADMIN = "admin-1";

    @Autowired
    DeviceCertificates devices;
    @Autowired
    RevocationList revocationList;
    @Autowired
    HubCertificateAuthority ca;
    @Autowired
    JdbcClient jdbc;

    @Autowired
    FacilityRegistry registry;

    private String facility;

    @BeforeEach
    void registeredFacility() {
        facility = TestFacilities.active(registry);
    }

    @Test
    void issuedCertificateAuthenticatesAsItsDeviceInTheRoleOfItsKind() {
        IssuedDeviceCertificate issued = issue("pharmacy-1", DeviceKind.PHARMACY_SYSTEM);

        DeviceIdentity identity = devices.authenticate(certificate(issued)).orElseThrow();

        assertThat(identity).isEqualTo(new DeviceIdentity(issued.deviceId(), facility, "pharmacy-1", DeviceKind.PHARMACY_SYSTEM));
        assertThat(identity.role()).isEqualTo(HubRole.PHARMACY_SYSTEM);
        assertThat(identity.toPrincipal()).isEqualTo(new HubPrincipal(HubPrincipal.Kind.SYSTEM,
                issued.deviceId().toString(), "pharmacy-1", facility, Set.of(HubRole.PHARMACY_SYSTEM)));
        assertThat(issued.caCertificatePem()).isEqualTo(ca.certificatePem());
        assertThat(devices.list(facility)).singleElement().satisfies(device -> {
            assertThat(device.status()).isEqualTo(Device.Status.ACTIVE);
            assertThat(device.createdBy()).isEqualTo(ADMIN);
            assertThat(device.certificate().serial()).isEqualTo(issued.serial());
            assertThat(device.certificate().status()).isEqualTo(DeviceCertificate.Status.ISSUED);
            assertThat(device.certificate().subject())
                    .isEqualTo("CN=" + issued.deviceId() + ",OU=PHARMACY_SYSTEM,O=" + facility);
        });
    }

    @Test
    void theCertificatePemIsTheDevicesLatestAndOnlyForItsOwnFacility() {
        IssuedDeviceCertificate first = issue("gateway-pem", DeviceKind.GATEWAY);
        assertThat(devices.certificatePem(facility, first.deviceId())).contains(first.certificatePem());
        IssuedDeviceCertificate renewed = issue("gateway-pem", DeviceKind.GATEWAY);
        assertThat(devices.certificatePem(facility, first.deviceId())).contains(renewed.certificatePem());

        String other = TestFacilities.active(registry);
        assertThat(devices.certificatePem(other, first.deviceId())).as("another facility's device").isEmpty();
        assertThat(devices.certificatePem(facility, UUID.randomUUID())).as("no such device").isEmpty();
    }

    @Test
    void certificateOfAForeignCaDoesNotAuthenticateEvenWithAKnownSerialAndSubject() {
        X509Certificate genuine = certificate(issue("gateway-1", DeviceKind.GATEWAY));

        X509Certificate imitation = TestKeys.imitation(genuine, TestKeys.EC_P256);

        assertThat(imitation.getSerialNumber()).isEqualTo(genuine.getSerialNumber());
        assertThat(devices.authenticate(imitation)).isEmpty();
        assertThat(devices.authenticate(genuine)).isPresent();
    }

    @Test
    void revokedCertificateStopsAuthenticatingAtOnceAndIsListedInTheCrl() {
        IssuedDeviceCertificate issued = issue("pacs-1", DeviceKind.PACS_FORWARDER);
        X509Certificate certificate = certificate(issued);
        assertThat(devices.authenticate(certificate)).isPresent();
        long crlNumberBefore = crlNumber(revocationList.currentCrl());

        Device revoked = devices.revoke(facility, issued.deviceId(), RevocationReason.KEY_COMPROMISE, "admin-2");

        assertThat(devices.authenticate(certificate)).isEmpty();
        assertThat(revoked.status()).isEqualTo(Device.Status.REVOKED);
        assertThat(revoked.certificate().status()).isEqualTo(DeviceCertificate.Status.REVOKED);
        assertThat(revoked.certificate().revocationReason()).isEqualTo(RevocationReason.KEY_COMPROMISE);
        X509CRL crl = revocationList.currentCrl();
        assertThat(crlNumber(crl)).isGreaterThan(crlNumberBefore);
        assertThat(reasonCode(crl.getRevokedCertificate(certificate.getSerialNumber()))).isEqualTo(1);
        assertThatThrownBy(() -> devices.revoke(facility, issued.deviceId(), RevocationReason.UNSPECIFIED, ADMIN))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
    }

    @Test
    void reissueForTheSameDeviceSupersedesThePreviousCertificate() {
        IssuedDeviceCertificate first = issue("gateway-1", DeviceKind.GATEWAY);

        IssuedDeviceCertificate second = issue("gateway-1", DeviceKind.GATEWAY);

        assertThat(second.deviceId()).isEqualTo(first.deviceId());
        assertThat(second.serial()).isNotEqualTo(first.serial());
        assertThat(devices.authenticate(certificate(first))).isEmpty();
        assertThat(devices.authenticate(certificate(second))).isPresent();
        X509CRLEntry entry = revocationList.currentCrl().getRevokedCertificate(TestKeys.serial(first.serial()));
        assertThat(reasonCode(entry)).isEqualTo(4);
        assertThat(revocationList.currentCrl().getRevokedCertificate(TestKeys.serial(second.serial()))).isNull();
        assertThat(devices.list(facility)).singleElement()
                .satisfies(device -> assertThat(device.certificate().serial()).isEqualTo(second.serial()));
    }

    @Test
    void crlIsSignedByTheCaForOneDayAndListsExactlyTheRevokedSerials() throws Exception {
        IssuedDeviceCertificate kept = issue("gateway-1", DeviceKind.GATEWAY);
        IssuedDeviceCertificate revoked = issue("gateway-2", DeviceKind.GATEWAY);
        devices.revoke(facility, revoked.deviceId(), RevocationReason.CESSATION_OF_OPERATION, ADMIN);

        X509CRL crl = revocationList.currentCrl();

        crl.verify(ca.certificate().getPublicKey());
        assertThat(crl.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
        assertThat(crl.getThisUpdate().toInstant()).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(Duration.between(crl.getThisUpdate().toInstant(), crl.getNextUpdate().toInstant())).isEqualTo(Duration.ofDays(1));
        Set<BigInteger> listed = crl.getRevokedCertificates().stream()
                .map(X509CRLEntry::getSerialNumber).collect(Collectors.toSet());
        Set<BigInteger> revokedInRegistry = jdbc.sql("SELECT serial FROM hub.device_certificate WHERE status = 'REVOKED'")
                .query(String.class).list().stream().map(TestKeys::serial).collect(Collectors.toSet());
        assertThat(listed).isEqualTo(revokedInRegistry).contains(TestKeys.serial(revoked.serial()))
                .doesNotContain(TestKeys.serial(kept.serial()));
        assertThat(revocationList.currentCrl().getEncoded()).as("served as stored until the next revocation")
                .isEqualTo(crl.getEncoded());
    }

    @Test
    void refusedCsrSavesNothing() {
        assertThatThrownBy(() -> devices.issue(facility, "gateway-1", DeviceKind.GATEWAY,
                TestKeys.csr(TestKeys.rsa(1024)), ADMIN))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST))
                .hasMessageContaining("1024 bits is too weak");

        assertThat(devices.list(facility)).isEmpty();
    }

    @Test
    void aVpnRouterCertificateIsForIkeOnly() throws Exception {
        assertThatThrownBy(() -> issue("router-1", DeviceKind.VPN_ROUTER))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST))
                .hasMessageContaining("/api/vpn/enrolment");
        assertThat(devices.list(facility)).isEmpty();

        IssuedDeviceCertificate router = devices.issueVpnRouter(facility, "vpn-router", "site-1.sites.example",
                TestKeys.csr(TestKeys.EC_P256), ADMIN);
        X509Certificate certificate = certificate(router);
        assertThat(certificate.getExtendedKeyUsage()).containsExactlyInAnyOrder("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(certificate.getSubjectAlternativeNames()).contains(java.util.List.of(2, "site-1.sites.example"));
        assertThat(devices.authenticate(certificate)).as("never authenticates an API request").isEmpty();
        assertThat(devices.list(facility)).singleElement().satisfies(d -> assertThat(d.kind()).isEqualTo(DeviceKind.VPN_ROUTER));
    }

    @Test
    void aNameOfAnActiveDeviceCannotBeTakenByAnotherKindAndNothingChanges() {
        IssuedDeviceCertificate gateway = issue("system-1", DeviceKind.GATEWAY);

        assertThatThrownBy(() -> issue("system-1", DeviceKind.PACS_FORWARDER))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT))
                .hasMessageContaining("is a GATEWAY, not a PACS_FORWARDER");

        assertThat(devices.authenticate(certificate(gateway))).isPresent();
        assertThat(devices.list(facility)).singleElement()
                .satisfies(device -> assertThat(device.certificate().serial()).isEqualTo(gateway.serial()));
    }

    @Test
    void revokedDeviceFreesItsNameForANewDevice() {
        IssuedDeviceCertificate old = issue("gateway-1", DeviceKind.GATEWAY);
        devices.revoke(facility, old.deviceId(), RevocationReason.CESSATION_OF_OPERATION, ADMIN);

        IssuedDeviceCertificate replacement = issue("gateway-1", DeviceKind.GATEWAY);

        assertThat(replacement.deviceId()).isNotEqualTo(old.deviceId());
        assertThat(devices.list(facility)).extracting(Device::status)
                .containsExactlyInAnyOrder(Device.Status.ACTIVE, Device.Status.REVOKED);
    }

    @Test
    void anotherFacilitysDeviceCannotBeRevoked() {
        IssuedDeviceCertificate issued = issue("gateway-1", DeviceKind.GATEWAY);

        assertThatThrownBy(() -> devices.revoke("F-other", issued.deviceId(), RevocationReason.KEY_COMPROMISE, ADMIN))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND));

        assertThat(devices.authenticate(certificate(issued))).isPresent();
    }

    private IssuedDeviceCertificate issue(String name, DeviceKind kind) {
        return devices.issue(facility, name, kind, TestKeys.csr(TestKeys.EC_P256), ADMIN);
    }

    private static X509Certificate certificate(IssuedDeviceCertificate issued) {
        return Pem.parseCertificate(issued.certificatePem());
    }

    private static long crlNumber(X509CRL crl) {
        return ASN1Integer.getInstance(ASN1OctetString.getInstance(
                crl.getExtensionValue(Extension.cRLNumber.getId())).getOctets()).longValueExact();
    }

    /** The RFC 5280 code of the entry's reason; Java's CRLReason lists the reasons in code order. */
    private static int reasonCode(X509CRLEntry entry) {
        return List.of(CRLReason.values()).indexOf(entry.getRevocationReason());
    }
}
