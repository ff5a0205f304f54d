package jp.renkei.hub.app.portal.carenet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.PortalChrome;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.person.Profession;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * A document in a real browser: a doctor goes from the room to its documents, fills in a 訪問看護指示書 (text, a
 * choice, a check list, dates) and sees version 1 listed; the form passes axe-core.
 */
@HubIntegrationTest
class CareNetDocumentChromeIT {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void aDoctorFillsInANursingInstruction() throws Exception {
        CareNetFixtures fixtures = new CareNetFixtures(context, port);
        TestPeople.Person doctor = fixtures.person(fixtures.nurseStation, Profession.DOCTOR);
        String roomId = fixtures.openRoom("二本松 次郎", List.of(doctor), fixtures.nurseStation);

        try (PortalChrome chrome = PortalChrome.open(port)) {
            chrome.logIn(context, doctor, null);
            chrome.go("/portal/care-net/rooms/" + roomId);
            chrome.click("と部屋の記録");
            assertThat(chrome.path()).isEqualTo("/portal/care-net/rooms/" + roomId + "/documents");
            chrome.click("訪問看護指示書");
            // date inputs take keys in the browser's locale format: set their value as the picker would
            for (String[] date : new String[][] {{"f-periodFrom", "2026-12-01"}, {"f-periodTo", "2027-05-31"},
                    {"f-issuedOn", "2026-12-01"}}) {
                ((JavascriptExecutor) chrome.driver()).executeScript("arguments[0].value = arguments[1]",
                        chrome.find(By.id(date[0])), date[1]);
            }
            chrome.type("f-diagnosis", "慢性心不全").type("f-condition", "下肢の浮腫あり。利尿薬を調整中")
                    .type("f-lifeNotes", "塩分は 1 日 6 g まで").type("f-station", "二本松訪問看護ステーション");
            new Select(chrome.find(By.id("f-careLevel"))).selectByVisibleText("要介護2");
            chrome.find(By.cssSelector("label[for='f-devices-2']")).click(); // 酸素療法
            chrome.assertAccessible();
            ((JavascriptExecutor) chrome.driver()).executeScript("window.scrollTo(0, 0)");
            chrome.screenshot("carenet-document");
            chrome.click("PDF を作成して部屋に投稿する");
            assertThat(chrome.mainText()).contains("訪問看護指示書（第 1 版） を作成し、部屋に投稿しました",
                    "訪問看護指示書（第 1 版）");
            chrome.assertAccessible();
        }
    }
}
