package jp.renkei.hub.app.portal.carenet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.PortalChrome;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.person.Profession;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * A room's whole start in a real browser: a care manager applies with a scanned consent form and two nurses as
 * members, the support centre approves it on its desk, one nurse posts, the other reads it (and finds it by a
 * word inside a sentence), and the first nurse sees the read receipt count go up and who read it when.
 * axe-core on every page; screenshots for docs/portal.md.
 */
@HubIntegrationTest
class CareNetRoomFlowChromeIT {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void applyApprovePostAndRead() throws Exception {
        CareNetFixtures fixtures = new CareNetFixtures(context, port);
        TestPeople.Person careManager = fixtures.person(fixtures.careOffice, Profession.CARE_MANAGER);
        TestPeople.Person nurse = fixtures.person(fixtures.nurseStation, Profession.VISITING_NURSE);
        TestPeople.Person colleague = fixtures.person(fixtures.nurseStation, Profession.VISITING_NURSE);
        String operator = context.getBean(FacilityRegistry.class).list(null, FacilityKind.HUB_OPERATOR, null).get(0).id();
        TestPeople.Person supportCentre = fixtures.person(operator, Profession.HUB_ADMIN);
        Path consentForm = Files.createTempFile("consent-", ".jpg");
        Files.write(consentForm, CareNetFixtures.jpeg(600, 840));
        String room;
        try (PortalChrome applicant = PortalChrome.open(port)) {
            applicant.logIn(context, careManager, null);
            applicant.click("在宅ケア連携").click("利用者部屋を申請する");
            applicant.type("patientName", "二本松 サト").type("patientNameKana", "にほんまつ さと")
                    .type("memberId0", nurse.id()).type("memberFacility0", fixtures.nurseStation)
                    .type("memberId1", colleague.id()).type("memberFacility1", fixtures.nurseStation);
            applicant.find(By.id("consentForm")).sendKeys(consentForm.toAbsolutePath().toString());
            applicant.assertAccessible();
            applicant.screenshot("carenet-apply");
            applicant.clickAndWait(applicant.find(By.cssSelector("main form button[type=submit]")));
            assertThat(applicant.mainText()).contains("二本松 サト さんの部屋を申請しました", "申請中");
            room = applicant.path().replace("/members", "");
            assertThat(room).startsWith("/portal/care-net/rooms/");
        } finally {
            Files.deleteIfExists(consentForm);
        }

        try (PortalChrome desk = PortalChrome.open(port)) {
            desk.logIn(context, supportCentre, null);
            desk.go("/portal/care-net").click("支援センターの窓口");
            assertThat(desk.mainText()).contains("承認を待つ申請", "二本松 サト");
            desk.assertAccessible();
            desk.screenshot("carenet-support");
            desk.click("二本松 サト さんの部屋を承認する");
            assertThat(desk.mainText()).contains("二本松 サト さんの部屋を承認しました");
        }

        try (PortalChrome writer = PortalChrome.open(port, 1280)) {
            writer.logIn(context, nurse, null);
            writer.go("/portal/care-net").click("二本松 サト");
            writer.type("title", "褥瘡の経過").type("body", "仙骨部の発赤は軽快しています。");
            writer.clickAndWait(writer.find(By.cssSelector("main form button[type=submit]")));
            assertThat(writer.mainText()).contains("褥瘡の経過", "既読 0/2");

            try (PortalChrome reader = PortalChrome.open(port)) {
                reader.logIn(context, colleague, null);
                reader.go(room);
                assertThat(reader.mainText()).contains("褥瘡の経過", "未読");
                // the room's search (the header's 施設検索 is the facility directory)
                reader.clickAndWait(reader.find(By.cssSelector("a[href$='/search']")));
                reader.type("q", "発赤");
                reader.clickAndWait(reader.find(By.cssSelector("main form.carenet-search button[type=submit]")));
                reader.waitForText("検索結果（1 件");
                assertThat(reader.mainText()).contains("褥瘡の経過");
                reader.assertAccessible();
                reader.screenshot("carenet-search");
            }

            writer.go(room);
            assertThat(writer.mainText()).contains("既読 1/2");
            writer.click("コメント 0 件・既読の詳細");
            assertThat(writer.mainText()).contains("読んだ人", "既読 1/2", "まだ読んでいない人");
            writer.type("comment-body", "明日の訪問でも確認します。");
            writer.clickAndWait(writer.find(By.cssSelector("#comments form button[type=submit]")));
            writer.waitForText("コメント（1 件）");
            writer.assertAccessible();
            writer.screenshot("carenet-post");
            writer.click("メンバー");
            assertThat(writer.mainText()).contains("現在のメンバー", "世話役");
            writer.assertAccessible();
            writer.screenshot("carenet-members");
        }
    }
}
