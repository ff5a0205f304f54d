package jp.renkei.hub.app.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.PortalChrome;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.patient.FacilityPatientId;
import jp.renkei.hub.core.patient.PatientCrossReference;
import jp.renkei.hub.core.person.Profession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The portal in a real browser (headless Debian chromium): a clinic doctor logs in with password and two-factor
 * code, opens a consented patient and sees the hospital's data with its source, and an unconsented patient shows
 * nothing of the hospital. axe-core checks the pages; the documentation's screenshots come from here.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalChromeIT {

    private static final String HOSPITAL = DemoFacility.HOSPITAL.name();

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    private String clinicId;
    private String hospitalId;

    @BeforeAll
    void facilities() {
        clinicId = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
        hospitalId = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
    }

    private EventNumber hospitalPatient(String localId) {
        return context.getBean(PatientCrossReference.class)
                .eventNumberOf(new FacilityPatientId(hospitalId, localId)).orElseThrow();
    }

    @Test
    void aClinicDoctorLogsInWithTheTwoFactorCodeAndOpensAConsentedPatient() {
        TestPeople.Person doctor = TestPeople.person(context, clinicId, Profession.DOCTOR, false, true);
        try (PortalChrome chrome = PortalChrome.open(port)) {
            chrome.go("/");
            assertThat(chrome.path()).startsWith("/portal/login");
            assertThat(chrome.driver().findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ja");
            chrome.assertAccessible();
            chrome.screenshot("login");

            chrome.logIn(context, doctor, null);
            assertThat(chrome.pageText()).contains(DemoFacility.CLINIC.name(), "患者を開く", "ログアウト");
            chrome.assertAccessible();

            EventNumber number = hospitalPatient("N000001");
            chrome.type("number", number.digits());
            chrome.clickAndWait(chrome.find(By.cssSelector("main form button[type=submit]")));
            assertThat(chrome.path()).isEqualTo("/portal/patients/" + number.formatted());
            String text = chrome.mainText();
            assertThat(text).contains("患者サマリー", number.formatted(), "傷病名", "処方", HOSPITAL)
                    .doesNotContain("表示していない情報源");
            List<WebElement> sources = chrome.findAll(By.cssSelector("td.source"));
            assertThat(sources).isNotEmpty().allSatisfy(s -> assertThat(s.getText()).contains(HOSPITAL));
            chrome.assertAccessible();
            chrome.screenshot("patient");
        }
    }

    /** The suite reuses closed browsers (PortalChrome): one must come back as fresh as a new one, logged out. */
    @Test
    void aClosedBrowserComesBackLoggedOut() {
        TestPeople.Person doctor = TestPeople.person(context, clinicId, Profession.DOCTOR, false, true);
        WebDriver used;
        try (PortalChrome chrome = PortalChrome.open(port)) {
            chrome.logIn(context, doctor, null);
            assertThat(chrome.pageText()).contains("ログアウト");
            used = chrome.driver();
        }
        try (PortalChrome chrome = PortalChrome.open(port)) {
            assertThat(chrome.driver()).as("the closed browser, reused").isSameAs(used);
            chrome.go("/portal");
            assertThat(chrome.path()).startsWith("/portal/login");
        }
    }

    @Test
    void anUnconsentedPatientShowsNothingOfTheHospital() {
        TestPeople.Person doctor = TestPeople.person(context, clinicId, Profession.DOCTOR, false, true);
        try (PortalChrome chrome = PortalChrome.open(port)) {
            chrome.logIn(context, doctor, null);
            chrome.go("/portal/patients/" + hospitalPatient("N000004").formatted());
            String text = chrome.mainText();
            assertThat(text).contains("この患者の情報は表示できません").doesNotContain(HOSPITAL, "傷病名");
            assertThat(chrome.findAll(By.tagName("table"))).isEmpty();
            chrome.assertAccessible();
        }
    }

    @Test
    void theLanguageSwitchesToEnglishAndBack() {
        try (PortalChrome chrome = PortalChrome.open(port)) {
            chrome.go("/portal/login");
            chrome.click("English");
            assertThat(chrome.driver().findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
            assertThat(chrome.mainText()).contains("Log in");
            chrome.click("日本語");
            assertThat(chrome.driver().findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ja");
            assertThat(chrome.mainText()).contains("ログイン");
        }
    }

    @Test
    void onATabletTheMenuAndPatientPageFitTheWidth() {
        TestPeople.Person doctor = TestPeople.person(context, clinicId, Profession.DOCTOR, false, true);
        try (PortalChrome chrome = PortalChrome.open(port, 768)) {
            chrome.logIn(context, doctor, null);
            chrome.go("/portal/patients/" + hospitalPatient("N000001").formatted());
            Object scrollWidth = ((org.openqa.selenium.JavascriptExecutor) chrome.driver())
                    .executeScript("return document.documentElement.scrollWidth");
            assertThat(((Number) scrollWidth).intValue()).isLessThanOrEqualTo(768);
            chrome.screenshot("patient-tablet");
        }
    }
}
