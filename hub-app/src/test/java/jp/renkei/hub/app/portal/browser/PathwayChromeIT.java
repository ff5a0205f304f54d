package jp.renkei.hub.app.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.PortalChrome;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.patient.FacilityPatientId;
import jp.renkei.hub.core.patient.PatientCrossReference;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.security.PurposeOfUse;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.regional.pathway.Pathway;
import jp.renkei.hub.regional.pathway.PathwayStart;
import jp.renkei.hub.regional.pathway.Pathways;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * A liaison pathway in a real browser: the demo hospital has started a stroke pathway naming the demo clinic for the
 * maintenance stage; the clinic's doctor opens it, fills in the stage's sheet (a value out of range first, told
 * beside the field) and records it; the hospital's doctor then sees the stage in progress with the value and its
 * trend chart. axe-core checks the pages; the screenshot pathway comes from here.
 */
@jp.renkei.hub.app.support.HubIntegrationTest
class PathwayChromeIT {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void theClinicRecordsItsStageAndTheHospitalSeesTheProgress() throws Exception {
        String hospital = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        String clinic = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
        EventNumber number = context.getBean(PatientCrossReference.class)
                .eventNumberOf(new FacilityPatientId(hospital, "N000002")).orElseThrow();
        Requester planner = new Requester(new HubPrincipal(HubPrincipal.Kind.PERSON, "pathway-chrome-it", "試験 医師",
                hospital, Set.of(HubRole.DOCTOR)), PurposeOfUse.TREAT);
        Pathway pathway = context.getBean(Pathways.class).start(planner, new PathwayStart("stroke", number.digits(),
                Map.of("acute", List.of(hospital), "recovery", List.of(hospital), "maintenance", List.of(clinic))));
        String page = "/portal/pathways/" + pathway.id();

        try (PortalChrome chrome = PortalChrome.open(port)) {
            chrome.logIn(context, TestPeople.person(context, clinic, Profession.DOCTOR, false, true), null);
            chrome.go("/portal/pathways");
            assertThat(chrome.mainText()).contains("担当しているパス", "脳卒中地域連携パス", "維持期・在宅 (未開始)");
            chrome.assertAccessible();
            chrome.go(page);
            chrome.assertAccessible();
            chrome.click("維持期 かかりつけ医評価を記録する");
            assertThat(chrome.path()).isEqualTo(page + "/stages/maintenance/sheets/maintenance-doctor");
            chrome.assertAccessible();
            chrome.type("a-mrs", "8").type("a-barthel", "85").type("a-sbp", "134").type("a-note", "外来通院、杖歩行");
            chrome.find(By.id("a-recurrence-no")).click();
            // the browser keeps 8 out of a 0–6 field: remove the limit as a script or an old browser would
            ((org.openqa.selenium.JavascriptExecutor) chrome.driver())
                    .executeScript("document.getElementById('a-mrs').removeAttribute('max')");
            chrome.click("記録する");
            assertThat(chrome.mainText()).contains("0 から 6 までの整数を入力してください。");
            chrome.assertAccessible();
            chrome.type("a-mrs", "2");
            chrome.click("記録する");
            assertThat(chrome.path()).startsWith(page);
            assertThat(chrome.find(By.id("stage-maintenance")).getText()).contains("記録中", "85 点", "外来通院、杖歩行");
        }
        try (PortalChrome chrome = PortalChrome.open(port)) {
            chrome.logIn(context, TestPeople.person(context, hospital, Profession.DOCTOR, false, true), null);
            chrome.go(page);
            String maintenance = chrome.find(By.id("stage-maintenance")).getText();
            assertThat(maintenance).contains("記録中", "あいづ内科クリニック", "Barthel Index", "85 点", "いいえ");
            assertThat(chrome.find(By.id("stage-acute")).getText()).contains("担当施設: 福島中央総合病院", "未開始");
            assertThat(maintenance).contains("担当施設: あいづ内科クリニック");
            assertThat(chrome.find(By.id("trend-barthel")).getText()).contains("85");
            assertThat(chrome.find(By.cssSelector("svg.pathway-progress title")).getAttribute("textContent"))
                    .contains("維持期・在宅 記録中");
            chrome.assertAccessible();
            chrome.screenshot("pathway");
        }
    }
}
