package jp.renkei.hub.app.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.PortalChrome;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.person.Profession;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The hospital's referral desk searches in a real browser (headless Debian chromium): from the menu, the form starts
 * from its own facility; ticking 在宅医療 and 看取り in 県北 lists the home-care clinics nearest first, numbered as on the
 * server-drawn map; axe-core checks the search and profile pages; the documentation's screenshot comes from here.
 */
@HubIntegrationTest
class DirectoryChromeIT {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void theReferralDeskFindsHomeCareClinicsNearestFirstWithTheirMap() {
        String hospitalId = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        TestPeople.Person admin = TestPeople.person(context, hospitalId, Profession.FACILITY_ADMIN, true, true);
        try (PortalChrome chrome = PortalChrome.open(port)) {
            chrome.logIn(context, admin, null);
            chrome.go("/portal");
            chrome.click("施設検索");
            assertThat(chrome.path()).isEqualTo("/portal/directory");
            Select origin = new Select(chrome.find(By.id("from")));
            assertThat(origin.getFirstSelectedOption().getText()).isEqualTo(DemoFacility.HOSPITAL.name());

            chrome.find(By.cssSelector("input[name=service][value=home-medical-care]")).click();
            chrome.find(By.cssSelector("input[name=service][value=end-of-life]")).click();
            new Select(chrome.find(By.id("area"))).selectByVisibleText("県北");
            chrome.clickAndWait(chrome.find(By.cssSelector("#directory-search button[type=submit]")));

            List<String> names = chrome.findAll(By.cssSelector("tr.directory-entry .directory-name")).stream()
                    .map(WebElement::getText).toList();
            assertThat(names).containsExactly("駅前ふくしま在宅クリニック", "伊達あおば診療所", "二本松ひまわりクリニック");
            List<String> distances = chrome.findAll(By.cssSelector("tr.directory-entry .directory-distance")).stream()
                    .map(WebElement::getText).toList();
            assertThat(distances).allSatisfy(d -> assertThat(d).endsWith(" km"));
            assertThat(chrome.findAll(By.cssSelector("#directory-map svg circle"))).hasSize(3);
            assertThat(chrome.mainText()).contains("距離の起点: 福島中央総合病院");
            chrome.assertAccessible();
            chrome.screenshot("directory-search");

            chrome.click("自施設のプロフィールを編集する");
            assertThat(chrome.path()).isEqualTo("/portal/facility/directory");
            assertThat(chrome.find(By.id("latitude")).getAttribute("value")).isEqualTo("37.7562");
            chrome.assertAccessible();
        }
    }
}
