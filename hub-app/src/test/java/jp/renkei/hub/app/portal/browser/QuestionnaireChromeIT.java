package jp.renkei.hub.app.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.portal.consent.DeskSupport;
import jp.renkei.hub.app.portal.questionnaire.QuestionnaireTestSupport;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.PortalBrowser;
import jp.renkei.hub.app.support.PortalChrome;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.person.Profession;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The web questionnaire in real browsers: a doctor issues a link (the printable sheet with the QR code), the
 * patient answers on a phone-sized window (390×844: no sideways scrolling, a message beside a missing answer,
 * the confirmation step, sent), and the doctor's answers page and the patient page's 問診 section then show the
 * answers. axe-core checks the
 * patient's pages; screenshots "questionnaire-issued", "questionnaire-phone", "questionnaire-confirm" and
 * "questionnaire-answers" for docs/portal.md.
 */
@HubIntegrationTest
class QuestionnaireChromeIT {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void aPatientAnswersOnAPhoneAndTheDoctorSeesTheAnswers() throws Exception {
        String hospitalId = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        String localId = DeskSupport.newLocalId("QC");
        jp.renkei.hub.core.patient.EventNumber number = QuestionnaireTestSupport.hospitalPatient(context, port, localId);
        PortalBrowser builder = new DeskSupport(context, port).loggedIn(hospitalId, Profession.CLERK);
        UUID formId = QuestionnaireTestSupport.publishedQuestionnaire(builder, "スマホ問診票");
        TestPeople.Person doctor = TestPeople.person(context, hospitalId, Profession.DOCTOR, false, true);

        String link;
        try (PortalChrome desk = PortalChrome.open(port)) {
            desk.logIn(context, doctor, null);
            desk.go("/portal/questionnaire/forms/" + formId);
            desk.type("patient", localId);
            desk.click("リンクを発行する");
            assertThat(desk.mainText()).contains("スマホ問診票 のご回答のお願い", "問診 花子");
            assertThat(desk.findAll(By.cssSelector(".q-qr svg.qr-code path"))).hasSize(1);
            desk.screenshot("questionnaire-issued");
            link = desk.find(By.id("answer-link")).getAttribute("href");
        }

        try (PortalChrome phone = PortalChrome.open(port, 390)) {
            phone.driver().manage().window().setSize(new Dimension(390, 844));
            phone.go(link.replaceAll("^https://[^/]+", ""));
            phone.type("birthDate", "19580409");
            phone.click("次へ");
            assertThat(phone.path()).isEqualTo("/portal/q/answer");
            assertThat(phone.mainText()).contains("スマホ問診票", "質問 1/4", "質問 4/4");
            assertThat(((Number) ((JavascriptExecutor) phone.driver())
                    .executeScript("return document.documentElement.scrollWidth")).intValue())
                    .as("no sideways scrolling on a phone").isLessThanOrEqualTo(390);
            phone.assertAccessible();
            phone.find(By.cssSelector("label[for='f-q1-yes']")).click();
            phone.type("f-q2", "糖尿病");
            phone.click("確認へ進む");
            assertThat(phone.find(By.id("f-q3-error")).getText()).isEqualTo("この質問は回答が必要です。");
            assertThat(phone.find(By.id("f-q3")).getAttribute("aria-invalid")).isEqualTo("true");
            phone.assertAccessible();
            phone.type("f-q3", "61.2");
            phone.find(By.cssSelector("label[for='f-q4-2']")).click();
            phone.screenshot("questionnaire-phone");
            phone.click("確認へ進む");
            assertThat(phone.mainText()).contains("回答の確認", "糖尿病", "61.2 kg", "毎日");
            phone.assertAccessible();
            phone.screenshot("questionnaire-confirm");
            phone.click("この内容で送信する");
            assertThat(phone.mainText()).contains("送信しました");
            phone.go(link.replaceAll("^https://[^/]+", ""));
            assertThat(phone.mainText()).contains("この問診はすでに送信されています").doesNotContain("スマホ問診票");
        }

        try (PortalChrome desk = PortalChrome.open(port)) {
            desk.logIn(context, doctor, null);
            desk.go("/portal/questionnaire/answers");
            assertThat(desk.mainText()).contains(localId, "回答済み");
            // other tests answer for the same day: this patient's row
            desk.clickAndWait(desk.find(By.xpath("//tr[contains(., '" + localId + "')]//a[contains(., '回答済み')]")));
            assertThat(desk.mainText()).contains("スマホ問診票", "病名を教えてください", "糖尿病", "61.2 kg", "毎日");
            desk.assertAccessible();
            desk.screenshot("questionnaire-answers");

            // the patient page before the visit: the 問診 section with the same answers
            desk.go("/portal/patients/" + number.formatted());
            assertThat(desk.find(By.id("questionnaires")).getText())
                    .contains("問診 (WEB問診)", "スマホ問診票", "病名を教えてください", "糖尿病", "61.2 kg");
            desk.assertAccessible();
        }
    }
}
