package jp.renkei.hub.carenet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import jp.renkei.hub.carenet.mail.CareNetMailer;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.patient.PatientEnrolment;
import jp.renkei.hub.core.person.PersonStore;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.core.security.HubAuthentication;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.security.RequestAttributes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The care-net story over the API, through the hub's security filters: a care manager applies, the support
 * centre approves, a visiting nurse and a family member join, the nurse posts a structured sleep entry with
 * a photo, read receipts count, family see only what is shared, and a removed member is refused at once —
 * with an outsider, a removed member and a family member trying what they must not.
 */
@SpringBootTest(classes = CareNetTestApplication.class, properties = "renkei.home=target/test-home")
@AutoConfigureMockMvc
class CareNetStoryTest {

    private static final byte[] CONSENT_PDF = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".getBytes();

    /** A real SMTP server; dynamic port, as other test runs may share the machine. */
    static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        SMTP.start();
    }

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("renkei.care-net.mail.portal-url", () -> "https://hub.example.jp/portal");
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    CareNetMailer mailer;

    @Autowired
    ObjectMapper json;

    @Autowired
    FacilityRegistry facilities;

    @Autowired
    PersonStore personStore;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PatientEnrolment enrolment;

    @Autowired
    MovableClock clock;

    @Autowired
    jp.renkei.hub.carenet.post.Posts posts;

    @Autowired
    jp.renkei.hub.carenet.attachment.HeifConverter heif;

    HubPrincipal careManager;
    HubPrincipal doctor;
    HubPrincipal nurse;
    HubPrincipal family;
    HubPrincipal outsider;
    HubPrincipal supportCentre;
    String nurseStation;

    @BeforeEach
    void careTeam() {
        CareNetPeople people = new CareNetPeople(facilities, personStore);
        String careOffice = people.facility(FacilityKind.CARE_MANAGEMENT_OFFICE, "さくら居宅介護支援事業所");
        String clinic = people.facility(FacilityKind.CLINIC, "あおば在宅クリニック");
        nurseStation = people.facility(FacilityKind.VISITING_NURSE_STATION, "ひまわり訪問看護ステーション");
        String elsewhere = people.facility(FacilityKind.CARE_MANAGEMENT_OFFICE, "よその居宅介護支援事業所");
        String operator = people.facility(FacilityKind.HUB_OPERATOR, "地域連携支援センター");
        careManager = people.person(careOffice, Profession.CARE_MANAGER, "佐藤 ケアマネ");
        doctor = people.person(clinic, Profession.DOCTOR, "鈴木 医師");
        nurse = people.person(nurseStation, Profession.VISITING_NURSE, "高橋 看護師");
        family = people.person(careOffice, Profession.FAMILY_MEMBER, "福島 花子（長女）");
        outsider = people.person(elsewhere, Profession.CARE_MANAGER, "田中 よそのケアマネ");
        HubPrincipal admin = people.person(operator, Profession.HUB_ADMIN, "支援センター 担当");
        supportCentre = new HubPrincipal(HubPrincipal.Kind.PERSON, admin.id(), admin.display(), operator,
                Set.of(HubRole.HUB_ADMIN));
    }

    @Test
    void theHomeCareStory() throws Exception {
        // a care manager applies with the patient's scanned consent, proposing the doctor
        JsonNode applied = body(send(careManager, post("/api/care-net/rooms"), Map.of(
                "patientName", "福島 一郎", "patientNameKana", "フクシマ イチロウ", "patientBirthDate", "1938-04-01",
                "members", List.of(Map.of("personId", doctor.id(), "facilityId", doctor.actingFacilityId())),
                "scannedForm", Base64.getEncoder().encodeToString(CONSENT_PDF)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("APPLIED"))
                .andExpect(jsonPath("$.caretakerId").value(careManager.id()))
                .andExpect(jsonPath("$.scannedForm.contentType").value("application/pdf"))
                .andExpect(jsonPath("$.members.length()").value(2)));
        String room = "/api/care-net/rooms/" + applied.get("id").asText();

        // nobody writes before the support centre approves; the support centre sees the application
        send(careManager, post(room + "/posts"), Map.of("title", "初回", "body", "よろしくお願いします"))
                .andExpect(status().isConflict());
        mvc.perform(get("/api/care-net/rooms").param("status", "APPLIED").with(as(supportCentre)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == '" + applied.get("id").asText() + "')]").exists());
        mvc.perform(get("/api/care-net/rooms").param("status", "APPLIED").with(as(careManager)))
                .andExpect(status().isForbidden());
        mvc.perform(get(room + "/consent-form").with(as(supportCentre)))
                .andExpect(status().isOk())
                .andExpect(result -> assertThat(result.getResponse().getContentAsByteArray()).isEqualTo(CONSENT_PDF));
        send(careManager, post(room + "/approve"), Map.of()).andExpect(status().isForbidden());
        send(supportCentre, post(room + "/approve"), Map.of())
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("OPEN"));

        // a visiting nurse and a family member join
        send(careManager, post(room + "/members"), Map.of("personId", nurse.id(), "facilityId", nurseStation))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.kind").value("STAFF"));
        send(careManager, post(room + "/members"), Map.of("personId", family.id()))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.kind").value("FAMILY"));
        // the nurse may not manage members (only applicant and caretaker)
        send(nurse, post(room + "/members"), Map.of("personId", outsider.id(),
                "facilityId", outsider.actingFacilityId())).andExpect(status().isForbidden());

        // the nurse posts a structured sleep entry with a phone photo (GPS and device in its Exif)
        byte[] photo = Photos.jpegWithExif(640, 480);
        assertThat(Photos.contains(photo, Photos.GPS_MARK)).as("the fixture carries GPS data").isTrue();
        JsonNode sleep = body(send(nurse, post(room + "/posts"), Map.of(
                "title", "夜間の様子", "body", "夜中に 2 回目が覚めたとのこと。仙骨部の発赤は軽快。",
                "entries", List.of(Map.of("category", "SLEEP",
                        "values", Map.of("daytimeSleep", "あり", "nightSleep", "5.5", "insomniaType", "中途覚醒",
                                "note", ""))),
                "attachments", List.of(Map.of("fileName", "C:\\Users\\nurse\\IMG_0001.jpg",
                        "content", Base64.getEncoder().encodeToString(photo)))))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.entries[0].title").value("睡眠"))
                .andExpect(jsonPath("$.entries[0].values.length()").value(3)) // only what is entered
                .andExpect(jsonPath("$.entries[0].values[1].label").value("夜間睡眠"))
                .andExpect(jsonPath("$.entries[0].values[1].value").value("5.5"))
                .andExpect(jsonPath("$.entries[0].values[1].unit").value("時間"))
                .andExpect(jsonPath("$.attachments[0].fileName").value("IMG_0001.jpg"))
                .andExpect(jsonPath("$.readLabel").value("既読 0/2")) // care manager, doctor; not family
                .andExpect(jsonPath("$.sharedWithFamily").value(false)));
        String sleepPost = room + "/posts/" + sleep.get("id").asText();
        String photoPath = sleepPost + "/attachments/" + sleep.at("/attachments/0/id").asText();

        // the stored photo has no Exif, GPS or device data, and is still the same picture
        byte[] stored = mvc.perform(get(photoPath).with(as(careManager)))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(Photos.contains(stored, "Exif")).isFalse();
        assertThat(Photos.contains(stored, Photos.GPS_MARK)).isFalse();
        assertThat(Photos.contains(stored, Photos.DEVICE_MARK)).isFalse();
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(stored));
        assertThat(picture.getWidth()).isEqualTo(640);
        assertThat(picture.getHeight()).isEqualTo(480);
        byte[] thumbnail = mvc.perform(get(photoPath + "/thumbnail").with(as(doctor)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(ImageIO.read(new ByteArrayInputStream(thumbnail)).getWidth()).isEqualTo(320);
        byte[] inDatabase = jdbc.sql("SELECT content FROM hub.care_attachment WHERE id = :id")
                .param("id", UUID.fromString(sleep.at("/attachments/0/id").asText())).query(byte[].class).single();
        assertThat(inDatabase).isEqualTo(stored);

        // a post shared with family
        JsonNode shared = body(send(nurse, post(room + "/posts"), Map.of("title", "ご家族へ",
                "body", "本日の訪問でお変わりありませんでした。", "sharedWithFamily", true,
                "entries", List.of(Map.of("category", "VITALS", "values", Map.of("temperature", 36.5, "spo2", 97)))))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.readLabel").value("既読 0/3")));
        String sharedPost = room + "/posts/" + shared.get("id").asText();

        // mail: one batched mail per member with unread posts, at their frequency, with no patient data
        send(doctor, put("/api/care-net/mail-preference"), Map.of("frequency", "NEVER"))
                .andExpect(jsonPath("$.frequency").value("NEVER"));
        mailer.sendDue();
        assertThat(mailsTo(doctor)).as("the doctor chose NEVER").isEmpty();
        assertThat(mailsTo(nurse)).as("the author is not told of her own posts").isEmpty();
        assertThat(mailsTo(careManager)).hasSize(1);
        assertThat(mailsTo(family)).hasSize(1);
        String managerMail = text(mailsTo(careManager).get(0));
        String familyMail = text(mailsTo(family).get(0));
        assertThat(mailsTo(careManager).get(0).getSubject()).isEqualTo("【連携ハブ】ケアネットに新しい投稿があります");
        assertThat(managerMail).startsWith("佐藤 ケアマネ 様").contains("2 件").contains("https://hub.example.jp/portal");
        assertThat(familyMail).as("family: only the shared post").contains("1 件");
        for (String mail : List.of(managerMail, familyMail, mailsTo(family).get(0).getSubject())) {
            assertThat(mail).doesNotContain("福島 一郎", "フクシマ", "一郎", "夜間の様子", "ご家族へ", "仙骨部", "中途覚醒",
                    "睡眠", applied.get("id").asText());
        }
        mailer.sendDue();
        assertThat(mailsTo(careManager)).as("batched: nothing more until the next day").hasSize(1);

        // search: a Japanese word inside a sentence, an entered value, by profession and date
        mvc.perform(get(room + "/search").param("q", "発赤").with(as(careManager)))
                .andExpect(jsonPath("$.length()").value(1)).andExpect(jsonPath("$[0].title").value("夜間の様子"));
        mvc.perform(get(room + "/search").param("q", "中途覚醒 軽快").with(as(careManager)))
                .andExpect(jsonPath("$.length()").value(1));
        mvc.perform(get(room + "/search").param("q", "発赤").with(as(family)))
                .andExpect(jsonPath("$.length()").value(0));
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Tokyo")).toString();
        mvc.perform(get(room + "/search").param("profession", "VISITING_NURSE").param("from", today)
                        .param("to", today).with(as(doctor)))
                .andExpect(jsonPath("$.length()").value(2));
        mvc.perform(get(room + "/search").param("authorId", nurse.id()).param("to", "2020-01-01").with(as(doctor)))
                .andExpect(jsonPath("$.length()").value(0));
        mvc.perform(get(room + "/search").param("profession", "DOCTOR").with(as(doctor)))
                .andExpect(jsonPath("$.length()").value(0));
        mvc.perform(get(room + "/search").param("q", "%").with(as(doctor)))
                .andExpect(jsonPath("$.length()").value(0));

        // read receipts: first opening counts, once per person
        mvc.perform(get(sleepPost).with(as(careManager))).andExpect(jsonPath("$.readLabel").value("既読 1/2"));
        mvc.perform(get(sleepPost).with(as(careManager))).andExpect(jsonPath("$.readLabel").value("既読 1/2"));
        mvc.perform(get(room + "/posts").param("unreadOnly", "true").with(as(doctor)))
                .andExpect(jsonPath("$.length()").value(2));
        mvc.perform(get(sleepPost).with(as(doctor))).andExpect(jsonPath("$.readLabel").value("既読 2/2"));
        mvc.perform(get(room + "/posts").param("unreadOnly", "true").with(as(doctor)))
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].title").value("ご家族へ"))
                .andExpect(jsonPath("$[0].unread").value(true));
        mvc.perform(get(sleepPost + "/receipts").with(as(nurse)))
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].displayName").value("佐藤 ケアマネ"))
                .andExpect(jsonPath("$[1].displayName").value("鈴木 医師"));

        // family: only shared posts; a non-shared one answers like a post that does not exist
        mvc.perform(get(room + "/posts").with(as(family)))
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].title").value("ご家族へ"));
        mvc.perform(get(sharedPost).with(as(family))).andExpect(status().isOk())
                .andExpect(jsonPath("$.readLabel").value("既読 1/3"));
        String hidden = mvc.perform(get(sleepPost).with(as(family))).andExpect(status().isNotFound())
                .andReturn().getResponse().getContentAsString();
        String absent = mvc.perform(get(room + "/posts/" + UUID.randomUUID()).with(as(family)))
                .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
        assertThat(withoutIds(hidden)).isEqualTo(withoutIds(absent));
        mvc.perform(get(photoPath).with(as(family))).andExpect(status().isNotFound());
        mvc.perform(get(sleepPost + "/receipts").with(as(family))).andExpect(status().isNotFound());
        send(family, post(sleepPost + "/comments"), Map.of("body", "見せて")).andExpect(status().isNotFound());

        // comments and pins (each person's own colours)
        send(family, post(sharedPost + "/comments"), Map.of("body", "ありがとうございます"))
                .andExpect(status().isCreated());
        mvc.perform(get(sharedPost + "/comments").with(as(nurse)))
                .andExpect(jsonPath("$[0].authorName").value("福島 花子（長女）"));
        send(careManager, put(sleepPost + "/pin"), Map.of("colour", "RED")).andExpect(status().isNoContent());
        mvc.perform(get(room + "/posts").param("pin", "RED").with(as(careManager)))
                .andExpect(jsonPath("$.length()").value(1)).andExpect(jsonPath("$[0].pin").value("RED"));
        mvc.perform(get(room + "/posts").param("pin", "RED").with(as(doctor)))
                .andExpect(jsonPath("$.length()").value(0));

        // an outsider (another facility's care manager) gets exactly the answer of a room that does not exist
        String refused = mvc.perform(get(room).with(as(outsider))).andExpect(status().isNotFound())
                .andReturn().getResponse().getContentAsString();
        String missing = mvc.perform(get("/api/care-net/rooms/" + UUID.randomUUID()).with(as(outsider)))
                .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
        assertThat(withoutIds(refused)).isEqualTo(withoutIds(missing));
        mvc.perform(get(sleepPost).with(as(outsider))).andExpect(status().isNotFound());
        mvc.perform(get(photoPath).with(as(outsider))).andExpect(status().isNotFound());
        send(outsider, post(room + "/posts"), Map.of("title", "x", "body", "x")).andExpect(status().isNotFound());
        // the nurse acting for another facility than the one she is in the room for is an outsider too
        HubPrincipal nurseElsewhere = new HubPrincipal(HubPrincipal.Kind.PERSON, nurse.id(), nurse.display(),
                outsider.actingFacilityId(), Set.of(HubRole.VISITING_NURSE));
        mvc.perform(get(room + "/posts").with(as(nurseElsewhere))).andExpect(status().isNotFound());
        // facility systems never reach care-net
        HubPrincipal gateway = new HubPrincipal(HubPrincipal.Kind.SYSTEM, "device-1", "gateway",
                nurseStation, Set.of(HubRole.GATEWAY));
        mvc.perform(get(room).with(as(gateway))).andExpect(status().isForbidden());

        // staff change: the nurse is removed and, at her very next request on any room path, is told she is no
        // longer a member (403) — and learns nothing of the room from the answer
        mvc.perform(get(room + "/posts").with(as(nurse))).andExpect(status().isOk());
        mvc.perform(delete(room + "/members/" + nurse.id()).param("reason", "担当交代").with(as(careManager)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.removedBy").value(careManager.id()));
        long postsBefore = jdbc.sql("SELECT count(*) FROM hub.care_post").query(Long.class).single();
        List<MockHttpServletRequestBuilder> roomPaths = List.of(get(room), get(room + "/posts"), get(sleepPost),
                get(photoPath), get(photoPath + "/thumbnail"), get(sharedPost + "/comments"),
                get(sleepPost + "/receipts"), get(room + "/search").param("q", "発赤"), get(room + "/conversations"),
                get(room + "/documents"), get(room + "/record"),
                withBody(post(room + "/posts"), Map.of("title", "退室後", "body", "書けてはいけない")),
                withBody(post(sharedPost + "/comments"), Map.of("body", "書けてはいけない")),
                withBody(put(sleepPost + "/pin"), Map.of("colour", "BLUE")));
        for (MockHttpServletRequestBuilder request : roomPaths) {
            String answer = mvc.perform(request.with(as(nurse)))
                    .andExpect(status().isForbidden())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.detail").value("You are no longer a member of this room"))
                    .andReturn().getResponse().getContentAsString();
            assertThat(answer).doesNotContain("福島", "夜間の様子", "ご家族へ", "佐藤", "鈴木", "担当交代");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM hub.care_post").query(Long.class).single()).isEqualTo(postsBefore);
        assertThat(jdbc.sql("SELECT count(*) FROM hub.audit_event WHERE patient_ref = :room AND actor_id = :who"
                        + " AND outcome = 'DENIED' AND detail LIKE 'removed from the room at %'")
                .param("room", "CareRoom/" + applied.get("id").asText()).param("who", nurse.id())
                .query(Integer.class).single()).isEqualTo(roomPaths.size());
        mvc.perform(get(room).with(as(careManager)))
                .andExpect(jsonPath("$.members[?(@.personId == '" + nurse.id() + "')].removalReason").value("担当交代"));
        // receipts count current members: the removed nurse is no longer in the audience
        mvc.perform(get(sharedPost).with(as(doctor))).andExpect(jsonPath("$.readLabel").value("既読 2/3"));
        // added again, she has the room back at once
        send(careManager, post(room + "/members"), Map.of("personId", nurse.id(), "facilityId", nurseStation))
                .andExpect(status().isCreated());
        mvc.perform(get(sleepPost).with(as(nurse))).andExpect(status().isOk())
                .andExpect(jsonPath("$.title").value("夜間の様子"));

        // every read and write is in the audit trail under the room, the refusals too
        List<String> audited = new ArrayList<>(jdbc.sql("SELECT action || ' ' || outcome || ' ' || resource"
                        + " FROM hub.audit_event WHERE patient_ref = :room")
                .param("room", "CareRoom/" + applied.get("id").asText()).query(String.class).list());
        assertThat(audited).contains("CREATE SUCCESS care-net room", "UPDATE SUCCESS care-net member",
                "CREATE SUCCESS care-net post", "READ SUCCESS care-net post", "READ SUCCESS care-net attachment",
                "SEARCH SUCCESS care-net timeline", "READ DENIED care-net room", "READ DENIED care-net post");
        assertThat(jdbc.sql("SELECT count(*) FROM hub.audit_event WHERE patient_ref = :room AND actor_id = :who"
                        + " AND outcome = 'DENIED'")
                .param("room", "CareRoom/" + applied.get("id").asText()).param("who", outsider.id())
                .query(Integer.class).single()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void wrongEntriesAndFilesAreRefusedWithPreciseMessages() throws Exception {
        String room = openRoom();
        send(careManager, post(room + "/posts"), Map.of("title", "バイタル", "entries", List.of(
                Map.of("category", "SLEEP", "values", Map.of("nightSleep", 25, "daytimeSleep", "たぶん")),
                Map.of("category", "VITALS", "values", Map.of("temperature", "36.55")))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors['entries[0].nightSleep']")
                        .value("夜間睡眠は 0〜24 時間 の範囲で入力してください（入力値: 25 時間）"))
                .andExpect(jsonPath("$.errors['entries[0].daytimeSleep']")
                        .value("日中の睡眠は次のどれかを選んでください: あり、なし（入力値: たぶん）"))
                .andExpect(jsonPath("$.errors['entries[1].temperature']")
                        .value("体温は小数点以下 1 桁までで入力してください（入力値: 36.55）"));
        // only a header: the converter cannot read it (or, where it is not installed, HEIC is refused outright)
        send(careManager, post(room + "/posts"), Map.of("title", "写真", "attachments", List.of(
                Map.of("fileName", "IMG_0002.HEIC", "content", Base64.getEncoder().encodeToString(Photos.heic())))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors['attachments[0]']").value(org.hamcrest.Matchers.startsWith(
                        heif.available() ? "IMG_0002.HEIC: HEIC の写真として読めません"
                                : "IMG_0002.HEIC: HEIC 形式の写真は受け付けていません")));
        send(careManager, post(room + "/posts"), Map.of("title", "実行ファイル", "attachments", List.of(
                Map.of("fileName", "photo.jpg", "content", Base64.getEncoder().encodeToString("MZ\u0090\0".getBytes())))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors['attachments[0]']").value(org.hamcrest.Matchers.containsString(
                        "JPEG・PNG・HEIC の写真、PDF、Word（.docx）、Excel（.xlsx）だけです")));
        Map<String, byte[]> macros = OfficeFiles.parts(OfficeFiles.WORD_MAIN, "/word/document.xml");
        macros.put("word/vbaProject.bin", new byte[] {1});
        send(careManager, post(room + "/posts"), Map.of("title", "マクロ", "attachments", List.of(
                Map.of("fileName", "報告書.docx", "content", Base64.getEncoder().encodeToString(OfficeFiles.zip(macros))))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors['attachments[0]']").value(
                        "報告書.docx: マクロ・ActiveX・埋め込みプログラムを含むファイルは添付できません（word/vbaProject.bin）"));
        assertThat(jdbc.sql("SELECT count(*) FROM hub.care_post WHERE room_id = :room")
                .param("room", UUID.fromString(room.substring(room.lastIndexOf('/') + 1))).query(Integer.class).single())
                .as("nothing half-written").isZero();
    }

    @Test
    void wordAndExcelFilesArePostedAndServedAsDownloadsToMembersOnly() throws Exception {
        String room = openRoom();
        JsonNode written = body(send(careManager, post(room + "/posts"), Map.of("title", "サービス担当者会議の資料",
                "attachments", List.of(
                        Map.of("fileName", "会議録.docx", "content", Base64.getEncoder().encodeToString(OfficeFiles.docx())),
                        Map.of("fileName", "バイタル表.xlsx", "content",
                                Base64.getEncoder().encodeToString(OfficeFiles.xlsx())))))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.attachments[?(@.fileName == '会議録.docx')].contentType")
                        .value("application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
                .andExpect(jsonPath("$.attachments[?(@.fileName == 'バイタル表.xlsx')].contentType")
                        .value("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")));
        JsonNode word = java.util.stream.StreamSupport.stream(written.get("attachments").spliterator(), false)
                .filter(a -> a.get("fileName").asText().equals("会議録.docx")).findFirst().orElseThrow();
        String file = room + "/posts/" + written.get("id").asText() + "/attachments/" + word.get("id").asText();

        mvc.perform(get(file).with(as(careManager)))
                .andExpect(status().isOk())
                .andExpect(result -> {
                    assertThat(result.getResponse().getContentType())
                            .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
                    assertThat(result.getResponse().getHeader("Content-Disposition")).startsWith("attachment;")
                            .contains("filename*=UTF-8''");
                    assertThat(result.getResponse().getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
                    assertThat(result.getResponse().getContentAsByteArray()).isEqualTo(OfficeFiles.docx());
                });
        // to an outsider the file looks exactly like one that does not exist
        String refused = mvc.perform(get(file).with(as(outsider))).andExpect(status().isNotFound())
                .andReturn().getResponse().getContentAsString();
        String missing = mvc.perform(get("/api/care-net/rooms/" + UUID.randomUUID() + "/posts/" + UUID.randomUUID()
                + "/attachments/" + UUID.randomUUID()).with(as(outsider))).andExpect(status().isNotFound())
                .andReturn().getResponse().getContentAsString();
        assertThat(withoutIds(refused)).isEqualTo(withoutIds(missing));

        // legacy binary Word is refused with what to do, and nothing is written
        byte[] doc = new byte[1024];
        System.arraycopy(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
                (byte) 0xE1}, 0, doc, 0, 8);
        send(careManager, post(room + "/posts"), Map.of("title", "古い形式", "attachments", List.of(
                Map.of("fileName", "会議録.doc", "content", Base64.getEncoder().encodeToString(doc)))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors['attachments[0]']").value(org.hamcrest.Matchers.startsWith(
                        "会議録.doc: 古い形式の Word・Excel ファイル（.doc・.xls）やパスワード付きのファイルは添付できません。")));
        assertThat(jdbc.sql("SELECT count(*) FROM hub.care_post WHERE room_id = :room")
                .param("room", UUID.fromString(room.substring(room.lastIndexOf('/') + 1))).query(Integer.class).single())
                .isEqualTo(1);
    }

    @Test
    void aHeicPhotoIsStoredAsAJpegWithoutLocationOrDevice() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(heif.available() && Photos.heicEncoderAvailable(),
                "libheif-examples (heif-convert, heif-enc) is not installed");
        String room = openRoom();
        JsonNode written = body(send(careManager, post(room + "/posts"), Map.of("title", "褥瘡の写真",
                "attachments", List.of(Map.of("fileName", "IMG_0010.HEIC",
                        "content", Base64.getEncoder().encodeToString(Photos.heicWithExif(640, 480))))))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.attachments[0].fileName").value("IMG_0010.jpg"))
                .andExpect(jsonPath("$.attachments[0].contentType").value("image/jpeg")));
        String photo = room + "/posts/" + written.get("id").asText() + "/attachments/"
                + written.at("/attachments/0/id").asText();

        byte[] stored = mvc.perform(get(photo).with(as(careManager))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(stored).startsWith((byte) 0xFF, (byte) 0xD8, (byte) 0xFF);
        assertThat(Photos.contains(stored, "Exif")).isFalse();
        assertThat(Photos.contains(stored, Photos.GPS_MARK)).isFalse();
        assertThat(Photos.contains(stored, Photos.DEVICE_MARK)).isFalse();
        assertThat(ImageIO.read(new ByteArrayInputStream(stored)).getWidth()).isEqualTo(640);
        byte[] thumbnail = mvc.perform(get(photo + "/thumbnail").with(as(careManager))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(ImageIO.read(new ByteArrayInputStream(thumbnail)).getWidth()).isEqualTo(320);
    }

    @Test
    void onlyDoctorsAndCareManagersApplyAndTheCaretakerIsStaff() throws Exception {
        Map<String, Object> application = Map.of("patientName", "福島 二郎",
                "scannedForm", Base64.getEncoder().encodeToString(CONSENT_PDF));
        send(nurse, post("/api/care-net/rooms"), application).andExpect(status().isForbidden());
        send(family, post("/api/care-net/rooms"), application).andExpect(status().isForbidden());
        send(careManager, post("/api/care-net/rooms"), Map.of("patientName", "福島 二郎",
                "members", List.of(Map.of("personId", family.id())), "caretakerId", family.id(),
                "scannedForm", Base64.getEncoder().encodeToString(CONSENT_PDF)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.caretakerId").exists());
        send(careManager, post("/api/care-net/rooms"), Map.of("patientName", "福島 二郎",
                "members", List.of(Map.of("personId", nurse.id(), "facilityId", outsider.actingFacilityId())),
                "scannedForm", Base64.getEncoder().encodeToString(CONSENT_PDF)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.facilityId").value(org.hamcrest.Matchers.containsString("所属していない")));
    }

    @Test
    void anEventNumberIsLinkedOnlyWhenTheApplicantsFacilityHasThePatient() throws Exception {
        String own = enrolment.enrol(careManager.actingFacilityId(), "CN-" + UUID.randomUUID().toString().substring(0, 8),
                careManager).eventNumber().formatted();
        String others = enrolment.enrol(outsider.actingFacilityId(), "CN-" + UUID.randomUUID().toString().substring(0, 8),
                outsider).eventNumber().formatted();
        String form = Base64.getEncoder().encodeToString(CONSENT_PDF);
        send(careManager, post("/api/care-net/rooms"), Map.of("patientName", "福島 四郎", "eventNumber", own,
                "scannedForm", form))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.eventNumber").value(own));
        send(careManager, post("/api/care-net/rooms"), Map.of("patientName", "福島 五郎", "eventNumber", others,
                "scannedForm", form))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.eventNumber").value(org.hamcrest.Matchers.containsString(
                        "あなたの施設の患者に紐付いていません")));
        send(careManager, post("/api/care-net/rooms"), Map.of("patientName", "福島 五郎",
                "scannedForm", Base64.getEncoder().encodeToString("MZ not a form".getBytes())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.scannedForm").exists());
    }

    @Test
    void aRoomIdleForAYearIsListedItsOwnersToldAndOnlyThenDeleted() throws Exception {
        String room = openRoom();
        String roomId = room.substring(room.lastIndexOf('/') + 1);
        mvc.perform(get("/api/care-net/rooms/idle").with(as(supportCentre)))
                .andExpect(jsonPath("$[?(@.id == '" + roomId + "')]").doesNotExist());
        clock.advance(java.time.Duration.ofDays(366));
        try {
            mvc.perform(get("/api/care-net/rooms/idle").with(as(supportCentre)))
                    .andExpect(jsonPath("$[?(@.id == '" + roomId + "')]").exists());
            mvc.perform(get("/api/care-net/rooms/idle").with(as(careManager))).andExpect(status().isForbidden());
            mvc.perform(delete(room).param("confirm", roomId).with(as(supportCentre)))
                    .andExpect(status().isConflict());
            send(supportCentre, post(room + "/idle-notice"), Map.of())
                    .andExpect(status().isOk()).andExpect(jsonPath("$.mailsSent").value(1));
            List<MimeMessage> notices = mailsTo(careManager).stream().filter(m -> subject(m).contains("1 年間")).toList();
            assertThat(notices).hasSize(1);
            assertThat(text(notices.get(0))).contains("https://hub.example.jp/portal").doesNotContain("福島", "三郎", roomId);
            mvc.perform(delete(room).param("confirm", "yes").with(as(supportCentre)))
                    .andExpect(status().isBadRequest());
            mvc.perform(delete(room).param("confirm", roomId).with(as(supportCentre)))
                    .andExpect(status().isNoContent());
            mvc.perform(get(room).with(as(careManager))).andExpect(status().isNotFound());
            assertThat(jdbc.sql("SELECT count(*) FROM hub.care_room_member WHERE room_id = :id")
                    .param("id", UUID.fromString(roomId)).query(Integer.class).single()).isZero();
        } finally {
            clock.reset();
        }
    }

    @Test
    void directMessagesAreSeenByTheirParticipantsOnly() throws Exception {
        String room = openRoom();
        send(careManager, post(room + "/members"), Map.of("personId", doctor.id(), "facilityId",
                doctor.actingFacilityId())).andExpect(status().isCreated());
        send(careManager, post(room + "/members"), Map.of("personId", nurse.id(), "facilityId", nurseStation))
                .andExpect(status().isCreated());
        send(careManager, post(room + "/members"), Map.of("personId", family.id())).andExpect(status().isCreated());

        send(careManager, post(room + "/conversations"), Map.of("subject", "ご家族の介護負担について",
                "memberIds", List.of(outsider.id()), "body", "x"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors.memberIds").exists());
        JsonNode conversation = body(send(careManager, post(room + "/conversations"), Map.of(
                "subject", "ご家族の介護負担について", "memberIds", List.of(doctor.id()),
                "body", "長女さんの疲労が強いようです。レスパイト入院をご検討いただけますか。"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.participants.length()").value(2)));
        String messages = room + "/conversations/" + conversation.get("id").asText() + "/messages";

        send(doctor, post(messages), Map.of("body", "来週の訪問時にご本人とご家族に提案します。"))
                .andExpect(status().isCreated());
        mvc.perform(get(messages).with(as(careManager)))
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[1].authorName").value("鈴木 医師"));
        // members outside the conversation, family included, get the answer of a conversation that does not exist
        for (HubPrincipal notInIt : List.of(nurse, family)) {
            mvc.perform(get(messages).with(as(notInIt))).andExpect(status().isNotFound());
            send(notInIt, post(messages), Map.of("body", "割り込み")).andExpect(status().isNotFound());
            mvc.perform(get(room + "/conversations").with(as(notInIt))).andExpect(jsonPath("$.length()").value(0));
        }
        mvc.perform(get(messages).with(as(outsider))).andExpect(status().isNotFound());
        // a participant removed from the room loses the conversation at once
        mvc.perform(delete(room + "/members/" + doctor.id()).with(as(careManager))).andExpect(status().isOk());
        mvc.perform(get(messages).with(as(doctor))).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value("You are no longer a member of this room"));
    }

    @Test
    void aLongTimelineIsReadPageByPageAndAPageOpensAtOnce() throws Exception {
        String room = openRoom();
        send(careManager, post(room + "/members"), Map.of("personId", nurse.id(), "facilityId", nurseStation))
                .andExpect(status().isCreated());
        for (int i = 1; i <= 3; i++) {
            send(careManager, post(room + "/posts"), Map.of("title", "訪問記録 " + i, "body", "本文 " + i))
                    .andExpect(status().isCreated());
            clock.advance(java.time.Duration.ofMinutes(1));
        }
        clock.reset();
        JsonNode first = body(mvc.perform(get(room + "/posts?limit=2").with(as(nurse))));
        assertThat(first.findValuesAsText("title")).containsExactly("訪問記録 3", "訪問記録 2");
        JsonNode older = body(mvc.perform(get(room + "/posts?limit=2&before=" + first.get(1).get("createdAt").asText())
                .with(as(nurse))));
        assertThat(older.findValuesAsText("title")).containsExactly("訪問記録 1");

        // opening a page counts its unread posts as read, and each post comes with who read it and when
        java.util.UUID roomId = java.util.UUID.fromString(room.substring(room.lastIndexOf('/') + 1));
        jp.renkei.hub.core.security.Requester asNurse = new jp.renkei.hub.core.security.Requester(nurse,
                jp.renkei.hub.core.security.PurposeOfUse.TREAT);
        jp.renkei.hub.carenet.post.TimelinePage page = posts.openTimeline(roomId,
                new jp.renkei.hub.carenet.post.TimelineFilter(false, null, 2), asNurse);
        assertThat(page.posts()).hasSize(2).allSatisfy(v -> {
            assertThat(page.wereUnread()).contains(v.post().id());
            assertThat(v.readLabel()).isEqualTo("既読 1/1");
            assertThat(page.readers().get(v.post().id())).singleElement()
                    .satisfies(r -> assertThat(r.personId()).isEqualTo(nurse.id()));
        });
        jp.renkei.hub.carenet.post.TimelinePage again = posts.openTimeline(roomId,
                new jp.renkei.hub.carenet.post.TimelineFilter(true, null, 50), asNurse);
        assertThat(again.posts()).singleElement().satisfies(v -> assertThat(v.post().title()).isEqualTo("訪問記録 1"));
        assertThat(again.wereUnread()).hasSize(1);
        assertThat(posts.openTimeline(roomId, new jp.renkei.hub.carenet.post.TimelineFilter(true, null, 50), asNurse)
                .posts()).isEmpty();
        // the author's own posts are never unread for them
        assertThat(posts.openTimeline(roomId, new jp.renkei.hub.carenet.post.TimelineFilter(false, null, 50),
                new jp.renkei.hub.core.security.Requester(careManager, jp.renkei.hub.core.security.PurposeOfUse.TREAT))
                .wereUnread()).isEmpty();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String openRoom() throws Exception {
        JsonNode applied = body(send(careManager, post("/api/care-net/rooms"), Map.of("patientName", "福島 三郎",
                "scannedForm", Base64.getEncoder().encodeToString(CONSENT_PDF))).andExpect(status().isCreated()));
        String room = "/api/care-net/rooms/" + applied.get("id").asText();
        send(supportCentre, post(room + "/approve"), Map.of()).andExpect(status().isOk());
        return room;
    }

    private List<MimeMessage> mailsTo(HubPrincipal person) throws Exception {
        String address = CareNetPeople.email(person, personStore);
        List<MimeMessage> mails = new ArrayList<>();
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            if (Arrays.stream(message.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(address))) {
                mails.add(message);
            }
        }
        return mails;
    }

    /** The decoded text (the raw body is base64: asserting on it would prove nothing). */
    private static String text(MimeMessage message) throws Exception {
        return (String) message.getContent();
    }

    private JsonNode body(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }

    private ResultActions send(HubPrincipal principal, MockHttpServletRequestBuilder request, Object body)
            throws Exception {
        return mvc.perform(withBody(request, body).with(as(principal)));
    }

    private MockHttpServletRequestBuilder withBody(MockHttpServletRequestBuilder request, Object body)
            throws Exception {
        return request.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsBytes(body));
    }

    /** Authenticated as the principal, the way the bearer-session filter leaves a request. */
    static RequestPostProcessor as(HubPrincipal principal) {
        return request -> {
            request.setAttribute(RequestAttributes.PRINCIPAL, principal);
            return authentication(new HubAuthentication(principal)).postProcessRequest(request);
        };
    }

    static String withoutIds(String problem) {
        return problem.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>");
    }
}
