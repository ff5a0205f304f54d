package jp.renkei.hub.app.portal.carenet;

import static jp.renkei.hub.app.portal.consent.DeskSupport.main;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.portal.consent.DeskSupport;
import jp.renkei.hub.app.portal.consent.DeskSupport.Part;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.PortalBrowser;
import jp.renkei.hub.app.support.PortalBrowser.Page;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.person.Profession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The care-net pages of the portal: a member's rooms with unread counts, the timeline with structured entries,
 * a photo served through the portal, read receipts that count when another member opens the room, the domain's
 * Japanese validation messages, and a non-member who gets the same 404 page as for an absent room.
 */
@HubIntegrationTest
class CareNetPortalIT {

    private static final Pattern THUMBNAIL = Pattern.compile("src=\"(/portal/care-net/rooms/[^\"]+thumbnail=true)\"");

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void membersPostReadAndSeeWhoReadIt() throws Exception {
        CareNetFixtures fixtures = new CareNetFixtures(context, port);
        TestPeople.Person nursePerson = fixtures.person(fixtures.nurseStation, Profession.VISITING_NURSE);
        TestPeople.Person colleaguePerson = fixtures.person(fixtures.nurseStation, Profession.VISITING_NURSE);
        String roomId = fixtures.openRoom("会津 花子", List.of(nursePerson, colleaguePerson), fixtures.nurseStation);
        String room = "/portal/care-net/rooms/" + roomId;
        PortalBrowser nurse = fixtures.portal(nursePerson);

        Page list = nurse.get("/portal/care-net");
        assertThat(list.status()).isEqualTo(200);
        assertThat(main(list)).contains("会津 花子", room, "未読 0 件");
        assertThat(list.body()).contains("href=\"/portal/care-net\"", "在宅ケア連携");

        Page page = nurse.get(room);
        assertThat(page.status()).isEqualTo(200);
        assertThat(main(page)).contains("会津 花子 さんの部屋", "まだ投稿はありません", "夜間睡眠（時間）", "体温（℃）",
                "中途覚醒");

        Page refused = DeskSupport.postMultipart(nurse, room + "/posts", page, List.of(Part.field("title", ""),
                Part.field("category", "VITALS"), Part.field("entry.VITALS.temperature", "45")));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(main(refused)).contains("投稿できませんでした", "件名", "まだ投稿はありません");

        Page posted = DeskSupport.postMultipart(nurse, room + "/posts", page, List.of(Part.field("title", "夜間の様子"),
                Part.field("body", "夜中に 2 回目が覚めたとのこと。"), Part.field("category", "SLEEP"),
                Part.field("entry.SLEEP.nightSleep", "5.5"), Part.field("entry.SLEEP.insomniaType", "中途覚醒"),
                Part.field("entry.VITALS.temperature", "36.8"),
                Part.file("photo", "IMG_0001.jpg", CareNetFixtures.jpeg(640, 480))));
        assertThat(posted.status()).as(posted.body()).isEqualTo(302);
        assertThat(posted.header("Location").orElseThrow()).endsWith(room);

        String timeline = main(nurse.get(room));
        assertThat(timeline).contains("夜間の様子", "夜中に 2 回目が覚めたとのこと。", "夜間睡眠", "5.5 時間", "中途覚醒",
                "既読 0/2").doesNotContain("36.8").doesNotContain("carenet-post-unread");
        Matcher thumbnail = THUMBNAIL.matcher(timeline);
        assertThat(thumbnail.find()).isTrue();
        String thumbnailPath = thumbnail.group(1).replace("&amp;", "&");
        PortalBrowser.Bytes image = nurse.getBytes(thumbnailPath);
        assertThat(image.status()).isEqualTo(200);
        assertThat(ImageIO.read(new ByteArrayInputStream(image.body()))).isNotNull();

        PortalBrowser colleague = fixtures.portal(colleaguePerson);
        assertThat(main(colleague.get("/portal/care-net"))).contains("会津 花子", "未読 1 件");
        String colleagueView = main(colleague.get(room));
        assertThat(colleagueView).contains("夜間の様子", "carenet-post-unread", "既読 1/2");
        assertThat(main(colleague.get(room))).doesNotContain("carenet-post-unread");
        assertThat(main(colleague.get("/portal/care-net"))).contains("未読 0 件");
        assertThat(main(nurse.get(room))).contains("既読 1/2", "読んだ人: ");

        PortalBrowser outsider = fixtures.portal(TestPeople.person(context,
                TestPeople.demoFacilityId(context, DemoFacility.CLINIC), Profession.DOCTOR, false, true));
        assertThat(main(outsider.get("/portal/care-net"))).doesNotContain("会津 花子");
        Page foreign = outsider.get(room);
        Page absent = outsider.get("/portal/care-net/rooms/" + UUID.randomUUID());
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(absent.status()).isEqualTo(404);
        assertThat(main(foreign)).isEqualTo(main(absent)).contains("部屋が見つかりません");
        assertThat(outsider.getBytes(thumbnailPath).status()).isEqualTo(404);
        Page foreignPost = DeskSupport.postMultipart(outsider, room + "/posts", outsider.get("/portal/care-net"),
                List.of(Part.field("title", "侵入")));
        assertThat(foreignPost.status()).isEqualTo(404);
        assertThat(main(nurse.get(room))).doesNotContain("侵入");

        // a Word file is posted through the same field and served as a download
        Page word = DeskSupport.postMultipart(nurse, room + "/posts", nurse.get(room), List.of(
                Part.field("title", "会議録"), Part.file("photo", "会議録.docx", CareNetFixtures.docx())));
        assertThat(word.status()).as(word.body()).isEqualTo(302);
        Matcher fileLink = Pattern.compile("href=\"(/portal/care-net/rooms/[^\"]+/files/[^\"?]+)\">\\s*<span>会議録.docx")
                .matcher(main(nurse.get(room)));
        assertThat(fileLink.find()).isTrue();
        PortalBrowser.Bytes download = nurse.getBytes(fileLink.group(1));
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type")).contains(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(download.header("Content-Disposition").orElseThrow()).startsWith("attachment;");
        assertThat(download.body()).isEqualTo(CareNetFixtures.docx());
        assertThat(nurse.getBytes(thumbnailPath.replace("?thumbnail=true", "")).header("Content-Disposition")
                .orElseThrow()).startsWith("inline;");
    }
}
