package jp.renkei.hub.app.portal.carenet;

import static jp.renkei.hub.app.portal.consent.DeskSupport.form;
import static jp.renkei.hub.app.portal.consent.DeskSupport.main;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.portal.consent.DeskSupport;
import jp.renkei.hub.app.portal.consent.DeskSupport.Part;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.PortalBrowser;
import jp.renkei.hub.app.support.PortalBrowser.Page;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.person.Profession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The care-net pages beyond the timeline, through the portal as a browser sends them: a care manager applies
 * (the scanned consent form refused when missing), the support centre approves and refuses, the caretaker adds
 * and removes members (the removed member's next page says they are no longer a member: 403; added again, they
 * are back) and hands the caretaker role on (a plain member refused), comments, read receipts, pins and
 * the timeline filters, search, direct messages, the mail frequency, closing and archiving, the idle-room list.
 * For every page and form, a person outside the room gets exactly the page of an absent room.
 */
@HubIntegrationTest
class CareNetPagesIT {

    private static final Pattern ROOM = Pattern.compile("/portal/care-net/rooms/([0-9a-f-]{36})");
    private static final Pattern POST = Pattern.compile("/portal/care-net/rooms/[0-9a-f-]{36}/posts/([0-9a-f-]{36})\"");
    private static final Pattern CONVERSATION = Pattern.compile("/messages/([0-9a-f-]{36})$");

    /** 発赤 (redness), URL-encoded: a two-character word inside the post's sentence. */
    private static final String HOTSPOT = java.net.URLEncoder.encode("発赤", java.nio.charset.StandardCharsets.UTF_8);

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void aRoomFromApplicationToArchive() {
        CareNetFixtures fixtures = new CareNetFixtures(context, port);
        TestPeople.Person careManagerPerson = fixtures.person(fixtures.careOffice, Profession.CARE_MANAGER);
        TestPeople.Person nursePerson = fixtures.person(fixtures.nurseStation, Profession.VISITING_NURSE);
        TestPeople.Person helperPerson = fixtures.person(fixtures.nurseStation, Profession.VISITING_NURSE);
        PortalBrowser careManager = fixtures.portal(careManagerPerson);
        PortalBrowser nurse = fixtures.portal(nursePerson);
        PortalBrowser support = fixtures.portal(supportCentre(fixtures));
        PortalBrowser outsider = fixtures.portal(TestPeople.person(context,
                TestPeople.demoFacilityId(context, DemoFacility.CLINIC), Profession.DOCTOR, false, true));

        // CSRF tokens belong to a session: each browser posts with its own
        String careManagerToken = careManager.get("/portal/care-net").csrfToken();
        String nurseToken = nurse.get("/portal/care-net").csrfToken();

        // apply: the links, the consent form required, then accepted
        assertThat(main(careManager.get("/portal/care-net"))).contains("/portal/care-net/apply", "/portal/care-net/mail")
                .doesNotContain("/portal/care-net/support");
        Page form = careManager.get("/portal/care-net/apply");
        assertThat(form.status()).isEqualTo(200);
        assertThat(main(form)).contains("利用者部屋の申請", careManagerPerson.id()).doesNotContain("申請できません");
        Page noForm = DeskSupport.postMultipart(careManager, "/portal/care-net/apply", form, List.of(
                Part.field("patientName", "伊達 ハナ"), Part.field("memberId0", nursePerson.id()),
                Part.field("memberFacility0", fixtures.nurseStation)));
        assertThat(noForm.status()).isEqualTo(400);
        assertThat(main(noForm)).contains("申請できませんでした", "同意書", "value=\"伊達 ハナ\"", nursePerson.id());
        Page applied = DeskSupport.postMultipart(careManager, "/portal/care-net/apply", form, List.of(
                Part.field("patientName", "伊達 ハナ"), Part.field("patientNameKana", "だて はな"),
                Part.field("patientBirthDate", "1938-05-01"), Part.field("memberId0", nursePerson.id()),
                Part.field("memberFacility0", fixtures.nurseStation), Part.field("caretakerId", nursePerson.id()),
                Part.file("consentForm", "同意書.jpg", CareNetFixtures.jpeg(120, 160))));
        assertThat(applied.status()).as(applied.body()).isEqualTo(302);
        String roomId = roomId(applied.header("Location").orElseThrow());
        String room = "/portal/care-net/rooms/" + roomId;
        assertThat(main(careManager.get(room + "/members"))).contains("伊達 ハナ さんの部屋を申請しました", "申請中",
                "世話役", "申請者");

        // only doctors and care managers apply
        Page nurseForm = nurse.get("/portal/care-net/apply");
        assertThat(main(nurseForm)).contains("申請できません");
        Page nurseApplies = DeskSupport.postMultipart(nurse, "/portal/care-net/apply", nurseForm, List.of(
                Part.field("patientName", "申請 不可"), Part.file("consentForm", "f.jpg", CareNetFixtures.jpeg(10, 10))));
        assertThat(nurseApplies.status()).isEqualTo(403);
        assertThat(main(nurseApplies)).contains("医師またはケアマネジャー");

        // the support centre's desk: only for it
        Page refusedDesk = careManager.get("/portal/care-net/support");
        assertThat(refusedDesk.status()).isEqualTo(403);
        assertThat(main(refusedDesk)).contains("支援センター");
        Page desk = support.get("/portal/care-net/support");
        assertThat(desk.status()).isEqualTo(200);
        assertThat(main(desk)).contains("承認を待つ申請", "伊達 ハナ", room + "/consent-form");
        assertThat(main(support.get("/portal/care-net"))).contains("/portal/care-net/support");
        PortalBrowser.Bytes consent = support.getBytes(room + "/consent-form");
        assertThat(consent.status()).isEqualTo(200);
        assertThat(consent.header("Content-Type").orElseThrow()).startsWith("image/jpeg");
        Page notSupport = careManager.post("/portal/care-net/support/rooms/" + roomId + "/approve",
                form("_csrf", careManagerToken));
        assertThat(notSupport.status()).isEqualTo(403);
        assertThat(main(notSupport)).contains("地域の支援センター（ハブ管理者）");
        Page approved = support.post("/portal/care-net/support/rooms/" + roomId + "/approve", form("_csrf", desk.csrfToken()));
        assertThat(approved.status()).isEqualTo(302);
        assertThat(main(support.get("/portal/care-net/support"))).contains("伊達 ハナ さんの部屋を承認しました");
        Page again = support.post("/portal/care-net/support/rooms/" + roomId + "/approve", form("_csrf", desk.csrfToken()));
        assertThat(again.status()).isEqualTo(409);
        assertThat(main(again)).contains("申請中の部屋だけ");

        // refusing needs a reason
        Page second = DeskSupport.postMultipart(careManager, "/portal/care-net/apply", form, List.of(
                Part.field("patientName", "却下 タロウ"), Part.file("consentForm", "f.jpg", CareNetFixtures.jpeg(10, 10))));
        String refusedId = roomId(second.header("Location").orElseThrow());
        Page noReason = support.post("/portal/care-net/support/rooms/" + refusedId + "/reject",
                form("_csrf", desk.csrfToken(), "reason", ""));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(main(noReason)).contains("却下の理由を入力してください");
        assertThat(support.post("/portal/care-net/support/rooms/" + refusedId + "/reject",
                form("_csrf", desk.csrfToken(), "reason", "同意書の署名がありません")).status()).isEqualTo(302);
        assertThat(main(support.get("/portal/care-net/support"))).contains("却下 タロウ さんの申請を却下しました")
                .doesNotContain("/portal/care-net/support/rooms/" + refusedId + "/reject");

        // members: the applicant adds and removes; the removed member loses the room at once
        Page members = careManager.get(room + "/members");
        assertThat(main(members)).contains("メンバーを追加する", "この部屋を閉じる");
        assertThat(main(nurse.get(room + "/members"))).contains("伊達 ハナ さんの部屋のメンバー", "世話役")
                .contains("メンバーを追加する"); // the nurse is the caretaker
        Page added = careManager.post(room + "/members", form("_csrf", members.csrfToken(), "personId", helperPerson.id(),
                "facilityId", fixtures.nurseStation));
        assertThat(added.status()).as(added.body()).isEqualTo(302);
        Page twice = careManager.post(room + "/members", form("_csrf", members.csrfToken(), "personId", helperPerson.id(),
                "facilityId", fixtures.nurseStation));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(main(twice)).contains("すでにこの部屋のメンバー");
        PortalBrowser helper = fixtures.portal(helperPerson);
        assertThat(helper.get(room).status()).isEqualTo(200);
        assertThat(main(helper.get(room + "/members"))).doesNotContain("メンバーを追加する");
        assertThat(careManager.post(room + "/members/" + nursePerson.id() + "/remove",
                form("_csrf", members.csrfToken(), "reason", "")).status()).isEqualTo(409); // the caretaker stays

        // the caretaker role: a member who is neither applicant nor caretaker is refused and nothing changes
        Page helperMembers = helper.get(room + "/members");
        assertThat(main(helperMembers)).doesNotContain("世話役を変更する");
        Page notManager = helper.post(room + "/caretaker", form("_csrf", helperMembers.csrfToken(), "personId",
                helperPerson.id()));
        assertThat(notManager.status()).isEqualTo(403);
        assertThat(main(notManager)).contains("申請者か世話役が行います");
        assertThat(caretakerProfession(careManager.get(room + "/members"))).isEqualTo("訪問看護師");
        // not a current member of the room: the domain's sentence
        Page notMember = nurse.post(room + "/caretaker", form("_csrf", nurseToken, "personId", "no-such-person"));
        assertThat(notMember.status()).isEqualTo(400);
        assertThat(main(notMember)).contains("現在のメンバー（家族以外）から選んでください");
        // the caretaker hands the role to the applicant, who hands it back
        Page nurseMembers = nurse.get(room + "/members");
        assertThat(main(nurseMembers)).contains("世話役を変更する", "name=\"personId\"");
        Page handed = nurse.post(room + "/caretaker", form("_csrf", nurseMembers.csrfToken(), "personId",
                careManagerPerson.id()));
        assertThat(handed.status()).as(handed.body()).isEqualTo(302);
        Page afterHand = nurse.get(room + "/members");
        assertThat(main(afterHand)).contains("さんを世話役にしました")
                .doesNotContain("世話役を変更する"); // the nurse is no longer applicant or caretaker
        assertThat(caretakerProfession(afterHand)).isEqualTo("ケアマネジャー");
        assertThat(careManager.post(room + "/caretaker", form("_csrf", members.csrfToken(), "personId",
                nursePerson.id())).status()).isEqualTo(302);
        assertThat(caretakerProfession(careManager.get(room + "/members"))).isEqualTo("訪問看護師");

        // posts: the timeline's filters, a post's page with receipts, comments and pins
        Page roomPage = careManager.get(room);
        assertThat(main(roomPage)).contains("既読の投稿も表示する", "ピンの色で絞り込む", room + "/search", room + "/messages");
        Page posted = DeskSupport.postMultipart(careManager, room + "/posts", roomPage, List.of(
                Part.field("title", "褥瘡の経過"), Part.field("body", "仙骨部の発赤は軽快しています。")));
        assertThat(posted.status()).isEqualTo(302);
        String postId = postId(main(careManager.get(room)));
        String post = room + "/posts/" + postId;
        assertThat(main(nurse.get(room + "?show=unread"))).contains("褥瘡の経過", "carenet-post-unread");
        assertThat(main(nurse.get(room + "?show=unread"))).doesNotContain("褥瘡の経過"); // read when shown
        assertThat(main(nurse.get(room + "?show=all"))).contains("褥瘡の経過", "既読 1/2");
        Page postPage = careManager.get(post);
        assertThat(postPage.status()).isEqualTo(200);
        assertThat(main(postPage)).contains("褥瘡の経過", "仙骨部の発赤は軽快しています。", "既読 1/2",
                "まだ読んでいない人", "コメント（0 件）", LocalDate.now(ZoneId.of("Asia/Tokyo")).toString());
        Page emptyComment = careManager.post(post + "/comments", form("_csrf", postPage.csrfToken(), "body", " "));
        assertThat(emptyComment.status()).isEqualTo(400);
        assertThat(main(emptyComment)).contains("コメントを入力してください");
        assertThat(nurse.post(post + "/comments", form("_csrf", nurseToken, "body", "明日も確認します。"))
                .status()).isEqualTo(302);
        assertThat(main(careManager.get(post))).contains("コメント（1 件）", "明日も確認します。");
        assertThat(main(helper.get(post))).contains("既読 2/2").doesNotContain("まだ読んでいない人");
        assertThat(nurse.post(post + "/pin", form("_csrf", nurseToken, "colour", "RED")).status()).isEqualTo(302);
        assertThat(main(nurse.get(room + "?pin=RED"))).contains("褥瘡の経過", "ピン: 赤");
        assertThat(main(nurse.get(room + "?pin=BLUE"))).doesNotContain("褥瘡の経過");
        assertThat(main(careManager.get(room + "?pin=RED"))).doesNotContain("褥瘡の経過"); // pins are one's own
        assertThat(nurse.post(post + "/pin", form("_csrf", nurseToken, "colour", "")).status()).isEqualTo(302);
        assertThat(main(nurse.get(room + "?pin=RED"))).doesNotContain("褥瘡の経過");

        // search: a word inside a sentence, by profession, author and dates
        String today = LocalDate.now(ZoneId.of("Asia/Tokyo")).toString();
        String tomorrow = LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(1).toString();
        assertThat(main(nurse.get(room + "/search"))).contains("言葉", "書いた人", "この日から").doesNotContain("検索結果（");
        assertThat(main(nurse.get(room + "/search?q=" + HOTSPOT))).contains("検索結果（1 件", "褥瘡の経過");
        assertThat(main(nurse.get(room + "/search?q=" + HOTSPOT + "&profession=CARE_MANAGER&from=" + today + "&to=" + today)))
                .contains("検索結果（1 件");
        assertThat(main(nurse.get(room + "/search?q=" + HOTSPOT + "&profession=VISITING_NURSE"))).contains("検索結果（0 件");
        assertThat(main(nurse.get(room + "/search?authorId=" + nursePerson.id()))).contains("検索結果（0 件");
        assertThat(main(nurse.get(room + "/search?q=" + HOTSPOT + "&from=" + tomorrow))).contains("検索結果（0 件");
        Page badDate = nurse.get(room + "/search?q=" + HOTSPOT + "&from=12/01");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(main(badDate)).contains("2026-12-01 の形で");

        // direct messages: only the chosen members see the conversation
        Page messages = careManager.get(room + "/messages");
        assertThat(main(messages)).contains("特別便はまだありません", nursePerson.id(), helperPerson.id());
        Page nobody = careManager.post(room + "/messages", form("_csrf", messages.csrfToken(), "subject", "服薬の件",
                "body", "夕食後の薬について"));
        assertThat(nobody.status()).isEqualTo(400);
        assertThat(main(nobody)).contains("相手", "服薬の件");
        Page started = careManager.post(room + "/messages", form("_csrf", messages.csrfToken(), "subject", "服薬の件",
                "memberIds", nursePerson.id(), "body", "夕食後の薬について相談です。"));
        assertThat(started.status()).isEqualTo(302);
        Matcher conversationId = CONVERSATION.matcher(started.header("Location").orElseThrow());
        assertThat(conversationId.find()).isTrue();
        String conversation = room + "/messages/" + conversationId.group(1);
        assertThat(main(nurse.get(room + "/messages"))).contains("服薬の件");
        Page thread = nurse.get(conversation);
        assertThat(main(thread)).contains("服薬の件", "夕食後の薬について相談です。");
        assertThat(nurse.post(conversation, form("_csrf", thread.csrfToken(), "body", "残薬を確認します。")).status())
                .isEqualTo(302);
        assertThat(main(careManager.get(conversation))).contains("残薬を確認します。");
        assertThat(main(helper.get(room + "/messages"))).doesNotContain("服薬の件");
        Page notParticipant = helper.get(conversation);
        Page noConversation = helper.get(room + "/messages/" + UUID.randomUUID());
        assertThat(notParticipant.status()).isEqualTo(404);
        assertThat(main(notParticipant)).isEqualTo(main(noConversation));
        assertThat(helper.post(conversation, form("_csrf", helper.get("/portal/care-net").csrfToken(), "body", "割り込み")).status()).isEqualTo(404);

        // mail frequency: each person's own
        Page mail = nurse.get("/portal/care-net/mail");
        assertThat(main(mail)).contains("value=\"DAILY\" checked");
        assertThat(nurse.post("/portal/care-net/mail", form("_csrf", mail.csrfToken(), "frequency", "HOURLY")).status())
                .isEqualTo(302);
        assertThat(main(nurse.get("/portal/care-net/mail"))).contains("value=\"HOURLY\" checked", "保存しました");
        assertThat(main(careManager.get("/portal/care-net/mail"))).contains("value=\"DAILY\" checked");
        Page badFrequency = nurse.post("/portal/care-net/mail", form("_csrf", mail.csrfToken(), "frequency", "WEEKLY"));
        assertThat(badFrequency.status()).isEqualTo(400);
        assertThat(main(badFrequency)).contains("頻度を選んでください");

        // the attacker pair: a non-member sees every page and form of the room as for an absent room
        String absent = "/portal/care-net/rooms/" + UUID.randomUUID();
        String absentPost = absent + "/posts/" + postId;
        Page outsiderPage = outsider.get("/portal/care-net");
        String token = outsiderPage.csrfToken();
        List<String[]> pairs = new ArrayList<>();
        for (String suffix : List.of("/members", "/search?q=" + HOTSPOT, "/messages", "/messages/" + conversationId.group(1))) {
            pairs.add(new String[] {room + suffix, absent + suffix});
        }
        pairs.add(new String[] {post, absentPost});
        for (String[] pair : pairs) {
            Page foreign = outsider.get(pair[0]);
            Page missing = outsider.get(pair[1]);
            assertThat(foreign.status()).as(pair[0]).isEqualTo(404);
            assertThat(missing.status()).as(pair[1]).isEqualTo(404);
            assertThat(main(foreign)).as(pair[0]).isEqualTo(main(missing)).contains("部屋が見つかりません");
        }
        assertThat(outsider.getBytes(room + "/consent-form").status()).isEqualTo(404);
        assertThat(outsider.getBytes(absent + "/consent-form").status()).isEqualTo(404);
        for (String[] write : List.of(new String[] {post + "/comments", "body", "侵入"},
                new String[] {post + "/pin", "colour", "RED"}, new String[] {room + "/members", "personId", "x"},
                new String[] {room + "/messages", "subject", "侵入"}, new String[] {room + "/close", "x", "y"},
                new String[] {room + "/caretaker", "personId", nursePerson.id()},
                new String[] {room + "/members/" + nursePerson.id() + "/remove", "reason", "侵入"})) {
            Page foreign = outsider.post(write[0], form("_csrf", token, write[1], write[2]));
            Page missing = outsider.post(write[0].replace(room, absent), form("_csrf", token, write[1], write[2]));
            assertThat(foreign.status()).as(write[0]).isEqualTo(404);
            assertThat(main(foreign)).as(write[0]).isEqualTo(main(missing));
        }
        assertThat(main(careManager.get(post))).doesNotContain("侵入");
        assertThat(main(nurse.get(room + "/members"))).contains("世話役").doesNotContain("外れたメンバー（記録）");

        // removing a member: at their very next page they are told they are no longer a member (403), on every
        // page of the room, shown nothing of it, and can write nothing; added again, they have the room back
        Page removed = careManager.post(room + "/members/" + helperPerson.id() + "/remove",
                form("_csrf", members.csrfToken(), "reason", "担当替え"));
        assertThat(removed.status()).isEqualTo(302);
        assertThat(main(careManager.get(room + "/members"))).contains("外れたメンバー（記録）", "担当替え",
                "メンバーから外しました");
        for (String page : List.of(room, post, room + "/members", room + "/search?q=" + HOTSPOT, room + "/messages",
                conversation, room + "/documents", room + "/vitals", room + "/record")) {
            Page gone = helper.get(page);
            assertThat(gone.status()).as(page).isEqualTo(403);
            assertThat(main(gone)).as(page).contains("この部屋のメンバーから外れたため、表示できません")
                    .doesNotContain("伊達", "褥瘡の経過", "仙骨部", "服薬の件", "担当替え", nursePerson.id());
        }
        String helperToken = helper.get("/portal/care-net").csrfToken();
        for (String[] write : List.of(new String[] {post + "/comments", "body", "退室後"},
                new String[] {post + "/pin", "colour", "RED"}, new String[] {room + "/messages", "subject", "退室後"})) {
            Page refused = helper.post(write[0], form("_csrf", helperToken, write[1], write[2]));
            assertThat(refused.status()).as(write[0]).isEqualTo(403);
            assertThat(main(refused)).as(write[0]).contains("この部屋のメンバーから外れたため");
        }
        assertThat(main(careManager.get(post))).doesNotContain("退室後");
        assertThat(helper.get(absent).status()).isEqualTo(404); // an absent room stays absent
        assertThat(careManager.post(room + "/members", form("_csrf", members.csrfToken(), "personId",
                helperPerson.id(), "facilityId", fixtures.nurseStation)).status()).isEqualTo(302);
        assertThat(main(helper.get(post))).contains("褥瘡の経過");

        // closing (applicant or caretaker), then the support centre archives; idle rooms are listed
        assertThat(nurse.post(room + "/close", form("_csrf", nurseToken)).status()).isEqualTo(302);
        assertThat(main(careManager.get(room + "/members"))).contains("閉鎖（閲覧のみ）").doesNotContain("メンバーを追加する");
        Page closedPost = careManager.post(post + "/comments", form("_csrf", postPage.csrfToken(), "body", "閉鎖後"));
        assertThat(closedPost.status()).isEqualTo(409);
        assertThat(main(closedPost)).contains("書き込めません");
        context.getBean(JdbcClient.class).sql("UPDATE hub.care_room SET last_activity_at = now() - interval '400 days'"
                + " WHERE id = :id").param("id", UUID.fromString(roomId)).update();
        Page closedDesk = support.get("/portal/care-net/support");
        assertThat(main(closedDesk)).contains("閉鎖された部屋", "1 年間使われていない部屋",
                "/portal/care-net/support/rooms/" + roomId + "/archive",
                "/portal/care-net/support/rooms/" + roomId + "/idle-notice");
        assertThat(support.post("/portal/care-net/support/rooms/" + roomId + "/archive",
                form("_csrf", closedDesk.csrfToken())).status()).isEqualTo(302);
        assertThat(main(support.get("/portal/care-net/support"))).contains("伊達 ハナ さんの部屋を保管しました")
                .doesNotContain("/portal/care-net/support/rooms/" + roomId + "/archive");
        assertThat(main(nurse.get("/portal/care-net"))).contains("伊達 ハナ", "保管済み");
    }

    private TestPeople.Person supportCentre(CareNetFixtures fixtures) {
        String operator = context.getBean(FacilityRegistry.class).list(null, FacilityKind.HUB_OPERATOR, null).get(0).id();
        return fixtures.person(operator, Profession.HUB_ADMIN);
    }

    /** The profession in the members table's row marked 世話役 (the test people all share one name). */
    private static String caretakerProfession(Page page) {
        Matcher row = Pattern.compile("<th scope=\"row\">[^<]+</th>\\s*<td>([^<]+)</td>\\s*<td><span>世話役</span>")
                .matcher(main(page));
        assertThat(row.find()).as(main(page)).isTrue();
        return row.group(1);
    }

    private static String roomId(String location) {
        Matcher matcher = ROOM.matcher(location);
        assertThat(matcher.find()).as(location).isTrue();
        return matcher.group(1);
    }

    private static String postId(String timeline) {
        Matcher matcher = POST.matcher(timeline);
        assertThat(matcher.find()).as(timeline).isTrue();
        return matcher.group(1);
    }
}
