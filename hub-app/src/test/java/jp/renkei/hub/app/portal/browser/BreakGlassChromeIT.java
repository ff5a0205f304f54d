package jp.renkei.hub.app.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.portal.consent.DeskSupport;
import jp.renkei.hub.app.support.PortalChrome;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.person.Profession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Break-glass in a real browser: the clinic's doctor is refused without a reason, then opens emergency access
 * with one and lands on the patient page with the hospital's data under the emergency banner. axe-core checks
 * the pages; the screenshot break-glass comes from here.
 */
@jp.renkei.hub.app.support.HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BreakGlassChromeIT {

    private static final String HOSPITAL = DemoFacility.HOSPITAL.name();

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    private String clinicId;

    @BeforeAll
    void facilities() {
        clinicId = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
    }

    @Test
    void aDoctorOpensEmergencyAccessAndSeesTheDataUnderTheBanner() throws Exception {
        EventNumber number = new DeskSupport(context, port)
                .hospitalPatientWithDiagnosis(DeskSupport.newLocalId("P-BGC"), "救急試験症");
        TestPeople.Person doctor = TestPeople.person(context, clinicId, Profession.DOCTOR, false, true);
        try (PortalChrome chrome = PortalChrome.open(port)) {
            chrome.logIn(context, doctor, null);
            chrome.click("緊急時閲覧");
            assertThat(chrome.path()).isEqualTo("/portal/break-glass");
            chrome.assertAccessible();

            chrome.type("number", number.formatted());
            chrome.click("緊急時閲覧を開始する");
            assertThat(chrome.mainText()).contains("緊急の理由を入力してください。");
            assertThat(chrome.path()).isEqualTo("/portal/break-glass");
            chrome.assertAccessible();

            chrome.type("reason", "救急搬送、意識レベル低下。かかりつけ情報の確認が必要");
            chrome.clickAndWait(chrome.find(By.cssSelector("main form button[type=submit]")));
            assertThat(chrome.path()).isEqualTo("/portal/patients/" + number.formatted());
            String banner = chrome.find(By.cssSelector(".breakglass-banner")).getText();
            assertThat(banner).contains("緊急時閲覧中", "に自動的に終了します", "救急搬送、意識レベル低下");
            assertThat(chrome.mainText()).contains("救急試験症", HOSPITAL);
            chrome.assertAccessible();
            chrome.screenshot("break-glass");

            chrome.go("/portal/break-glass");
            assertThat(chrome.mainText()).contains(number.formatted(), "閲覧中");
            chrome.assertAccessible();
        }
    }
}
