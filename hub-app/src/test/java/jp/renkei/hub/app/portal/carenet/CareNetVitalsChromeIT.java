package jp.renkei.hub.app.portal.carenet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.PortalChrome;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.carenet.post.NewPost;
import jp.renkei.hub.carenet.post.Posts;
import jp.renkei.hub.carenet.template.StructuredEntry;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.security.PurposeOfUse;
import jp.renkei.hub.core.security.Requester;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The vital-sign charts and the family invitation form in a real browser: htmx loads the charts into the room
 * page; both pages pass axe-core.
 */
@HubIntegrationTest
class CareNetVitalsChromeIT {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void theRoomPageLoadsTheVitalChartsAndTheInvitationFormIsAccessible() throws Exception {
        CareNetFixtures fixtures = new CareNetFixtures(context, port);
        TestPeople.Person nurse = fixtures.person(fixtures.nurseStation, Profession.VISITING_NURSE);
        String roomId = fixtures.openRoom("相馬 花子", List.of(nurse), fixtures.nurseStation);
        Requester asNurse = new Requester(new HubPrincipal(HubPrincipal.Kind.PERSON, nurse.id(), "試験 利用者",
                fixtures.nurseStation, Set.of(HubRole.VISITING_NURSE)), PurposeOfUse.TREAT);
        Posts posts = context.getBean(Posts.class);
        posts.create(java.util.UUID.fromString(roomId), new NewPost("朝の訪問", "", List.of(new StructuredEntry("VITALS",
                Map.of("temperature", "37.6", "systolic", "138", "diastolic", "86"))), false), List.of(), asNurse);
        posts.create(java.util.UUID.fromString(roomId), new NewPost("夕方の訪問", "", List.of(new StructuredEntry("VITALS",
                Map.of("temperature", "36.9", "systolic", "126", "diastolic", "80"))), false), List.of(), asNurse);

        try (PortalChrome browser = PortalChrome.open(port)) {
            browser.logIn(context, nurse, null);
            browser.go("/portal/care-net/rooms/" + roomId);
            browser.waitForText("数値で見る");
            assertThat(browser.findAll(By.cssSelector("#carenet-vitals svg.lab-chart"))).hasSize(3);
            assertThat(browser.findAll(By.cssSelector("#carenet-vitals svg.lab-chart circle.point"))).hasSize(6);
            browser.assertAccessible();

            browser.click("ご家族を招待する");
            assertThat(browser.path()).isEqualTo("/portal/care-net/rooms/" + roomId + "/family");
            assertThat(browser.mainText()).contains("相馬 花子 さんの部屋にご家族を招待する");
            browser.assertAccessible();
        }
    }
}
