package jp.renkei.hub.app.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;

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
 * The consent desk in a real browser: a hospital nurse finds the patient by the hospital's own patient ID, records
 * a consent for the clinic, amends it; the clinic's doctor then sees the hospital's data. axe-core checks each
 * page; the screenshots consent-desk and consent-history come from here.
 */
@jp.renkei.hub.app.support.HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsentDeskChromeIT {

    private static final String HOSPITAL = DemoFacility.HOSPITAL.name();
    private static final String CLINIC = DemoFacility.CLINIC.name();

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

    @Test
    void aNurseRecordsAConsentForTheClinicAndTheClinicsDoctorThenSeesTheHospitalsData() throws Exception {
        String local = DeskSupport.newLocalId("P-CHROME");
        EventNumber number = new DeskSupport(context, port).hospitalPatientWithDiagnosis(local, "窓口試験症");
        TestPeople.Person doctor = TestPeople.person(context, clinicId, Profession.DOCTOR, false, true);
        try (PortalChrome chrome = PortalChrome.open(port)) {
            chrome.logIn(context, doctor, null);
            chrome.go("/portal/patients/" + number.formatted());
            assertThat(chrome.mainText()).contains("この患者の情報は表示できません").doesNotContain("窓口試験症");
        }

        TestPeople.Person nurse = TestPeople.person(context, hospitalId, Profession.NURSE, false, true);
        try (PortalChrome chrome = PortalChrome.open(port)) {
            chrome.logIn(context, nurse, null);
            chrome.click("同意窓口");
            assertThat(chrome.path()).isEqualTo("/portal/consents");
            chrome.assertAccessible();
            chrome.type("localPatientId", local).click("患者IDで開く");
            assertThat(chrome.path()).isEqualTo("/portal/consents/" + number.formatted());
            assertThat(chrome.mainText()).contains(number.formatted(), local, "記録された同意はまだありません");
            chrome.assertAccessible();

            chrome.click("新しい同意を記録する");
            assertThat(chrome.mainText()).contains("同意の区分", "閲覧できる施設", CLINIC);
            chrome.find(By.id("grantees-listed")).click();
            chrome.find(By.xpath("//input[@name='grantees']/following-sibling::label[normalize-space(.)='"
                    + CLINIC + "']/preceding-sibling::input")).click();
            // an end before the start is refused in Japanese, and the form keeps what was chosen
            setDate(chrome, "validUntil", LocalDate.now(ZoneId.of("Asia/Tokyo")).minusDays(1));
            chrome.clickAndWait(chrome.find(By.cssSelector("main form button[type=submit]")));
            assertThat(chrome.mainText()).contains("有効期限が開始日より前です。");
            chrome.assertAccessible();
            setDate(chrome, "validUntil", LocalDate.now(ZoneId.of("Asia/Tokyo")).plusYears(1));
            chrome.screenshot("consent-desk");
            chrome.clickAndWait(chrome.find(By.cssSelector("main form button[type=submit]")));
            assertThat(chrome.mainText()).contains("同意を記録しました。", "診療情報共有", "有効", CLINIC);
            chrome.assertAccessible();

            chrome.type("reason", "閲覧できる施設の確認のため再記録");
            chrome.click("変更を記録する");
            assertThat(chrome.mainText()).contains("同意の変更を記録しました。", "変更前の版", "閲覧できる施設の確認のため再記録");
            chrome.assertAccessible();
            chrome.screenshot("consent-history");
        }

        try (PortalChrome chrome = PortalChrome.open(port)) {
            TestPeople.Person another = TestPeople.person(context, clinicId, Profession.DOCTOR, false, true);
            chrome.logIn(context, another, null);
            chrome.go("/portal/patients/" + number.formatted());
            assertThat(chrome.mainText()).contains("患者サマリー", "窓口試験症", HOSPITAL)
                    .doesNotContain("この患者の情報は表示できません");
            chrome.assertAccessible();
        }
    }

    /** Sets a date field through the browser's own date input (keyboard entry differs by locale). */
    private static void setDate(PortalChrome chrome, String id, LocalDate date) {
        ((org.openqa.selenium.JavascriptExecutor) chrome.driver()).executeScript(
                "document.getElementById(arguments[0]).value = arguments[1];", id, date.toString());
    }
}
