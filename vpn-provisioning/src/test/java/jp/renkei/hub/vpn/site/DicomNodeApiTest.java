package jp.renkei.hub.vpn.site;

import static jp.renkei.hub.vpn.testsupport.ApiCalls.as;
import static jp.renkei.hub.vpn.testsupport.ApiCalls.body;
import static jp.renkei.hub.vpn.testsupport.ApiCalls.normalise;
import static jp.renkei.hub.vpn.testsupport.VpnFixtures.admin;
import static jp.renkei.hub.vpn.testsupport.VpnFixtures.freshPrefixes;
import static jp.renkei.hub.vpn.testsupport.VpnFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.network.DicomNode;
import jp.renkei.hub.core.network.SiteNetworks;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.vpn.testsupport.VpnFixtures;
import jp.renkei.hub.vpn.testsupport.VpnTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** A site's DICOM nodes: registered and read (API and the SiteNetworks port), every refusal, own vs. foreign. */
@VpnTest
class DicomNodeApiTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    FacilityRegistry registry;
    @Autowired
    SiteNetworks networks;

    private String own;
    private List<String> prefixes;
    private String v4Host;
    private String v6Host;

    @BeforeEach
    void site() throws Exception {
        own = VpnFixtures.activeFacility(registry);
        prefixes = freshPrefixes();
        v4Host = prefixes.get(0).replace(".0/24", ".20");
        v6Host = prefixes.get(1).replace("::/64", "::14");
        send(put("/api/vpn/sites/" + own), admin(own), VpnFixtures.site(prefixes)).andExpect(status().isOk());
    }

    @Test
    void theAdministratorRegistersNodesThatTheBridgeThenSees() throws Exception {
        send(put("/api/vpn/sites/" + own + "/dicom-nodes"), admin(own), List.of(
                node("CHUO_PACS", v4Host, 104, "QUERY_RETRIEVE", "STORE_DESTINATION"),
                node("CHUO_WS1", v6Host.toUpperCase(), 11112, "store_destination")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.dicomNodes[0].aeTitle").value("CHUO_PACS"))
                .andExpect(jsonPath("$.dicomNodes[0].host").value(v4Host))
                .andExpect(jsonPath("$.dicomNodes[0].port").value(104))
                .andExpect(jsonPath("$.dicomNodes[1].host").value(v6Host)) // RFC 5952 form
                .andExpect(jsonPath("$.dicomNodes[1].accepts[0]").value("STORE_DESTINATION"));
        mvc.perform(get("/api/vpn/sites/" + own).with(as(admin(own))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.dicomNodes.length()").value(2));

        assertThat(networks.dicomNodesOf(own)).containsExactly(
                new DicomNode("CHUO_PACS", v4Host, 104, Set.of(DicomNode.Service.QUERY_RETRIEVE,
                        DicomNode.Service.STORE_DESTINATION)),
                new DicomNode("CHUO_WS1", v6Host, 11112, Set.of(DicomNode.Service.STORE_DESTINATION)));
        assertThat(networks.storeDestination(own, "CHUO_WS1")).map(DicomNode::port).contains(11112);
        assertThat(networks.storeDestination(own, "NOBODY")).isEmpty();
        assertThat(networks.prefixesOf(own).orElseThrow()).extracting(Object::toString)
                .contains(prefixes.get(0));
        assertThat(networks.prefixesOf(VpnFixtures.activeFacility(registry))).isEmpty();

        // A QUERY_RETRIEVE-only node is no C-MOVE destination.
        send(put("/api/vpn/sites/" + own + "/dicom-nodes"), operator(),
                List.of(node("CHUO_PACS", v4Host, 104, "QUERY_RETRIEVE"))).andExpect(status().isOk());
        assertThat(networks.storeDestination(own, "CHUO_PACS")).isEmpty();
        // The empty list removes them all.
        send(put("/api/vpn/sites/" + own + "/dicom-nodes"), admin(own), List.of()).andExpect(status().isOk())
                .andExpect(jsonPath("$.dicomNodes.length()").value(0));
    }

    @Test
    void badNodesAreRefusedPreciselyAndChangeNothing() throws Exception {
        List<Map<String, Object>> good = List.of(node("CHUO_PACS", v4Host, 104, "STORE_DESTINATION"));
        send(put("/api/vpn/sites/" + own + "/dicom-nodes"), admin(own), good).andExpect(status().isOk());

        String outside = "10.99.200.1";
        refused(List.of(node("CHUO_WS1", outside, 104, "STORE_DESTINATION")), "dicomNodes[0].host",
                "「" + outside + "」はサイトの LAN プレフィックス " + prefixes + " の外です");
        refused(List.of(good.get(0), node("CHUO_WS1", "pacs.example.jp", 104, "STORE_DESTINATION")),
                "dicomNodes[1].host", "「pacs.example.jp」は IP アドレスではありません (ホスト名は使えません)");
        refused(List.of(node("chuo pacs!", v4Host, 104, "STORE_DESTINATION")), "dicomNodes[0].aeTitle", null);
        refused(List.of(node("CHUO_WS1", v4Host, 0, "STORE_DESTINATION")), "dicomNodes[0].port", null);
        refused(List.of(node("CHUO_WS1", v4Host, 70000, "STORE_DESTINATION")), "dicomNodes[0].port", null);
        refused(List.of(node("CHUO_WS1", v4Host, 104)), "dicomNodes[0].accepts", null);
        refused(List.of(node("CHUO_WS1", v4Host, 104, "PRINT")), "dicomNodes[0].accepts", null);
        refused(List.of(good.get(0), good.get(0)), "dicomNodes[1].aeTitle", "AE タイトル CHUO_PACS が重複しています");

        // A site edit that would leave a node outside the new prefixes is refused too.
        send(put("/api/vpn/sites/" + own), admin(own), VpnFixtures.site(freshPrefixes()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("DICOM ノード CHUO_PACS (" + v4Host
                        + ") が新しい LAN プレフィックスの外になります。先にノードを変更してください"));

        mvc.perform(get("/api/vpn/sites/" + own).with(as(admin(own))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.lanPrefixes[0]").value(prefixes.get(0)))
                .andExpect(jsonPath("$.dicomNodes.length()").value(1))
                .andExpect(jsonPath("$.dicomNodes[0].aeTitle").value("CHUO_PACS"));
    }

    @Test
    void anotherFacilitysNodesAnswerLikeAMissingSite() throws Exception {
        String other = VpnFixtures.activeFacility(registry);
        send(put("/api/vpn/sites/" + other), admin(other), VpnFixtures.site(freshPrefixes())).andExpect(status().isOk());
        String withoutSite = VpnFixtures.activeFacility(registry);
        List<Map<String, Object>> nodes = List.of(node("EVIL_WS", v4Host, 104, "STORE_DESTINATION"));

        String foreign = body(send(put("/api/vpn/sites/" + other + "/dicom-nodes"), admin(own), nodes), 404);
        String absent = body(send(put("/api/vpn/sites/" + withoutSite + "/dicom-nodes"), admin(withoutSite), nodes),
                404);
        assertThat(normalise(json, foreign, other)).isEqualTo(normalise(json, absent, withoutSite));
        assertThat(networks.dicomNodesOf(other)).isEmpty();
        assertThat(networks.dicomNodesOf(withoutSite)).isEmpty();
    }

    private void refused(List<Map<String, Object>> nodes, String field, String message) throws Exception {
        ResultActions answer = send(put("/api/vpn/sites/" + own + "/dicom-nodes"), admin(own), nodes)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors['" + field + "']").exists());
        if (message != null) {
            answer.andExpect(jsonPath("$.errors['" + field + "']").value(message));
        }
    }

    private static Map<String, Object> node(String aeTitle, String host, int port, String... accepts) {
        return Map.of("aeTitle", aeTitle, "host", host, "port", port, "accepts", List.of(accepts));
    }

    private ResultActions send(MockHttpServletRequestBuilder request, HubPrincipal principal, Object body)
            throws Exception {
        return mvc.perform(request.with(as(principal)).contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(body)));
    }
}
