package jp.renkei.hub.vpn.enrol;

import static jp.renkei.hub.vpn.testsupport.VpnFixtures.admin;
import static jp.renkei.hub.vpn.testsupport.VpnFixtures.csr;
import static jp.renkei.hub.vpn.testsupport.VpnFixtures.ec;
import static jp.renkei.hub.vpn.testsupport.VpnFixtures.freshPrefixes;
import static jp.renkei.hub.vpn.testsupport.VpnFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.pki.Device;
import jp.renkei.hub.core.pki.DeviceCertificate;
import jp.renkei.hub.core.pki.DeviceCertificates;
import jp.renkei.hub.core.pki.DeviceKind;
import jp.renkei.hub.core.pki.RevocationList;
import jp.renkei.hub.core.pki.RevocationReason;
import jp.renkei.hub.core.security.HubAuthentication;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.vpn.expiry.ExpiryWatch;
import jp.renkei.hub.vpn.swanctl.HubSideSync;
import jp.renkei.hub.vpn.testsupport.TestClock;
import jp.renkei.hub.vpn.testsupport.VpnFixtures;
import jp.renkei.hub.vpn.testsupport.VpnTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Renewal of a router certificate: offered from 30 days before its end, by token (the router) or CSR (the
 * administrator); the previous certificate stays valid until the switch is confirmed or the overlap ends, then it
 * is in the CRL; another facility's administrator gets exactly the 404 of a missing site.
 */
@VpnTest
class RenewalApiTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    FacilityRegistry registry;
    @Autowired
    DeviceCertificates devices;
    @Autowired
    RevocationList revocationList;
    @Autowired
    HubSideSync sync;
    @Autowired
    ExpiryWatch watch;
    @Autowired
    TestClock clock;

    private String facility;
    private JsonNode enrolled;

    @BeforeEach
    void anEnrolledRouter() throws Exception {
        facility = VpnFixtures.activeFacility(registry);
        send(put("/api/vpn/sites/" + facility), admin(facility), VpnFixtures.site(freshPrefixes()))
                .andExpect(status().isOk());
        JsonNode token = read(send(post("/api/vpn/sites/" + facility + "/enrolment-tokens"), admin(facility), Map.of())
                .andExpect(status().isCreated()));
        enrolled = read(send(post("/api/vpn/enrolment"), null, Map.of("token", token.get("token").asText(),
                "csrPem", csr(ec("secp384r1")))).andExpect(status().isCreated()));
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void renewalIsRefusedUntilThirtyDaysBeforeTheEndAndThenOffered() throws Exception {
        Instant notAfter = Instant.parse(enrolled.get("notAfter").asText());
        clock.setAt(notAfter.minus(Duration.ofDays(31)));
        send(post("/api/vpn/sites/" + facility + "/renewal-tokens"), admin(facility), Map.of())
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("30 日前から")));
        send(post("/api/vpn/sites/" + facility + "/router/renewal"), admin(facility), Map.of("csrPem", csr(ec("secp256r1"))))
                .andExpect(status().isConflict());
        siteStatus(admin(facility)).andExpect(jsonPath("$.sites[0].renewalDue").value(false))
                .andExpect(jsonPath("$.sites[0].routerCertificate.stage").value("VALID"));
        assertThat(routerCertificates()).hasSize(1);

        clock.setAt(notAfter.minus(Duration.ofDays(30)));
        siteStatus(admin(facility)).andExpect(jsonPath("$.sites[0].renewalDue").value(true))
                .andExpect(jsonPath("$.sites[0].routerCertificate.stage").value("RENEWAL_DUE"))
                .andExpect(jsonPath("$.sites[0].routerCertificate.daysLeft").value(29));
    }

    @Test
    void theRouterRenewsWithATokenThePreviousCertificateStaysValidUntilTheSwitchIsConfirmed() throws Exception {
        String oldSerial = enrolled.get("serial").asText();
        Instant notAfter = Instant.parse(enrolled.get("notAfter").asText());
        clock.setAt(notAfter.minus(Duration.ofDays(20)));
        JsonNode token = read(send(post("/api/vpn/sites/" + facility + "/renewal-tokens"), admin(facility), Map.of())
                .andExpect(status().isCreated()));
        JsonNode renewed = read(send(post("/api/vpn/enrolment"), null, Map.of("token", token.get("token").asText(),
                "csrPem", csr(ec("secp384r1")))).andExpect(status().isCreated()));
        String newSerial = renewed.get("serial").asText();
        assertThat(newSerial).isNotEqualTo(oldSerial);
        // the CA issues in real time: back to it, where the new certificate has its full validity ahead
        clock.reset();
        assertThat(renewed.get("ikeIdentity").asText()).isEqualTo(facility + ".sites.vpn.renkei-hub.example");

        // both valid: the router keeps its tunnel until it uses the new certificate; the hub side is rewritten
        assertThat(routerCertificates()).extracting(DeviceCertificate::serial, DeviceCertificate::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(newSerial, DeviceCertificate.Status.ISSUED),
                org.assertj.core.groups.Tuple.tuple(oldSerial, DeviceCertificate.Status.RETIRING));
        assertThat(revoked(oldSerial)).isFalse();
        assertThat(Files.exists(sync.directory().siteFile("site-" + facility))).isTrue();
        Instant renewedAt = routerCertificates().get(0).notBefore();
        siteStatus(admin(facility))
                .andExpect(jsonPath("$.sites[0].routerCertificate.serial").value(newSerial))
                .andExpect(jsonPath("$.sites[0].renewalDue").value(false))
                .andExpect(jsonPath("$.sites[0].retiringRouterCertificates[0].serial").value(oldSerial))
                .andExpect(jsonPath("$.sites[0].retiringRouterCertificates[0].retireAt")
                        .value(renewedAt.plus(Duration.ofDays(14)).toString()));
        // the token was used up, and renewal is no longer due
        send(post("/api/vpn/enrolment"), null, Map.of("token", token.get("token").asText(), "csrPem", csr(ec("secp256r1"))))
                .andExpect(status().isConflict());
        send(post("/api/vpn/sites/" + facility + "/renewal-tokens"), admin(facility), Map.of())
                .andExpect(status().isConflict());

        // the site confirms the switch: the previous certificate is revoked (superseded) and in the hub's CRL file
        send(post("/api/vpn/sites/" + facility + "/router/renewal/complete"), admin(facility), Map.of())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.revokedSerials[0]").value(oldSerial));
        assertThat(revoked(oldSerial)).isTrue();
        assertThat(revoked(newSerial)).isFalse();
        assertThat(routerCertificates().get(1).revocationReason()).isEqualTo(RevocationReason.SUPERSEDED);
        assertThat(crlFile().getRevokedCertificate(new BigInteger(oldSerial, 16))).isNotNull();
        send(post("/api/vpn/sites/" + facility + "/router/renewal/complete"), admin(facility), Map.of())
                .andExpect(status().isConflict());
    }

    @Test
    void theAdministratorRenewsWithACsrAndTheWatchRevokesThePreviousCertificateWhenTheOverlapEnds() throws Exception {
        String oldSerial = enrolled.get("serial").asText();
        Instant notAfter = Instant.parse(enrolled.get("notAfter").asText());
        clock.setAt(notAfter.minus(Duration.ofDays(25)));
        send(post("/api/vpn/sites/" + facility + "/router/renewal"), admin(facility), Map.of("csrPem", "not a CSR"))
                .andExpect(status().isBadRequest());
        assertThat(routerCertificates()).hasSize(1);
        JsonNode renewed = read(send(post("/api/vpn/sites/" + facility + "/router/renewal"), admin(facility),
                Map.of("csrPem", csr(ec("secp256r1")))).andExpect(status().isCreated()));
        Instant renewedAt = routerCertificates().get(0).notBefore();

        clock.setAt(renewedAt.plus(Duration.ofDays(14)).minusSeconds(60));
        watch.run();
        assertThat(revoked(oldSerial)).isFalse();
        clock.setAt(renewedAt.plus(Duration.ofDays(14)));
        watch.run();
        assertThat(revoked(oldSerial)).isTrue();
        assertThat(revoked(renewed.get("serial").asText())).isFalse();
        assertThat(crlFile().getRevokedCertificate(new BigInteger(oldSerial, 16))).isNotNull();
        siteStatus(admin(facility)).andExpect(jsonPath("$.sites[0].retiringRouterCertificates").isEmpty());
    }

    @Test
    void anotherFacilitysAdministratorCannotSeeOrRenewTheSiteAndGetsTheAnswerOfAMissingSite() throws Exception {
        clock.setAt(Instant.parse(enrolled.get("notAfter").asText()).minus(Duration.ofDays(10)));
        String other = VpnFixtures.activeFacility(registry);
        String missing = UUID.randomUUID().toString();
        HubPrincipal intruder = admin(other);
        for (String path : List.of("/renewal-tokens", "/router/renewal", "/router/renewal/complete")) {
            String hidden = send(post("/api/vpn/sites/" + facility + path), intruder, Map.of("csrPem", csr(ec("secp256r1"))))
                    .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
            String absent = send(post("/api/vpn/sites/" + missing + path), admin(missing), Map.of("csrPem", csr(ec("secp256r1"))))
                    .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
            assertThat(hidden.replace(facility, "X")).as(path).isEqualTo(absent.replace(missing, "X"));
        }
        String hidden = mvc.perform(get("/api/vpn/sites/" + facility + "/status")
                .with(authentication(new HubAuthentication(intruder)))).andExpect(status().isNotFound())
                .andReturn().getResponse().getContentAsString();
        String absent = mvc.perform(get("/api/vpn/sites/" + missing + "/status")
                .with(authentication(new HubAuthentication(admin(missing))))).andExpect(status().isNotFound())
                .andReturn().getResponse().getContentAsString();
        assertThat(hidden.replace(facility, "X")).isEqualTo(absent.replace(missing, "X")).doesNotContain(other);
        assertThat(routerCertificates()).hasSize(1);
        // the operator sees it
        siteStatus(operator()).andExpect(jsonPath("$.sites[0].facilityId").value(facility));
    }

    private ResultActions siteStatus(HubPrincipal principal) throws Exception {
        return mvc.perform(get("/api/vpn/sites/" + facility + "/status").with(authentication(new HubAuthentication(principal))))
                .andExpect(status().isOk());
    }

    private List<DeviceCertificate> routerCertificates() {
        Device router = devices.list(facility).stream().filter(d -> d.kind() == DeviceKind.VPN_ROUTER).findFirst()
                .orElseThrow();
        return devices.certificates(facility, router.deviceId());
    }

    private boolean revoked(String serial) {
        return revocationList.currentCrl().getRevokedCertificate(new BigInteger(serial, 16)) != null;
    }

    private X509CRL crlFile() throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(
                new ByteArrayInputStream(Files.readAllBytes(sync.directory().crlFile())));
    }

    private ResultActions send(MockHttpServletRequestBuilder request, HubPrincipal principal, Object body) throws Exception {
        if (principal != null) {
            request = request.with(authentication(new HubAuthentication(principal)));
        }
        return mvc.perform(request.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body)));
    }

    private JsonNode read(ResultActions actions) throws Exception {
        return json.readTree(actions.andReturn().getResponse().getContentAsString());
    }
}
