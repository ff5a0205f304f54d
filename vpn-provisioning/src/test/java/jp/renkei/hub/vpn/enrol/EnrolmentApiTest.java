package jp.renkei.hub.vpn.enrol;

import static jp.renkei.hub.vpn.testsupport.VpnFixtures.admin;
import static jp.renkei.hub.vpn.testsupport.VpnFixtures.csr;
import static jp.renkei.hub.vpn.testsupport.VpnFixtures.ec;
import static jp.renkei.hub.vpn.testsupport.VpnFixtures.freshPrefixes;
import static jp.renkei.hub.vpn.testsupport.VpnFixtures.rsa;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.pki.Device;
import jp.renkei.hub.core.pki.DeviceCertificates;
import jp.renkei.hub.core.pki.DeviceKind;
import jp.renkei.hub.core.pki.HubCertificateAuthority;
import jp.renkei.hub.core.security.HubAuthentication;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.vpn.testsupport.VpnFixtures;
import jp.renkei.hub.vpn.testsupport.VpnTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@VpnTest
class EnrolmentApiTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    FacilityRegistry registry;
    @Autowired
    DeviceCertificates devices;
    @Autowired
    HubCertificateAuthority ca;
    @Autowired
    JdbcClient jdbc;

    private String facility;

    @BeforeEach
    void siteOfAnActiveFacility() throws Exception {
        facility = VpnFixtures.activeFacility(registry);
        send(put("/api/vpn/sites/" + facility), admin(facility), VpnFixtures.site(freshPrefixes()))
                .andExpect(status().isOk());
    }

    @Test
    void aRouterEnrolsWithATokenAndGetsAnIkeCertificateFromTheHubCa() throws Exception {
        String token = newToken();
        JsonNode enrolled = read(send(post("/api/vpn/enrolment"), null, Map.of("token", token, "csrPem", csr(ec("secp384r1"))))
                .andExpect(status().isCreated()));
        X509Certificate certificate = certificate(enrolled.get("certificatePem").asText());
        String identity = facility + ".sites.vpn.renkei-hub.example";
        assertThat(enrolled.get("ikeIdentity").asText()).isEqualTo(identity);
        assertThat(certificate.getExtendedKeyUsage()).containsExactlyInAnyOrder("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(certificate.getSubjectAlternativeNames()).contains(List.of(2, identity));
        assertThat(ca.vouchesFor(certificate)).isTrue();
        assertThat(enrolled.get("caCertificatePem").asText()).isEqualTo(ca.certificatePem());
        assertThat(enrolled.get("hubAddress").asText()).isEqualTo("10.250.0.1");

        Device router = routers().get(0);
        assertThat(router.certificate().serial()).isEqualTo(enrolled.get("serial").asText());
        // an IKE certificate never authenticates a request to the API
        assertThat(devices.authenticate(certificate)).isEmpty();

        // the token worked once: the second use is refused and issues nothing
        send(post("/api/vpn/enrolment"), null, Map.of("token", token, "csrPem", csr(ec("secp256r1"))))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("この登録トークンは使用済みです。施設管理者が新しいトークンを発行してください"));
        assertThat(routers()).singleElement().satisfies(d ->
                assertThat(d.certificate().serial()).isEqualTo(enrolled.get("serial").asText()));

        // re-enrolment with a new token supersedes the certificate
        JsonNode again = read(send(post("/api/vpn/enrolment"), null, Map.of("token", newToken(), "csrPem", csr(ec("secp256r1"))))
                .andExpect(status().isCreated()));
        assertThat(again.get("serial").asText()).isNotEqualTo(enrolled.get("serial").asText());
        assertThat(routers()).singleElement().satisfies(d ->
                assertThat(d.certificate().serial()).isEqualTo(again.get("serial").asText()));
    }

    @Test
    void badInputGetsAPrecise4xxAndChangesNothing() throws Exception {
        String token = newToken();
        send(post("/api/vpn/enrolment"), null, Map.of("token", token, "csrPem", csr(rsa(1024))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.csrPem").value("RSA key of 1024 bits is too weak; at least 2048 bits are required"));
        send(post("/api/vpn/enrolment"), null, Map.of("token", token, "csrPem", "-----BEGIN CERTIFICATE REQUEST-----\nxx"))
                .andExpect(status().isBadRequest());
        send(post("/api/vpn/enrolment"), null, Map.of("token", "no-such-token", "csrPem", csr(ec("secp256r1"))))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value("登録トークンが正しくありません"));
        send(post("/api/vpn/enrolment"), null, Map.of("csrPem", csr(ec("secp256r1"))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.token").exists());
        assertThat(routers()).isEmpty();
        assertThat(unusedTokens()).isEqualTo(1);

        String expired = newToken();
        jdbc.sql("UPDATE hub.vpn_enrolment_token SET expires_at = now() - interval '1 minute' WHERE token_hash = :h")
                .param("h", EnrolmentTokens.hash(expired)).update();
        send(post("/api/vpn/enrolment"), null, Map.of("token", expired, "csrPem", csr(ec("secp256r1"))))
                .andExpect(status().isGone());
        assertThat(routers()).isEmpty();

        // the refused attempts left the first token usable
        send(post("/api/vpn/enrolment"), null, Map.of("token", token, "csrPem", csr(ec("secp256r1"))))
                .andExpect(status().isCreated());
        assertThat(routers()).hasSize(1);
    }

    @Test
    void onlyAnActiveFacilityEnrolsARouter() throws Exception {
        String approved = VpnFixtures.approvedFacility(registry);
        send(put("/api/vpn/sites/" + approved), admin(approved), VpnFixtures.site(freshPrefixes())).andExpect(status().isOk());
        send(post("/api/vpn/sites/" + approved + "/enrolment-tokens"), admin(approved), Map.of())
                .andExpect(status().isConflict());

        String token = newToken();
        registry.changeStatus(facility, FacilityStatus.SUSPENDED, "監査のため一時停止", "test");
        send(post("/api/vpn/enrolment"), null, Map.of("token", token, "csrPem", csr(ec("secp256r1"))))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("施設 " + facility
                        + " は SUSPENDED です。VPN ルーターの登録は稼働中 (ACTIVE) の施設だけができます"));
        assertThat(routers()).isEmpty();
        registry.changeStatus(facility, FacilityStatus.ACTIVE, "再開", "test");
        send(post("/api/vpn/enrolment"), null, Map.of("token", token, "csrPem", csr(ec("secp256r1"))))
                .andExpect(status().isCreated());
    }

    @Test
    void aRouterWithoutCsrGetsAPkcs12BundleWithAOneTimePassword() throws Exception {
        JsonNode bundle = read(send(post("/api/vpn/enrolment/pkcs12"), null, Map.of("token", newToken()))
                .andExpect(status().isCreated()));
        String password = bundle.get("password").asText();
        assertThat(password).hasSize(20);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(Base64.getDecoder().decode(bundle.get("pkcs12Base64").asText())),
                password.toCharArray());
        Certificate[] chain = store.getCertificateChain("vpn-router");
        assertThat(chain).hasSize(2);
        assertThat(((X509Certificate) chain[0]).getSerialNumber().toString(16))
                .isEqualTo(bundle.get("enrolment").get("serial").asText());
        assertThat(chain[1]).isEqualTo(ca.certificate());
        assertThat(store.getKey("vpn-router", password.toCharArray())).isInstanceOf(PrivateKey.class);
        assertThat(routers()).hasSize(1);
    }

    @Test
    void theTokenIsShownOnceAndOnlyItsHashIsStored() throws Exception {
        String token = newToken();
        assertThat(jdbc.sql("SELECT count(*) FROM hub.vpn_enrolment_token WHERE token_hash = :t").param("t", token)
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM hub.vpn_enrolment_token WHERE token_hash = :t")
                .param("t", EnrolmentTokens.hash(token)).query(Integer.class).single()).isOne();
    }

    private String newToken() throws Exception {
        JsonNode token = read(send(post("/api/vpn/sites/" + facility + "/enrolment-tokens"), admin(facility), Map.of())
                .andExpect(status().isCreated()));
        assertThat(token.get("expiresAt").asText()).isNotBlank();
        return token.get("token").asText();
    }

    private List<Device> routers() {
        return devices.list(facility).stream().filter(d -> d.kind() == DeviceKind.VPN_ROUTER).toList();
    }

    private int unusedTokens() {
        return jdbc.sql("SELECT count(*) FROM hub.vpn_enrolment_token WHERE facility_id = :f AND used_at IS NULL")
                .param("f", facility).query(Integer.class).single();
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

    static X509Certificate certificate(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
