package jp.renkei.hub.app.portal.vpn;

import static org.assertj.core.api.Assertions.assertThat;

import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.PortalChrome;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.vpn.site.IpPrefix;
import jp.renkei.hub.vpn.site.Sites;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The clinic's administrator registers the VPN site, adds a DICOM node and issues an enrolment token in a real
 * browser (headless Debian chromium), then an operator opens the VPN list from the operator menu; axe-core checks the site, token
 * and operator pages; the documentation's screenshot comes from here.
 */
@HubIntegrationTest
class VpnChromeIT {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    Sites sites;

    @Test
    void theAdministratorRegistersTheSiteAndIssuesAToken() {
        String clinicId = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
        TestPeople.Person admin = TestPeople.person(context, clinicId, Profession.FACILITY_ADMIN, true, true);
        String prefix = freePrefix();
        try (PortalChrome chrome = PortalChrome.open(port)) {
            chrome.logIn(context, admin, null);
            chrome.go("/portal/facility/people");
            chrome.click("VPN サイト");
            assertThat(chrome.path()).isEqualTo("/portal/facility/vpn");
            chrome.assertAccessible();

            chrome.find(By.id("publicAddress")).clear();
            chrome.find(By.id("lanPrefixes")).clear();
            chrome.find(By.id("contactName")).clear();
            chrome.find(By.id("contactPhone")).clear();
            chrome.find(By.id("contactEmail")).clear();
            chrome.type("lanPrefixes", prefix).type("contactName", "連携 太郎").type("contactPhone", "03-1234-5678")
                    .type("contactEmail", "net@clinic.example.jp");
            chrome.clickAndWait(chrome.find(By.cssSelector("form.vpn-form button[type=submit]")));
            assertThat(chrome.mainText()).contains("保存しました", prefix, "連携 太郎");
            assertThat(sites.find(clinicId).orElseThrow().lanPrefixes()).extracting(IpPrefix::toString)
                    .containsExactly(prefix);
            chrome.assertAccessible();

            // a DICOM node on the site's LAN: the clinic's PACS as a C-MOVE destination
            String host = prefix.replaceFirst("\\.0/24$", ".10");
            assertThat(host).isNotEqualTo(prefix);
            chrome.type("nodeAeTitle", "AIZU_PACS").type("nodeHost", host).type("nodePort", "11112");
            if (!chrome.find(By.id("accepts-STORE_DESTINATION")).isSelected()) {
                chrome.find(By.id("accepts-STORE_DESTINATION")).click();
            }
            chrome.clickAndWait(chrome.find(By.cssSelector("form[aria-labelledby='vpn-node-form-heading'] button")));
            assertThat(chrome.mainText()).contains("DICOM ノードを追加しました", "AIZU_PACS", host);
            chrome.assertAccessible();
            chrome.go("/portal/facility/vpn#vpn-nodes");
            chrome.screenshot("facility-vpn");

            chrome.click("トークンを発行する");
            assertThat(chrome.mainText()).contains("ルーター登録用のトークンを発行しました", "有効期限", "施設での手順");
            assertThat(chrome.find(By.id("enrolment-token")).getText()).isNotBlank();
            chrome.assertAccessible();
        }
        String operatorFacility = context.getBean(FacilityRegistry.class).list(null, FacilityKind.HUB_OPERATOR, null)
                .get(0).id();
        TestPeople.Person operator = TestPeople.person(context, operatorFacility, Profession.HUB_ADMIN, true, true);
        try (PortalChrome chrome = PortalChrome.open(port)) {
            chrome.logIn(context, operator, null);
            chrome.go("/portal/operator/facilities");
            chrome.click("VPN");
            assertThat(chrome.path()).isEqualTo("/portal/operator/vpn");
            assertThat(chrome.mainText()).contains("すべての VPN サイト", clinicId);
            chrome.assertAccessible();
        }
    }

    private String freePrefix() {
        while (true) {
            IpPrefix candidate = IpPrefix.parse(VpnPortalIT.randomPrefix());
            boolean taken = sites.list().stream().flatMap(s -> s.lanPrefixes().stream()).anyMatch(candidate::overlaps);
            if (!taken) {
                return candidate.toString();
            }
        }
    }
}
