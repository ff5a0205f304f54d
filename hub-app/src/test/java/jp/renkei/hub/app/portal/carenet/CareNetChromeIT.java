package jp.renkei.hub.app.portal.carenet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.PortalChrome;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.person.Profession;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Care-net in a real browser: a visiting nurse posts a sleep entry with a photo, a colleague opens the room in a
 * fresh browser and sees it, and the nurse's page then counts the colleague's read.
 */
@HubIntegrationTest
class CareNetChromeIT {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void aNursePostsASleepEntryWithAPhotoAndSeesAColleagueRead() throws Exception {
        CareNetFixtures fixtures = new CareNetFixtures(context, port);
        TestPeople.Person nurse = fixtures.person(fixtures.nurseStation, Profession.VISITING_NURSE);
        TestPeople.Person colleague = fixtures.person(fixtures.nurseStation, Profession.VISITING_NURSE);
        String roomId = fixtures.openRoom("相馬 太郎", List.of(nurse, colleague), fixtures.nurseStation);
        Path photo = Files.createTempFile("carenet-", ".jpg");
        Files.write(photo, CareNetFixtures.jpeg(320, 240));

        try (PortalChrome first = PortalChrome.open(port)) {
            first.logIn(context, nurse, null);
            first.click("在宅ケア連携");
            assertThat(first.mainText()).contains("相馬 太郎");
            first.click("相馬 太郎");
            assertThat(first.path()).isEqualTo("/portal/care-net/rooms/" + roomId);
            first.type("title", "夜間の様子").type("body", "夜中に 2 回目が覚めたとのこと。");
            new Select(first.find(By.id("category"))).selectByVisibleText("睡眠");
            first.type("entry-SLEEP-nightSleep", "5.5");
            new Select(first.find(By.id("entry-SLEEP-insomniaType"))).selectByVisibleText("中途覚醒");
            first.find(By.id("photo")).sendKeys(photo.toAbsolutePath().toString());
            first.clickAndWait(first.find(By.cssSelector("main form button[type=submit]")));
            assertThat(first.mainText()).contains("夜間の様子", "5.5 時間", "中途覚醒", "既読 0/2");
            assertThat(first.findAll(By.cssSelector(".carenet-photos img"))).hasSize(1)
                    .allSatisfy(img -> assertThat(img.getAttribute("naturalWidth")).isNotEqualTo("0"));

            try (PortalChrome second = PortalChrome.open(port)) {
                second.logIn(context, colleague, null);
                second.go("/portal/care-net/rooms/" + roomId);
                assertThat(second.mainText()).contains("夜間の様子", "5.5 時間", "未読");
            }

            first.go("/portal/care-net/rooms/" + roomId);
            assertThat(first.mainText()).contains("既読 1/2", "読んだ人:");
            first.assertAccessible();
            first.screenshot("carenet-room");
        } finally {
            Files.deleteIfExists(photo);
        }
    }
}
