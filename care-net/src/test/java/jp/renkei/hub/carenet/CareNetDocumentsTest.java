package jp.renkei.hub.carenet;

import static jp.renkei.hub.carenet.CareNetStoryTest.as;
import static jp.renkei.hub.carenet.CareNetStoryTest.withoutIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.person.PersonStore;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Documents, the room record and the partner list over the API, through the hub's security filters: a doctor
 * writes a 訪問看護指示書 whose PDF carries the entered text (extracted with PDFBox), re-opens it as version 2,
 * a nurse writes a 訪問看護報告書; the applicant exports the room as PDF; each facility's administrator lists the
 * institutions it shared information with — with outsiders, family and the wrong professions refused.
 */
@SpringBootTest(classes = CareNetTestApplication.class, properties = "renkei.home=target/test-home")
@AutoConfigureMockMvc
class CareNetDocumentsTest {

    private static final byte[] CONSENT_PDF = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".getBytes();

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @Autowired
    FacilityRegistry facilities;

    @Autowired
    PersonStore personStore;

    @Autowired
    JdbcClient jdbc;

    HubPrincipal careManager;
    HubPrincipal doctor;
    HubPrincipal nurse;
    HubPrincipal family;
    HubPrincipal outsider;
    HubPrincipal supportCentre;
    HubPrincipal clinicAdmin;
    HubPrincipal stationAdmin;
    String clinic;
    String nurseStation;
    String careOffice;
    String elsewhere;

    @BeforeEach
    void careTeam() {
        CareNetPeople people = new CareNetPeople(facilities, personStore);
        careOffice = people.facility(FacilityKind.CARE_MANAGEMENT_OFFICE, "さくら居宅介護支援事業所");
        clinic = people.facility(FacilityKind.CLINIC, "あおば在宅クリニック");
        nurseStation = people.facility(FacilityKind.VISITING_NURSE_STATION, "ひまわり訪問看護ステーション");
        elsewhere = people.facility(FacilityKind.CARE_MANAGEMENT_OFFICE, "よその居宅介護支援事業所");
        String operator = people.facility(FacilityKind.HUB_OPERATOR, "地域連携支援センター");
        careManager = people.person(careOffice, Profession.CARE_MANAGER, "佐藤 ケアマネ");
        doctor = people.person(clinic, Profession.DOCTOR, "鈴木 医師");
        nurse = people.person(nurseStation, Profession.VISITING_NURSE, "高橋 看護師");
        family = people.person(careOffice, Profession.FAMILY_MEMBER, "福島 花子（長女）");
        outsider = people.person(elsewhere, Profession.CARE_MANAGER, "田中 よそのケアマネ");
        supportCentre = withRoles(people.person(operator, Profession.HUB_ADMIN, "支援センター 担当"), HubRole.HUB_ADMIN);
        clinicAdmin = withRoles(people.person(clinic, Profession.FACILITY_ADMIN, "あおば 事務長"), HubRole.FACILITY_ADMIN);
        stationAdmin = withRoles(people.person(nurseStation, Profession.FACILITY_ADMIN, "ひまわり 管理者"),
                HubRole.FACILITY_ADMIN);
    }

    @Test
    void aNursingInstructionIsWrittenAsPdfAndReopenedAsANewVersion() throws Exception {
        String room = openRoom();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("periodFrom", "2026-12-01");
        values.put("periodTo", "2027-05-31");
        values.put("diagnosis", "慢性心不全、2 型糖尿病");
        values.put("condition", "下肢の浮腫あり。利尿薬を調整中");
        values.put("careLevel", "要介護3");
        values.put("devices", List.of("吸引器", "酸素療法"));
        values.put("lifeNotes", "塩分は 1 日 6 g まで。体重を毎朝測定");
        values.put("issuedOn", "2026-12-01");
        values.put("station", "ひまわり訪問看護ステーション 御中");

        // only a doctor writes the instruction; bad values are all reported and nothing is written
        send(nurse, post(room + "/documents"), Map.of("kind", "NURSING_INSTRUCTION", "values", values))
                .andExpect(status().isForbidden());
        Map<String, Object> wrong = new LinkedHashMap<>(values);
        wrong.remove("diagnosis");
        wrong.put("periodTo", "2026-11-30");
        wrong.put("careLevel", "要介護9");
        wrong.put("shoeSize", "24");
        send(doctor, post(room + "/documents"), Map.of("kind", "NURSING_INSTRUCTION", "values", wrong))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors['values.diagnosis']").value("「主たる傷病名」を入力してください"))
                .andExpect(jsonPath("$.errors['values.periodTo']").value(
                        "「訪問看護指示期間（終了日）」は「訪問看護指示期間（開始日）」（2026-12-01）より前にできません"))
                .andExpect(jsonPath("$.errors['values.careLevel']").exists())
                .andExpect(jsonPath("$.errors['values.shoeSize']").exists());
        send(doctor, post(room + "/documents"), Map.of("kind", "REFERRAL", "values", values))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.kind").value(org.hamcrest.Matchers.containsString("NURSING_INSTRUCTION（訪問看護指示書）")));
        mvc.perform(get(room + "/documents").with(as(doctor))).andExpect(jsonPath("$.length()").value(0));
        mvc.perform(get(room + "/posts").with(as(doctor))).andExpect(jsonPath("$.length()").value(0));

        JsonNode first = body(send(doctor, post(room + "/documents"), Map.of("kind", "NURSING_INSTRUCTION", "values", values))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.title").value("訪問看護指示書"))
                .andExpect(jsonPath("$.values.devices[0]").value("酸素療法"))); // the options' order
        String firstPath = room + "/documents/" + first.get("id").asText();

        // the PDF is a post of the room, seen by the members in the timeline
        mvc.perform(get(room + "/posts").with(as(nurse)))
                .andExpect(jsonPath("$[0].title").value("訪問看護指示書（第 1 版）"))
                .andExpect(jsonPath("$[0].attachments[0].contentType").value("application/pdf"))
                .andExpect(jsonPath("$[0].sharedWithFamily").value(false));
        byte[] pdf = mvc.perform(get(firstPath + "/pdf").with(as(nurse)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andReturn().getResponse().getContentAsByteArray();
        String text = text(pdf);
        assertThat(text).contains("訪問看護指示書", "福島 一郎", "慢性心不全、2 型糖尿病", "下肢の浮腫あり。利尿薬を調整中",
                "酸素療法、吸引器", "要介護3", "塩分は 1 日 6 g まで。体重を毎朝測定", "2026年12月1日", "2027年5月31日",
                "ひまわり訪問看護ステーション 御中", "鈴木 医師", "第 1 版");

        // re-opened: the values prefill the next version, which is kept beside the first
        JsonNode prefill = body(mvc.perform(get(firstPath).with(as(doctor))).andExpect(status().isOk()));
        @SuppressWarnings("unchecked")
        Map<String, Object> next = json.convertValue(prefill.get("values"), Map.class);
        next.put("condition", "浮腫は軽快。利尿薬を減量");
        JsonNode second = body(send(doctor, post(room + "/documents"), Map.of("kind", "NURSING_INSTRUCTION",
                "values", next, "previousId", first.get("id").asText()))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.version").value(2))
                .andExpect(jsonPath("$.seriesId").value(first.get("seriesId").asText())));
        assertThat(text(mvc.perform(get(room + "/documents/" + second.get("id").asText() + "/pdf").with(as(careManager)))
                .andReturn().getResponse().getContentAsByteArray()))
                .contains("浮腫は軽快。利尿薬を減量", "慢性心不全、2 型糖尿病", "第 2 版");
        assertThat(text(mvc.perform(get(firstPath + "/pdf").with(as(careManager))).andReturn().getResponse()
                .getContentAsByteArray())).contains("下肢の浮腫あり。利尿薬を調整中");
        mvc.perform(get(room + "/documents").with(as(careManager)))
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].version").value(2));
        // a new version must be of the same kind
        send(nurse, post(room + "/documents"), Map.of("kind", "NURSING_REPORT", "values", Map.of(),
                "previousId", first.get("id").asText()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.previousId").exists());

        // the nurse reports back
        send(nurse, post(room + "/documents"), Map.of("kind", "NURSING_REPORT", "values", Map.of(
                "periodFrom", "2026-12-01", "periodTo", "2026-12-31", "progress", "浮腫は改善傾向",
                "reportedOn", "2026-12-31", "doctor", "鈴木 医師")))
                .andExpect(status().isCreated());

        // an outsider gets exactly the answer of an absent room or document; family see no documents
        String hidden = mvc.perform(get(firstPath).with(as(outsider))).andExpect(status().isNotFound())
                .andReturn().getResponse().getContentAsString();
        String absentRoom = mvc.perform(get("/api/care-net/rooms/" + UUID.randomUUID() + "/documents/"
                        + UUID.randomUUID()).with(as(outsider)))
                .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
        assertThat(withoutIds(hidden)).isEqualTo(withoutIds(absentRoom));
        mvc.perform(get(firstPath + "/pdf").with(as(outsider))).andExpect(status().isNotFound());
        mvc.perform(get(room + "/documents").with(as(outsider))).andExpect(status().isNotFound());
        send(outsider, post(room + "/documents"), Map.of("kind", "NURSING_INSTRUCTION", "values", values))
                .andExpect(status().isNotFound());
        String familyHidden = mvc.perform(get(firstPath).with(as(family))).andExpect(status().isNotFound())
                .andReturn().getResponse().getContentAsString();
        String absentDocument = mvc.perform(get(room + "/documents/" + UUID.randomUUID()).with(as(family)))
                .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
        assertThat(withoutIds(familyHidden)).isEqualTo(withoutIds(absentDocument));
        mvc.perform(get(firstPath + "/pdf").with(as(family))).andExpect(status().isNotFound());
        mvc.perform(get(room + "/documents").with(as(family))).andExpect(jsonPath("$.length()").value(0));

        assertThat(jdbc.sql("SELECT count(*) FROM hub.audit_event WHERE patient_ref = :room"
                        + " AND resource = 'care-net document' AND action = 'CREATE' AND outcome = 'SUCCESS'")
                .param("room", "CareRoom/" + room.substring(room.lastIndexOf('/') + 1))
                .query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void theRoomIsExportedAsAPdfRecordForItsApplicantCaretakerAndTheSupportCentre() throws Exception {
        String room = openRoom();
        JsonNode sleep = body(send(nurse, post(room + "/posts"), Map.of("title", "夜間の様子",
                "body", "夜中に 2 回目が覚めたとのこと。",
                "entries", List.of(Map.of("category", "SLEEP", "values", Map.of("nightSleep", "5.5"))),
                "attachments", List.of(Map.of("fileName", "IMG_0001.jpg",
                        "content", Base64.getEncoder().encodeToString(Photos.jpegWithExif(64, 48))))))
                .andExpect(status().isCreated()));
        send(doctor, post(room + "/posts/" + sleep.get("id").asText() + "/comments"), Map.of("body", "眠剤は継続で様子見"))
                .andExpect(status().isCreated());

        byte[] pdf = mvc.perform(get(room + "/record").with(as(careManager)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(text(pdf)).contains("福島 一郎 さんの部屋の記録", "佐藤 ケアマネ", "鈴木 医師", "高橋 看護師",
                "ひまわり訪問看護ステーション", "夜間の様子", "夜中に 2 回目が覚めたとのこと。", "夜間睡眠 5.5 時間",
                "IMG_0001.jpg", "眠剤は継続で様子見", "開設中");
        assertThat(text(mvc.perform(get(room + "/record").with(as(supportCentre))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray())).contains("夜間の様子");
        // other members may not; outsiders get the answer of an absent room
        mvc.perform(get(room + "/record").with(as(nurse))).andExpect(status().isForbidden());
        String hidden = mvc.perform(get(room + "/record").with(as(outsider))).andExpect(status().isNotFound())
                .andReturn().getResponse().getContentAsString();
        String absent = mvc.perform(get("/api/care-net/rooms/" + UUID.randomUUID() + "/record").with(as(outsider)))
                .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
        assertThat(withoutIds(hidden)).isEqualTo(withoutIds(absent));
        assertThat(jdbc.sql("SELECT action || ' ' || outcome || ' ' || actor_id FROM hub.audit_event"
                        + " WHERE patient_ref = :room AND resource = 'care-net room record'")
                .param("room", "CareRoom/" + room.substring(room.lastIndexOf('/') + 1)).query(String.class).list())
                .contains("READ SUCCESS " + careManager.id(), "READ SUCCESS " + supportCentre.id(),
                        "READ DENIED " + nurse.id());
        // the outsider's attempt is refused (and audited) by the room's membership check
        assertThat(jdbc.sql("SELECT count(*) FROM hub.audit_event WHERE patient_ref = :room AND actor_id = :who"
                        + " AND outcome = 'DENIED'")
                .param("room", "CareRoom/" + room.substring(room.lastIndexOf('/') + 1)).param("who", outsider.id())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void eachFacilityListsTheInstitutionsItSharedInformationWith() throws Exception {
        String room = openRoom();
        JsonNode visit = body(send(nurse, post(room + "/posts"), Map.of("title", "訪問報告", "body", "変わりなし"))
                .andExpect(status().isCreated()));
        mvc.perform(get(room + "/posts/" + visit.get("id").asText()).with(as(doctor))).andExpect(status().isOk());
        // another room where only the other care office is active: not a partner of the clinic
        String other = openRoom(outsider, List.of());
        send(outsider, post(other + "/posts"), Map.of("title", "初回", "body", "よろしくお願いします"))
                .andExpect(status().isCreated());

        String today = LocalDate.now(ZoneId.of("Asia/Tokyo")).toString();
        mvc.perform(get("/api/care-net/partners").param("from", today).param("to", today).with(as(clinicAdmin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.partners.length()").value(1))
                .andExpect(jsonPath("$.partners[0].name").value(org.hamcrest.Matchers.startsWith("ひまわり訪問看護ステーション")))
                .andExpect(jsonPath("$.partners[0].kind").value("VISITING_NURSE_STATION"))
                .andExpect(jsonPath("$.partners[0].sharedRooms").value(1))
                .andExpect(jsonPath("$.partners[0].lastShared").value(today));
        // the care office only applied (no post, comment or read): not active, not listed
        byte[] csv = mvc.perform(get("/api/care-net/partners").param("from", today).param("to", today)
                        .param("format", "csv").with(as(stationAdmin)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(Arrays.copyOf(csv, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String clinicCode = facilities.find(clinic).orElseThrow().medicalInstitutionCode().value();
        List<String> lines = List.of(new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8).split("\r\n"));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("医療機関等の名称,種別,医療機関コード,情報を共有した利用者数,最後に共有した日");
        assertThat(lines.get(1)).startsWith("あおば在宅クリニック").endsWith(",診療所," + clinicCode + ",1," + today);
        // a period without activity is empty
        mvc.perform(get("/api/care-net/partners").param("from", "2020-04-01").param("to", "2020-09-30")
                        .with(as(clinicAdmin)))
                .andExpect(jsonPath("$.partners.length()").value(0));
        // for facility administrators only, with a valid period
        mvc.perform(get("/api/care-net/partners").param("from", today).param("to", today).with(as(doctor)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/care-net/partners").param("from", today).param("to", "2020-01-01").with(as(clinicAdmin)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors.to").exists());
        mvc.perform(get("/api/care-net/partners").param("to", today).with(as(clinicAdmin)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors.from").exists());
    }

    /** A care manager's room with the doctor, approved, with the nurse and a family member; returns its path. */
    private String openRoom() throws Exception {
        String room = openRoom(careManager, List.of(Map.of("personId", doctor.id(), "facilityId", clinic)));
        send(careManager, post(room + "/members"), Map.of("personId", nurse.id(), "facilityId", nurseStation))
                .andExpect(status().isCreated());
        send(careManager, post(room + "/members"), Map.of("personId", family.id())).andExpect(status().isCreated());
        return room;
    }

    private String openRoom(HubPrincipal applicant, List<Map<String, String>> members) throws Exception {
        JsonNode applied = body(send(applicant, post("/api/care-net/rooms"), Map.of(
                "patientName", "福島 一郎", "patientNameKana", "フクシマ イチロウ", "patientBirthDate", "1938-04-01",
                "members", members, "scannedForm", Base64.getEncoder().encodeToString(CONSENT_PDF)))
                .andExpect(status().isCreated()));
        String room = "/api/care-net/rooms/" + applied.get("id").asText();
        send(supportCentre, post(room + "/approve"), Map.of()).andExpect(status().isOk());
        return room;
    }

    private static String text(byte[] pdf) throws Exception {
        try (var document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    private static HubPrincipal withRoles(HubPrincipal person, HubRole... roles) {
        return new HubPrincipal(HubPrincipal.Kind.PERSON, person.id(), person.display(), person.actingFacilityId(),
                Set.of(roles));
    }

    private JsonNode body(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }

    private ResultActions send(HubPrincipal principal, MockHttpServletRequestBuilder request, Object body)
            throws Exception {
        return mvc.perform(request.with(as(principal)).contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsBytes(body)));
    }
}
