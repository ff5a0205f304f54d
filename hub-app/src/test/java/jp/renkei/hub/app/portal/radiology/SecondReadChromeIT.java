package jp.renkei.hub.app.portal.radiology;

import static org.assertj.core.api.Assertions.assertThat;

import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.PortalChrome;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.person.Profession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * A second read in real browsers (headless Debian chromium): the hospital doctor looks at a CT study in the viewer
 * (keyboard, htmx, window presets) and asks the reading centre for a second read; the centre's radiologist takes
 * it from the worklist, reads the de-identified images, writes and signs the report; the doctor reads the signed
 * report and acknowledges it. axe-core checks the viewer, worklist and report pages; the documentation's
 * screenshots come from here.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecondReadChromeIT {

    private static final String CENTRE = "浜通り画像読影センター";
    private static final String NAME = "Hamanaka^Goro=浜中^五郎";

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    String hospitalId;
    String centreId;
    RadiologyFixtures.Study study;

    @BeforeAll
    void setUp() throws Exception {
        hospitalId = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        centreId = RadiologyFixtures.readingCentre(context, "0710377102", CENTRE, "HAMA_RAD").id();
        study = RadiologyFixtures.ctStudy(context, hospitalId, RadiologyFixtures.unique("RAD-UI"), NAME, 3);
    }

    @Test
    void aRadiologistReadsFromTheWorklistToASignedReportThatTheDoctorAcknowledges() {
        TestPeople.Person doctor = TestPeople.person(context, hospitalId, Profession.DOCTOR, false, true);
        TestPeople.Person radiologist = TestPeople.person(context, centreId, Profession.RADIOLOGIST, false, true);
        String requestPath;
        try (PortalChrome chrome = PortalChrome.open(port)) {
            chrome.logIn(context, doctor, null);
            chrome.go("/portal/patients/" + study.eventNumber() + "/images");
            assertThat(chrome.mainText()).contains("画像検査", "胸部単純CT", "シリーズ 2", "3 枚");
            WebElement thumbnail = chrome.find(By.cssSelector(".series-list img"));
            assertThat(((Number) ((org.openqa.selenium.JavascriptExecutor) chrome.driver()).executeScript("return arguments[0].naturalWidth", thumbnail))
                    .intValue()).as("the thumbnail loaded").isPositive();
            chrome.assertAccessible();

            chrome.clickAndWait(chrome.find(By.cssSelector("a.series")));
            chrome.waitForText("1 / 3 枚目");
            // keyboard: the next image with Enter on the focused link, swapped in by htmx
            chrome.find(By.id("viewer-next")).sendKeys(Keys.ENTER);
            chrome.waitForText("2 / 3 枚目");
            chrome.find(By.id("window-lung")).sendKeys(Keys.ENTER);
            chrome.waitForText("表示条件: 肺野");
            assertThat(chrome.path()).contains("i=2", "w=lung");
            WebElement image = chrome.find(By.id("viewer-image"));
            assertThat(image.getAttribute("src")).endsWith("?w=lung");
            assertThat(((Number) ((org.openqa.selenium.JavascriptExecutor) chrome.driver()).executeScript("return arguments[0].naturalWidth", image))
                    .intValue()).as("the image loaded").isEqualTo(32);
            chrome.assertAccessible();
            chrome.screenshot("imaging-viewer");

            chrome.click("画像検査の一覧に戻る");
            chrome.click("この検査の二次読影を依頼する");
            new Select(chrome.find(By.id("reading"))).selectByVisibleText(CENTRE);
            chrome.type("question", "健診で指摘された右上葉の結節影について、二次読影をお願いします。");
            chrome.assertAccessible();
            chrome.clickAndWait(chrome.find(By.cssSelector("main form button[type=submit]")));
            requestPath = chrome.path();
            assertThat(requestPath).as(chrome.pageText()).startsWith("/portal/second-reads/");
            assertThat(chrome.mainText()).contains("依頼中 (未着手)", CENTRE);
        }

        String id = requestPath.substring(requestPath.lastIndexOf('/') + 1);
        try (PortalChrome chrome = PortalChrome.open(port)) {
            chrome.logIn(context, radiologist, null);
            chrome.go("/portal/reading");
            assertThat(chrome.mainText()).contains("読影ワークリスト", "右上葉の結節影", "CHEST");
            assertNothingIdentifies(chrome.pageText());
            chrome.assertAccessible();
            chrome.screenshot("reading-worklist");

            chrome.clickAndWait(chrome.find(By.cssSelector("a[href='/portal/reading/" + id + "']")));
            chrome.click("この依頼を担当する");
            chrome.waitForText("1 / 3 枚目");
            assertThat(chrome.mainText()).contains("読影中", "匿名化した画像です");
            WebElement image = chrome.find(By.id("viewer-image"));
            assertThat(((Number) ((org.openqa.selenium.JavascriptExecutor) chrome.driver()).executeScript("return arguments[0].naturalWidth", image))
                    .intValue()).as("the de-identified image loaded").isPositive();
            chrome.find(By.id("viewer-next")).sendKeys(Keys.ENTER);
            chrome.waitForText("2 / 3 枚目");
            assertNothingIdentifies(chrome.pageText());
            chrome.assertAccessible();

            chrome.click("レポートを書く");
            chrome.type("findings", "右上葉S2に8mm大の充実性結節を認める。石灰化なし。縦隔リンパ節腫大なし。");
            chrome.type("impression", "右上葉結節。肺癌を否定できないため、3か月後のCTでの経過観察を推奨します。");
            assertNothingIdentifies(chrome.pageText());
            chrome.assertAccessible();
            chrome.screenshot("reading-report");
            chrome.click("署名して報告する");
            chrome.waitForText("署名し、依頼施設に報告しました");
            assertThat(chrome.mainText()).contains("報告あり (未確認)");
        }

        try (PortalChrome chrome = PortalChrome.open(port)) {
            chrome.logIn(context, doctor, null);
            chrome.go("/portal/second-reads");
            assertThat(chrome.mainText()).contains("報告あり (未確認)", CENTRE);
            chrome.go(requestPath);
            assertThat(chrome.mainText()).contains("読影レポート", "右上葉S2に8mm大の充実性結節を認める。",
                    "3か月後のCTでの経過観察を推奨します", "署名後に内容が変更されていないことを確認済みです");
            chrome.assertAccessible();
            chrome.click("レポートの内容を確認しました");
            chrome.waitForText("レポートの確認を記録しました");
            assertThat(chrome.mainText()).contains("確認済み");
            chrome.assertAccessible();
        }
    }

    private void assertNothingIdentifies(String text) {
        assertThat(text).doesNotContain("Hamanaka").doesNotContain("浜中").doesNotContain(study.localId())
                .doesNotContain(study.eventNumber()).doesNotContain(study.eventNumber().replace("-", ""))
                .doesNotContain(study.studyUid()).doesNotContain("19520714").doesNotContain(DemoFacility.HOSPITAL.name());
    }
}
