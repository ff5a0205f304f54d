package jp.renkei.hub.core.pki;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.security.cert.X509Certificate;

import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.testsupport.HubCoreTest;
import jp.renkei.hub.core.testsupport.TestFacilities;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The device and facility answers behind client-certificate authentication are reused between requests
 * ({@code renkei.auth.lookup-cache-ttl}); a revocation or suspension must still refuse the very next request.
 */
@HubCoreTest
class DeviceAuthenticationFreshnessTest {

    private static final String ADMIN = "admin-1";

    @Autowired
    MockMvc mvc;
    @Autowired
    DeviceCertificates devices;
    @Autowired
    FacilityRegistry registry;

    private String facility;

    @BeforeEach
    void registeredFacility() {
        facility = TestFacilities.active(registry);
    }

    @Test
    void aRevokedDeviceIsRefusedOnTheNextRequest() throws Exception {
        IssuedDeviceCertificate issued = issue("gateway-revoked");
        X509Certificate certificate = Pem.parseCertificate(issued.certificatePem());
        asDevice(certificate).andExpect(status().isOk());
        asDevice(certificate).andExpect(status().isOk());

        devices.revoke(facility, issued.deviceId(), RevocationReason.KEY_COMPROMISE, ADMIN);

        asDevice(certificate).andExpect(status().isUnauthorized());
    }

    @Test
    void aSupersededCertificateIsRefusedOnTheNextRequestAndItsSuccessorAccepted() throws Exception {
        X509Certificate first = Pem.parseCertificate(issue("gateway-renewed").certificatePem());
        asDevice(first).andExpect(status().isOk());

        X509Certificate second = Pem.parseCertificate(issue("gateway-renewed").certificatePem());

        asDevice(first).andExpect(status().isUnauthorized());
        asDevice(second).andExpect(status().isOk());
    }

    @Test
    void aSuspendedFacilitysDeviceIsRefusedOnTheNextRequestAndAcceptedAgainAfterReactivation() throws Exception {
        X509Certificate certificate = Pem.parseCertificate(issue("gateway-suspended").certificatePem());
        asDevice(certificate).andExpect(status().isOk());

        registry.changeStatus(facility, FacilityStatus.SUSPENDED, "unpaid fees", ADMIN);
        asDevice(certificate).andExpect(status().isUnauthorized());

        registry.changeStatus(facility, FacilityStatus.ACTIVE, null, ADMIN);
        asDevice(certificate).andExpect(status().isOk());
    }

    private IssuedDeviceCertificate issue(String name) {
        return devices.issue(facility, name, DeviceKind.GATEWAY, TestKeys.csr(TestKeys.EC_P256), ADMIN);
    }

    private ResultActions asDevice(X509Certificate certificate) throws Exception {
        return mvc.perform(get("/api/facilities")
                .requestAttr("jakarta.servlet.request.X509Certificate", new X509Certificate[] {certificate}));
    }
}
