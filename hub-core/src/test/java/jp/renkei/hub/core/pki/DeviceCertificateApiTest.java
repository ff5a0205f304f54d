package jp.renkei.hub.core.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.core.security.HubAuthentication;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.testsupport.HubCoreTest;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.testsupport.TestFacilities;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@HubCoreTest
class DeviceCertificateApiTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    HubCertificateAuthority ca;

    @Autowired
    FacilityRegistry registry;

    private String facility;
    private HubPrincipal admin;

    @BeforeEach
    void registeredFacility() {
        facility = TestFacilities.active(registry);
        admin = new HubPrincipal(HubPrincipal.Kind.PERSON, "admin-7", "施設 管理者", facility, Set.of(HubRole.FACILITY_ADMIN));
    }

    @Test
    void issueListAndRevokeADevice() throws Exception {
        JsonNode issued = json.readTree(send(post(devicesPath()), Map.of(
                "name", "gateway-1", "kind", "GATEWAY", "csrPem", TestKeys.csr(TestKeys.EC_P256)))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString());
        String deviceId = issued.get("deviceId").asText();
        X509Certificate certificate = Pem.parseCertificate(issued.get("certificatePem").asText());
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=" + deviceId + ",OU=GATEWAY,O=" + facility);
        assertThat(issued.get("serial").asText()).isEqualTo(certificate.getSerialNumber().toString(16));
        assertThat(issued.get("notAfter").asText()).isEqualTo(certificate.getNotAfter().toInstant().toString());
        assertThat(issued.get("caCertificatePem").asText()).isEqualTo(ca.certificatePem());

        mvc.perform(get(devicesPath()).with(authentication(new HubAuthentication(admin))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(1)))
                .andExpect(jsonPath("$[0].deviceId").value(deviceId))
                .andExpect(jsonPath("$[0].name").value("gateway-1"))
                .andExpect(jsonPath("$[0].status").value("ACTIVE"))
                .andExpect(jsonPath("$[0].createdBy").value("admin-7"))
                .andExpect(jsonPath("$[0].certificate.status").value("ISSUED"));

        send(post(devicesPath() + "/" + deviceId + "/revoke"), Map.of("reason", "KEY_COMPROMISE"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REVOKED"))
                .andExpect(jsonPath("$.certificate.status").value("REVOKED"))
                .andExpect(jsonPath("$.certificate.revocationReason").value("KEY_COMPROMISE"));

        byte[] der = mvc.perform(get("/pki/crl").with(authentication(new HubAuthentication(admin))))
                .andExpect(status().isOk())
                .andExpect(content().contentType("application/pkix-crl"))
                .andExpect(header().string("Cache-Control", "no-cache"))
                .andReturn().getResponse().getContentAsByteArray();
        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        crl.verify(ca.certificate().getPublicKey());
        assertThat(crl.getRevokedCertificate(certificate.getSerialNumber())).isNotNull();
    }

    @Test
    void caCertificateIsServedAsPem() throws Exception {
        mvc.perform(get("/pki/ca.crt").with(authentication(new HubAuthentication(admin))))
                .andExpect(status().isOk())
                .andExpect(content().contentType("application/x-pem-file"))
                .andExpect(content().string(ca.certificatePem()));
    }

    @Test
    void missingFieldsAreNamed() throws Exception {
        send(post(devicesPath()), Map.of())
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors.name").value("must not be blank"))
                .andExpect(jsonPath("$.errors.kind").value("must not be null"))
                .andExpect(jsonPath("$.errors.csrPem").value("must not be blank"));
        assertNoDevices();
    }

    @Test
    void unknownKindIsRefused() throws Exception {
        send(post(devicesPath()), Map.of("name", "scanner-1", "kind", "SCANNER", "csrPem", TestKeys.csr(TestKeys.EC_P256)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.kind").value("'SCANNER' is not a valid DeviceKind"));
        assertNoDevices();
    }

    @Test
    void unparsableCsrIsRefusedAndNothingIsSaved() throws Exception {
        send(post(devicesPath()), Map.of("name", "gateway-1", "kind", "GATEWAY", "csrPem", "garbage"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("csrPem: no PEM block found; expected -----BEGIN CERTIFICATE REQUEST-----"))
                .andExpect(jsonPath("$.errors.csrPem").exists());
        assertNoDevices();
    }

    @Test
    void weakRsaKeyIsRefusedAndNothingIsSaved() throws Exception {
        send(post(devicesPath()), Map.of("name", "gateway-1", "kind", "GATEWAY", "csrPem", TestKeys.csr(TestKeys.rsa(1024))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("csrPem: RSA key of 1024 bits is too weak; at least 2048 bits are required"));
        assertNoDevices();
    }

    @Test
    void deviceOfAnotherFacilityIsNotFound() throws Exception {
        JsonNode issued = json.readTree(send(post(devicesPath()), Map.of(
                "name", "gateway-1", "kind", "GATEWAY", "csrPem", TestKeys.csr(TestKeys.EC_P256)))
                .andReturn().getResponse().getContentAsString());

        String other = TestFacilities.active(registry);
        String revokeThere = "/api/admin/facilities/" + other + "/devices/" + issued.get("deviceId").asText() + "/revoke";
        // this facility's administrator may not even ask about another facility (central access rules) ...
        send(post(revokeThere), Map.of("reason", "KEY_COMPROMISE"))
                .andExpect(status().isForbidden());
        // ... and a hub administrator addressing the device under the wrong facility learns nothing either
        HubPrincipal hubAdmin = new HubPrincipal(HubPrincipal.Kind.PERSON, "hub-admin-1", "ハブ 管理者", other,
                Set.of(HubRole.HUB_ADMIN));
        mvc.perform(post(revokeThere).with(authentication(new HubAuthentication(hubAdmin)))
                        .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(Map.of("reason", "KEY_COMPROMISE"))))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get(devicesPath()).with(authentication(new HubAuthentication(admin))))
                .andExpect(jsonPath("$[0].status").value("ACTIVE"));
    }

    @Test
    void revocationNeedsAKnownReason() throws Exception {
        String deviceId = UUID.randomUUID().toString();
        send(post(devicesPath() + "/" + deviceId + "/revoke"), Map.of())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.reason").value("must not be null"));
        send(post(devicesPath() + "/" + deviceId + "/revoke"), Map.of("reason", "LOST"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.reason").value("'LOST' is not a valid RevocationReason"));
    }

    private String devicesPath() {
        return "/api/admin/facilities/" + facility + "/devices";
    }

    private ResultActions send(MockHttpServletRequestBuilder request, Map<String, String> body) throws Exception {
        return mvc.perform(request.with(authentication(new HubAuthentication(admin))).with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(body)));
    }

    private void assertNoDevices() throws Exception {
        mvc.perform(get(devicesPath()).with(authentication(new HubAuthentication(admin))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(0)));
    }
}
