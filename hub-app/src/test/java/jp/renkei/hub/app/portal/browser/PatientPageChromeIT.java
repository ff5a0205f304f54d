package jp.renkei.hub.app.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.PortalChrome;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.patient.FacilityPatientId;
import jp.renkei.hub.core.patient.PatientCrossReference;
import jp.renkei.hub.core.person.Profession;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The patient area in a real browser: the check-digit feedback appears as the number is typed (htmx), the
 * consented patient's page shows server-drawn lab trend charts and the dispensing history; choosing another
 * test redraws the charts in place. axe-core checks the pages; screenshots "lookup", "patient-labs" and
 * "patient-dispensing" for docs/portal.md.
 */
@HubIntegrationTest
class PatientPageChromeIT {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void aClinicDoctorTypesANumberSeesTheCheckAndOpensTheLabsAndDispensing() {
        String clinicId = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
        String hospitalId = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        EventNumber number = context.getBean(PatientCrossReference.class)
                .eventNumberOf(new FacilityPatientId(hospitalId, "N000001")).orElseThrow();
        TestPeople.Person doctor = TestPeople.person(context, clinicId, Profession.DOCTOR, false, true);
        try (PortalChrome chrome = PortalChrome.open(port)) {
            chrome.logIn(context, doctor, null);
            assertThat(chrome.path()).isEqualTo("/portal/patients");
            String digits = number.digits();
            String mistyped = digits.substring(0, 15) + (char) ('0' + (digits.charAt(15) - '0' + 1) % 10);
            chrome.type("number", mistyped);
            chrome.waitForText("チェックディジット (最後の桁) が一致しません");
            chrome.type("number", number.formatted());
            chrome.waitForText("番号の形式OK");
            assertThat(chrome.find(By.id("number-check")).getAttribute("class")).contains("check-ok");
            chrome.assertAccessible();
            chrome.screenshot("lookup");

            chrome.clickAndWait(chrome.find(By.cssSelector("main form button[type=submit]")));
            assertThat(chrome.path()).isEqualTo("/portal/patients/" + number.formatted());
            assertThat(chrome.findAll(By.cssSelector("#labs svg.lab-chart"))).hasSize(3);
            assertThat(chrome.find(By.cssSelector("#labs svg.lab-chart title")).getAttribute("textContent"))
                    .contains("の推移");
            assertThat(chrome.findAll(By.cssSelector("#labs svg .ref-band"))).isNotEmpty();
            assertThat(chrome.find(By.id("dispensing")).getText()).contains("調剤・処方の履歴", "処方 (調剤の記録なし)");
            chrome.assertAccessible();

            // another test chosen: htmx swaps the lab section in place, and the URL keeps the choice
            chrome.find(By.cssSelector("label[for='test-0']")).click();
            chrome.find(By.cssSelector("#labs form button[type=submit]")).click();
            new org.openqa.selenium.support.ui.WebDriverWait(chrome.driver(), java.time.Duration.ofSeconds(10))
                    .until(d -> chrome.findAll(By.cssSelector("#labs svg.lab-chart")).size() == 2);
            assertThat(chrome.driver().getCurrentUrl()).contains("test=");
            ((JavascriptExecutor) chrome.driver()).executeScript(
                    "document.getElementById('labs').scrollIntoView()");
            chrome.assertAccessible();
            chrome.screenshot("patient-labs");
            ((JavascriptExecutor) chrome.driver()).executeScript(
                    "document.getElementById('dispensing').scrollIntoView()");
            chrome.screenshot("patient-dispensing");
        }
    }
}
