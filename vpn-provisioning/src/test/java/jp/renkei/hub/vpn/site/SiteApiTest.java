package jp.renkei.hub.vpn.site;

import static jp.renkei.hub.vpn.testsupport.ApiCalls.as;
import static jp.renkei.hub.vpn.testsupport.ApiCalls.body;
import static jp.renkei.hub.vpn.testsupport.ApiCalls.normalise;
import static jp.renkei.hub.vpn.testsupport.VpnFixtures.admin;
import static jp.renkei.hub.vpn.testsupport.VpnFixtures.freshPrefixes;
import static jp.renkei.hub.vpn.testsupport.VpnFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.notNullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.vpn.testsupport.VpnFixtures;
import jp.renkei.hub.vpn.testsupport.VpnTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@VpnTest
class SiteApiTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    FacilityRegistry registry;

    private String own;
    private String other;

    @BeforeEach
    void facilities() {
        own = VpnFixtures.activeFacility(registry);
        other = VpnFixtures.activeFacility(registry);
    }

    @Test
    void anAdministratorRegistersAndReadsTheFacilitysSite() throws Exception {
        List<String> prefixes = freshPrefixes();
        send(put("/api/vpn/sites/" + own), admin(own), VpnFixtures.site(prefixes))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.facilityId").value(own))
                .andExpect(jsonPath("$.routerKind").value("STRONGSWAN"))
                .andExpect(jsonPath("$.publicAddress").value("203.0.113.10"))
                .andExpect(jsonPath("$.behindNat").value(false))
                .andExpect(jsonPath("$.lanPrefixes[0]").value(prefixes.get(0)))
                .andExpect(jsonPath("$.lanPrefixes[1]").value(prefixes.get(1)))
                .andExpect(jsonPath("$.ikeIdentity").value(own + ".sites.vpn.renkei-hub.example"))
                .andExpect(jsonPath("$.updatedBy").value("admin-of-" + own));
        mvc.perform(get("/api/vpn/sites/" + own).with(as(admin(own))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.contact.name").value("情報システム課 山田"));
        // the configuration archive: swanctl.conf for this site, the hub CA, the Japanese README and parameter sheet
        MvcResult archive = mvc.perform(get("/api/vpn/sites/" + own + "/configuration").with(as(admin(own))))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .contentType("application/zip"))
                .andReturn();
        Map<String, String> entries = unzip(archive.getResponse().getContentAsByteArray());
        assertThat(entries).containsKeys("README-ja.txt", "parameter-sheet-ja.txt", "swanctl/swanctl.conf",
                "swanctl/x509ca/renkei-hub-ca.crt", "swanctl/private/", "swanctl/x509/");
        assertThat(entries.get("swanctl/swanctl.conf"))
                .contains("id = " + own + ".sites.vpn.renkei-hub.example")
                .contains("local_ts = " + String.join(",", prefixes))
                .contains("remote_ts = 10.251.0.0/24,fd00:251::/64")
                .contains("remote_addrs = 10.250.0.1")
                .contains("proposals = aes256gcm16-prfsha384-ecp384,aes256gcm16-prfsha384-curve25519")
                .contains("start_action = start");
        assertThat(entries.get("README-ja.txt")).contains("手順");
        assertThat(entries.get("parameter-sheet-ja.txt")).contains("IKEv2 のみ").contains(prefixes.get(0));

        // behind NAT: no public address
        send(put("/api/vpn/sites/" + own), admin(own), new SiteRequest(RouterKind.GENERIC_IKEV2, "", prefixes,
                new SiteContact("山田", "024", "it@example.jp")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.behindNat").value(true))
                .andExpect(jsonPath("$.routerKind").value("GENERIC_IKEV2"));
    }

    @Test
    void anotherFacilitysSiteAnswersExactlyLikeAMissingOne() throws Exception {
        send(put("/api/vpn/sites/" + other), admin(other), VpnFixtures.site(freshPrefixes())).andExpect(status().isOk());
        String missing = VpnFixtures.activeFacility(registry); // exists, has no site
        for (String path : List.of("", "/configuration")) {
            String foreign = body(mvc.perform(get("/api/vpn/sites/" + other + path).with(as(admin(own)))), 404);
            String absent = body(mvc.perform(get("/api/vpn/sites/" + missing + path).with(as(admin(missing)))), 404);
            assertThat(normalise(json, foreign, other)).isEqualTo(normalise(json, absent, missing));
        }
        for (String path : List.of("/enrolment-tokens", "/router/revoke")) {
            String foreign = body(mvc.perform(post("/api/vpn/sites/" + other + path).with(as(admin(own)))), 404);
            String absent = body(mvc.perform(post("/api/vpn/sites/" + missing + path).with(as(admin(missing)))), 404);
            assertThat(normalise(json, foreign, other)).isEqualTo(normalise(json, absent, missing));
        }
        // and a change to another facility's site is refused the same way and changes nothing
        send(put("/api/vpn/sites/" + other), admin(own), VpnFixtures.site(freshPrefixes())).andExpect(status().isNotFound());
        mvc.perform(get("/api/vpn/sites/" + other).with(as(admin(other))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.updatedBy").value("admin-of-" + other));
        // only hub administrators list every site
        mvc.perform(get("/api/vpn/sites").with(as(admin(own)))).andExpect(status().isForbidden());
        mvc.perform(get("/api/vpn/status").with(as(admin(own)))).andExpect(status().isForbidden());
        mvc.perform(get("/api/vpn/sites").with(as(operator())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.facilityId == '" + other + "')]").exists());
        mvc.perform(get("/api/vpn/sites/" + other).with(as(operator()))).andExpect(status().isOk());
    }

    @Test
    void overlappingPrefixesAreRefusedNamingTheClashingSiteAndChangeNothing() throws Exception {
        List<String> theirs = freshPrefixes();
        send(put("/api/vpn/sites/" + other), admin(other), VpnFixtures.site(theirs)).andExpect(status().isOk());
        List<String> mine = freshPrefixes();
        send(put("/api/vpn/sites/" + own), admin(own), VpnFixtures.site(mine)).andExpect(status().isOk());
        String otherName = registry.find(other).orElseThrow().details().name();

        String inside = theirs.get(0).replace(".0/24", ".128/25"); // inside their /24 only
        send(put("/api/vpn/sites/" + own), admin(own), VpnFixtures.site(List.of(inside)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("LAN プレフィックス " + inside + " はサイト「" + otherName
                        + "」(施設 " + other + ") の " + theirs.get(0) + " と重なります"));
        send(put("/api/vpn/sites/" + own), admin(own), VpnFixtures.site(List.of(theirs.get(1))))
                .andExpect(status().isConflict());
        send(put("/api/vpn/sites/" + own), admin(own), VpnFixtures.site(List.of("10.251.0.128/25")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(
                        "LAN プレフィックス 10.251.0.128/25 はハブのサービスプレフィックス 10.251.0.0/24 と重なります"));
        send(put("/api/vpn/sites/" + own), admin(own), VpnFixtures.site(List.of("10.99.0.0/16", "10.99.4.0/24")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.lanPrefixes").value("10.99.0.0/16 と 10.99.4.0/24 が重なっています"));
        send(put("/api/vpn/sites/" + own), admin(own), VpnFixtures.site(List.of("10.99.1.1/24")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.lanPrefixes").exists());
        send(put("/api/vpn/sites/" + own), admin(own), new SiteRequest(RouterKind.STRONGSWAN, "not an address!",
                mine, new SiteContact("a", "b", "c@example.jp")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.publicAddress").exists());
        send(put("/api/vpn/sites/" + own), admin(own), new SiteRequest(null, null, mine, null))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.routerKind").exists());

        mvc.perform(get("/api/vpn/sites/" + own).with(as(admin(own))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.lanPrefixes[0]").value(mine.get(0)))
                .andExpect(jsonPath("$.lanPrefixes[1]").value(mine.get(1)));
    }

    @Test
    void theOperatorSeesEverySitesTunnelAndCertificate() throws Exception {
        send(put("/api/vpn/sites/" + own), admin(own), VpnFixtures.site(freshPrefixes())).andExpect(status().isOk());
        String path = "$.sites[?(@.facilityId == '" + own + "')]";
        mvc.perform(get("/api/vpn/status").with(as(operator())))
                .andExpect(status().isOk())
                .andExpect(jsonPath(path + ".state").value(contains("NOT_CONFIGURED")))
                .andExpect(jsonPath(path + ".connection").value(contains("site-" + own)));

        String token = json.readTree(send(post("/api/vpn/sites/" + own + "/enrolment-tokens"), admin(own), Map.of())
                .andReturn().getResponse().getContentAsString()).get("token").asText();
        send(post("/api/vpn/enrolment"), null, Map.of("token", token, "csrPem",
                VpnFixtures.csr(VpnFixtures.ec("secp256r1")))).andExpect(status().isCreated());
        // no charon answers in this test: the site is configured but its tunnel is down
        mvc.perform(get("/api/vpn/status").with(as(operator())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.strongswanAvailable").value(false))
                .andExpect(jsonPath("$.problem").isNotEmpty())
                .andExpect(jsonPath(path + ".state").value(contains("DOWN")))
                .andExpect(jsonPath(path + ".renewalDue").value(contains(false)))
                .andExpect(jsonPath(path + ".certificateNotAfter").value(contains(notNullValue())));
    }

    @Test
    void aSiteNeedsAnApprovedOrActiveFacility() throws Exception {
        String applied = VpnFixtures.appliedFacility(registry);
        send(put("/api/vpn/sites/" + applied), admin(applied), VpnFixtures.site(freshPrefixes()))
                .andExpect(status().isConflict());
        send(put("/api/vpn/sites/00000000-0000-0000-0000-000000000000"), operator(), VpnFixtures.site(freshPrefixes()))
                .andExpect(status().isNotFound());
        String approved = VpnFixtures.approvedFacility(registry);
        send(put("/api/vpn/sites/" + approved), admin(approved), VpnFixtures.site(freshPrefixes()))
                .andExpect(status().isOk());
    }

    private ResultActions send(MockHttpServletRequestBuilder request, HubPrincipal principal, Object body) throws Exception {
        if (principal != null) {
            request = request.with(as(principal));
        }
        return mvc.perform(request.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body)));
    }

    private static Map<String, String> unzip(byte[] zip) throws Exception {
        Map<String, String> entries = new java.util.LinkedHashMap<>();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}
