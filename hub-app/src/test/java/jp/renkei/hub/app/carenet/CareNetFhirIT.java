package jp.renkei.hub.app.carenet;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.PortalBrowser;
import jp.renkei.hub.app.support.PortalBrowser.Page;
import jp.renkei.hub.app.support.RawHubHttp;
import jp.renkei.hub.app.support.RawHubHttp.Exchange;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.auth.TotpCodes;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.patient.FacilityPatientId;
import jp.renkei.hub.core.patient.PatientCrossReference;
import jp.renkei.hub.core.person.Membership;
import jp.renkei.hub.core.person.PersonStore;
import jp.renkei.hub.core.person.Profession;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Care-net's read-only FHIR view ({@code /care-net/fhir}) in the whole hub over HTTPS with real sessions, and the
 * vital-sign charts in the room and on the patient page: a hospital doctor's room linked to their patient, a
 * visiting nurse posting vital signs (one post shared with family, one not, with a photo), a comment and a
 * direct message; then what the FHIR view answers a member, a family member, a non-member, a member acting for
 * another facility and a facility system — hidden and absent alike.
 */
@HubIntegrationTest
class CareNetFhirIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String FHIR_BASE = "/care-net/fhir";

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    record Member(String id, RawHubHttp http, TestPeople.Person person) {
    }

    @Test
    void theFhirViewAndTheVitalChartsShowARoomToItsMembersOnly() throws Exception {
        FacilityRegistry registry = context.getBean(FacilityRegistry.class);
        String hospital = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        String nurseStation = activeFacility(registry, FacilityKind.VISITING_NURSE_STATION, "FHIR試験訪問看護ステーション");
        String careOffice = activeFacility(registry, FacilityKind.CARE_MANAGEMENT_OFFICE, "FHIR試験居宅介護支援事業所");
        String elsewhere = activeFacility(registry, FacilityKind.VISITING_NURSE_STATION, "FHIR試験よその訪問看護");
        String operator = registry.list(null, FacilityKind.HUB_OPERATOR, null).get(0).id();
        Member doctor = member(hospital, Profession.DOCTOR);
        Member nurse = member(nurseStation, Profession.VISITING_NURSE);
        Member family = member(careOffice, Profession.FAMILY_MEMBER);
        Member supportCentre = member(operator, Profession.HUB_ADMIN);
        Member outsider = member(TestPeople.demoFacilityId(context, DemoFacility.CLINIC), Profession.DOCTOR);
        Member otherDoctor = member(hospital, Profession.DOCTOR);
        // the nurse also works for another station, and signs in for it there
        context.getBean(PersonStore.class).addMembership(new Membership(nurse.id(), elsewhere, false), "care-net-fhir-it");
        RawHubHttp nurseElsewhere = session(nurse.person(), elsewhere, Instant.now().plusSeconds(30));

        EventNumber patient = context.getBean(PatientCrossReference.class)
                .eventNumberOf(new FacilityPatientId(hospital, "N000001")).orElseThrow();
        Exchange applied = api(doctor, "POST", "/api/care-net/rooms", Map.of("patientName", "福島 一郎",
                "eventNumber", patient.formatted(),
                "members", List.of(Map.of("personId", nurse.id(), "facilityId", nurseStation)),
                "scannedForm", Base64.getEncoder().encodeToString(jpeg(false))));
        assertThat(applied.status()).as(applied.brief()).isEqualTo(201);
        String roomId = JSON.readTree(applied.body()).get("id").asText();
        String room = "/api/care-net/rooms/" + roomId;
        assertThat(api(supportCentre, "POST", room + "/approve", Map.of()).status()).isEqualTo(200);
        assertThat(api(doctor, "POST", room + "/members", Map.of("personId", family.id())).status()).isEqualTo(201);

        JsonNode staffOnly = post(nurse, room, Map.of("title", "訪問時のバイタル", "body", "微熱あり。",
                "entries", List.of(Map.of("category", "VITALS", "values", Map.of("temperature", "37.4",
                        "systolic", "132", "diastolic", "84", "pulse", "78", "spo2", "96", "weight", "48.5"))),
                "attachments", List.of(Map.of("fileName", "創部.jpg",
                        "content", Base64.getEncoder().encodeToString(jpeg(true))))));
        JsonNode shared = post(nurse, room, Map.of("title", "今日のご様子", "body", "熱は下がりました。",
                "sharedWithFamily", true, "entries", List.of(Map.of("category", "VITALS",
                        "values", Map.of("temperature", "36.8")))));
        String staffPost = staffOnly.get("id").asText();
        String sharedPost = shared.get("id").asText();
        String photo = staffOnly.at("/attachments/0/id").asText();
        assertThat(api(doctor, "POST", room + "/posts/" + staffPost + "/comments", Map.of("body", "解熱剤を検討します"))
                .status()).isEqualTo(201);
        assertThat(api(doctor, "POST", room + "/posts/" + sharedPost + "/comments", Map.of("body", "安心しました"))
                .status()).isEqualTo(201);
        assertThat(api(doctor, "POST", room + "/conversations", Map.of("subject", "処方の相談",
                "memberIds", List.of(nurse.id()), "body", "明日お電話します")).status()).isEqualTo(201);

        // the CapabilityStatement offers exactly the read-only surface
        CapabilityStatement capabilities = resource(fhir(doctor.http(), "/metadata"), CapabilityStatement.class);
        Map<String, Set<String>> offered = new LinkedHashMap<>();
        capabilities.getRestFirstRep().getResource().forEach(r -> offered.put(r.getType(), r.getInteraction().stream()
                .map(i -> i.getCode().toCode()).collect(Collectors.toSet())));
        assertThat(offered).containsOnlyKeys("Binary", "CareTeam", "Communication", "DocumentReference", "Observation");
        assertThat(offered.values()).allSatisfy(i -> assertThat(Set.of("read", "search-type")).containsAll(i));
        assertThat(capabilities.getRestFirstRep().getResource().stream().filter(r -> r.getType().equals("Communication"))
                .flatMap(r -> r.getSearchParam().stream()).map(p -> p.getName()))
                .contains("care-net-room", "part-of");
        // and docs/security.md 6.4 lists every type and search parameter it offers
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/security.md"));
        String surface = doc.substring(doc.indexOf("### 6.4 Care-net's FHIR view"), doc.indexOf("## 7. Audit trail"));
        capabilities.getRestFirstRep().getResource().forEach(r -> {
            assertThat(surface).contains("| " + r.getType() + " (");
            r.getSearchParam().forEach(p -> assertThat(surface).contains("`" + p.getName() + "`"));
        });

        // a member: the care team with roles, every post, comment and their own direct message
        CareTeam team = resource(fhir(doctor.http(), "/CareTeam/" + roomId), CareTeam.class);
        assertThat(team.getParticipant()).hasSize(3);
        assertThat(team.getSubject().getIdentifier().getValue()).isEqualTo(patient.formatted());
        assertThat(team.getParticipant().stream().flatMap(p -> p.getRole().stream()).flatMap(r -> r.getCoding().stream())
                .map(c -> c.getCode())).contains("DOCTOR", "VISITING_NURSE", "FAMILY_MEMBER", "caretaker", "applicant", "family");
        assertThat(entries(fhir(doctor.http(), "/CareTeam"), CareTeam.class)).extracting(t -> t.getIdPart())
                .contains(roomId);
        List<Communication> all = entries(fhir(doctor.http(), "/Communication?care-net-room=" + roomId), Communication.class);
        assertThat(all).hasSize(5);
        assertThat(all.stream().map(c -> c.getCategoryFirstRep().getCodingFirstRep().getCode()))
                .containsExactlyInAnyOrder("post", "post", "comment", "comment", "direct-message");
        List<Communication> comments = entries(fhir(nurse.http(), "/Communication?part-of=Communication/" + staffPost),
                Communication.class);
        assertThat(comments).hasSize(1);
        assertThat(comments.get(0).getPartOfFirstRep().getReference()).isEqualTo("Communication/" + staffPost);
        Communication read = resource(fhir(nurse.http(), "/Communication/" + staffPost), Communication.class);
        assertThat(read.getTopic().getText()).isEqualTo("訪問時のバイタル");
        assertThat(read.getRecipientFirstRep().getReference()).isEqualTo("CareTeam/" + roomId);
        assertThat(read.getPayload().stream().filter(p -> p.getContent() instanceof org.hl7.fhir.r4.model.Reference)
                .map(p -> ((org.hl7.fhir.r4.model.Reference) p.getContent()).getReference()))
                .containsExactly("DocumentReference/" + photo);
        assertThat(read.getPayload().stream().filter(p -> p.getContent() instanceof org.hl7.fhir.r4.model.StringType)
                .map(p -> p.getContent().primitiveValue()))
                .containsExactly("微熱あり。", "バイタル: 体温 37.4 ℃、血圧（収縮期） 132 mmHg、血圧（拡張期） 84 mmHg、脈拍 78 回/分、"
                        + "SpO2 96 %、体重 48.5 kg");

        // vital signs as Observations: LOINC and UCUM, blood pressure as one with two components
        List<Observation> vitals = entries(fhir(nurse.http(), "/Observation?care-net-room=" + roomId), Observation.class);
        assertThat(vitals).hasSize(6);
        Observation pressure = resource(fhir(doctor.http(), "/Observation/" + staffPost + "-blood-pressure"),
                Observation.class);
        assertThat(pressure.getCode().getCodingFirstRep().getCode()).isEqualTo("85354-9");
        assertThat(pressure.getComponent()).extracting(c -> c.getCode().getCodingFirstRep().getCode() + "="
                + ((Quantity) c.getValue()).getValue().toPlainString() + " " + ((Quantity) c.getValue()).getCode())
                .containsExactly("8480-6=132 mm[Hg]", "8462-4=84 mm[Hg]");
        List<Observation> temperatures = entries(fhir(doctor.http(), "/Observation?care-net-room=" + roomId
                + "&code=http://loinc.org|8310-5"), Observation.class);
        assertThat(temperatures).extracting(o -> o.getValueQuantity().getValue().toPlainString() + " "
                + o.getValueQuantity().getCode()).containsExactly("37.4 Cel", "36.8 Cel");
        assertThat(temperatures.get(0).getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("vital-signs");

        // files: the DocumentReference and its bytes, EXIF stripped
        DocumentReference document = entries(fhir(doctor.http(), "/DocumentReference?care-net-room=" + roomId),
                DocumentReference.class).get(0);
        assertThat(document.getContentFirstRep().getAttachment().getUrl()).isEqualTo("Binary/" + photo);
        Binary bytes = resource(fhir(doctor.http(), "/Binary/" + photo), Binary.class);
        assertThat(bytes.getContentType()).isEqualTo("image/jpeg");
        assertThat(new String(bytes.getData(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("Exif");

        // family: only the shared post, its comment and its vital sign; nothing of the rest, answered as absent
        assertThat(entries(fhir(family.http(), "/Communication?care-net-room=" + roomId), Communication.class))
                .extracting(c -> c.getCategoryFirstRep().getCodingFirstRep().getCode()).containsExactlyInAnyOrder("post", "comment");
        assertThat(entries(fhir(family.http(), "/Observation?care-net-room=" + roomId), Observation.class)).hasSize(1);
        assertThat(entries(fhir(family.http(), "/DocumentReference?care-net-room=" + roomId), DocumentReference.class)).isEmpty();
        resource(fhir(family.http(), "/Communication/" + sharedPost), Communication.class);
        sameAsAbsent(family.http(), "/Communication/" + staffPost);
        sameAsAbsent(family.http(), "/Observation/" + staffPost + "-temperature");
        sameAsAbsent(family.http(), "/DocumentReference/" + photo);
        sameAsAbsent(family.http(), "/Binary/" + photo);
        assertThat(entries(fhir(family.http(), "/Communication?part-of=Communication/" + staffPost), Communication.class))
                .isEmpty();

        // a non-member and a member acting for another facility: the room is as absent as a made-up one
        for (RawHubHttp stranger : List.of(outsider.http(), nurseElsewhere)) {
            sameAsAbsent(stranger, "/CareTeam/" + roomId);
            sameAsAbsent(stranger, "/Communication/" + sharedPost);
            sameAsAbsent(stranger, "/Observation/" + sharedPost + "-temperature");
            sameAsAbsent(stranger, "/Binary/" + photo);
            for (String search : List.of("/Communication?care-net-room=", "/Observation?care-net-room=",
                    "/DocumentReference?care-net-room=", "/CareTeam?_id=")) {
                Exchange hidden = fhir(stranger, search + roomId);
                Exchange absent = fhir(stranger, search + UUID.randomUUID());
                assertThat(hidden.status()).isEqualTo(200).isEqualTo(absent.status());
                assertThat(bundleShape(hidden)).isEqualTo(bundleShape(absent)).isEqualTo("0 entries");
            }
            assertThat(entries(fhir(stranger, "/CareTeam"), CareTeam.class)).extracting(t -> t.getIdPart())
                    .doesNotContain(roomId);
        }
        // read-only; and never without a session
        Exchange write = doctor.http().post(FHIR_BASE + "/Communication", "{\"resourceType\":\"Communication\","
                + "\"status\":\"completed\"}");
        assertThat(write.status()).as(write.brief()).isIn(403, 405);
        assertThat(RawHubHttp.forPerson("anonymous", port, HubIntegrationTest.HOME, null)
                .get(FHIR_BASE + "/CareTeam/" + roomId).status()).isIn(401, 403);

        // the portal: the room's vital-sign section (htmx loads it into the room page; a link without script)
        PortalBrowser doctorBrowser = portal(doctor.person(), hospital, Instant.now().plusSeconds(30));
        Page roomPage = doctorBrowser.get("/portal/care-net/rooms/" + roomId);
        assertThat(roomPage.status()).isEqualTo(200);
        assertThat(roomPage.body()).contains("hx-get=\"/portal/care-net/rooms/" + roomId + "/vitals\"", "バイタルの推移を見る");
        Page section = doctorBrowser.get("/portal/care-net/rooms/" + roomId + "/vitals", "HX-Request", "true");
        assertThat(section.status()).isEqualTo(200);
        assertThat(section.body()).doesNotContain("<html").contains("id=\"carenet-vitals\"", "<svg", "体温の推移 (℃)",
                "血圧（収縮期）の推移 (mmHg)", "<td>132/84</td>", "<td>36.8</td>");
        Page fullPage = doctorBrowser.get("/portal/care-net/rooms/" + roomId + "/vitals");
        assertThat(fullPage.body()).contains("<html", "福島 一郎 さんのバイタルの推移", "<svg");
        PortalBrowser outsiderBrowser = portal(outsider.person(), TestPeople.demoFacilityId(context, DemoFacility.CLINIC),
                Instant.now().plusSeconds(30));
        Page hiddenVitals = outsiderBrowser.get("/portal/care-net/rooms/" + roomId + "/vitals");
        Page absentVitals = outsiderBrowser.get("/portal/care-net/rooms/" + UUID.randomUUID() + "/vitals");
        assertThat(hiddenVitals.status()).isEqualTo(404).isEqualTo(absentVitals.status());
        // the same page but for the form tokens and the requested room ID (the language form's way back)
        assertThat(normalised(hiddenVitals.body().replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "")))
                .isEqualTo(normalised(absentVitals.body().replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "")))
                .doesNotContain("36.8", "福島 一郎");

        // the patient page: the room's charts for the doctor who is a member, not for a colleague who is not
        Page patientPage = doctorBrowser.get("/portal/patients/" + patient.formatted());
        assertThat(patientPage.status()).isEqualTo(200);
        assertThat(patientPage.body()).contains("在宅ケアのバイタル（ケアネット）", "体温の推移 (℃)", "<td>132/84</td>",
                "/portal/care-net/rooms/" + roomId);
        PortalBrowser colleague = portal(otherDoctor.person(), hospital, Instant.now().plusSeconds(30));
        Page notMember = colleague.get("/portal/patients/" + patient.formatted());
        assertThat(notMember.status()).isEqualTo(200);
        assertThat(notMember.body()).doesNotContain("在宅ケアのバイタル", "132/84", roomId);

        // inviting a family member from the room: the form, the domain's Japanese refusals, and nothing written
        // when the mail cannot go out (this hub has no SMTP server; FamilyAndCaretakerTest sends through one)
        String familyPath = "/portal/care-net/rooms/" + roomId + "/family";
        Page inviteForm = doctorBrowser.get(familyPath);
        assertThat(inviteForm.status()).isEqualTo(200);
        assertThat(inviteForm.body()).contains("福島 一郎 さんの部屋にご家族を招待する", "<label for=\"email\"",
                "<label for=\"displayName\"");
        assertThat(roomPage.body()).contains("href=\"" + familyPath + "\"");
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("_csrf", inviteForm.csrfToken());
        typed.put("displayName", "福島 花子");
        typed.put("email", "hanako.example.jp");
        Page malformed = doctorBrowser.post(familyPath, typed);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body()).contains("メールアドレスを正しく入力してください", "value=\"hanako.example.jp\"");
        String address = "hanako" + System.nanoTime() + "@example.jp";
        typed.put("_csrf", malformed.csrfToken());
        typed.put("email", address);
        Page noMail = doctorBrowser.post(familyPath, typed);
        assertThat(noMail.status()).isEqualTo(503);
        assertThat(noMail.body()).contains("メールの送信が設定されていないため、招待できません");
        assertThat(jdbc.sql("SELECT count(*) FROM hub.person WHERE email = :e").param("e", address)
                .query(Integer.class).single()).isZero();
        assertThat(outsiderBrowser.get(familyPath).status()).isEqualTo(404);

        // a removed member: the REST API tells her why (403), the FHIR view keeps its one rule, as absent
        assertThat(api(doctor, "DELETE", room + "/members/" + family.id(), null).status()).isEqualTo(200);
        assertThat(api(family, "GET", room + "/posts", null).status()).isEqualTo(403);
        sameAsAbsent(family.http(), "/CareTeam/" + roomId);
        sameAsAbsent(family.http(), "/Communication/" + sharedPost);
        for (String search : List.of("/Communication?care-net-room=", "/Observation?care-net-room=")) {
            Exchange hidden = fhir(family.http(), search + roomId);
            assertThat(bundleShape(hidden)).isEqualTo(bundleShape(fhir(family.http(), search + UUID.randomUUID())))
                    .isEqualTo("0 entries");
        }

        List<String> audited = jdbc.sql("SELECT action || ' ' || outcome || ' ' || resource FROM hub.audit_event"
                + " WHERE patient_ref = :room").param("room", "CareRoom/" + roomId).query(String.class).list();
        assertThat(audited).contains("READ SUCCESS care-net fhir CareTeam", "SEARCH SUCCESS care-net fhir Communication",
                "SEARCH SUCCESS care-net fhir Observation", "READ SUCCESS care-net fhir Binary",
                "READ DENIED care-net room", "SEARCH DENIED care-net room", "READ DENIED care-net fhir",
                "READ SUCCESS care-net vital signs");
    }

    private void sameAsAbsent(RawHubHttp http, String path) {
        Exchange hidden = fhir(http, path);
        String absentPath = path.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
                UUID.randomUUID().toString());
        Exchange absent = fhir(http, absentPath);
        assertThat(hidden.status()).as(hidden.brief()).isEqualTo(404).isEqualTo(absent.status());
        assertThat(normalised(hidden.body())).isEqualTo(normalised(absent.body()));
        assertThat(hidden.header("Content-Type")).isEqualTo(absent.header("Content-Type"));
    }

    private static String normalised(String body) {
        return body.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>");
    }

    /** A Bundle without its own ID, timestamp and self link (which name the query). */
    private static String bundleShape(Exchange exchange) {
        Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, exchange.body());
        return bundle.getEntry().size() + " entries";
    }

    private Exchange fhir(RawHubHttp http, String path) {
        return http.get(FHIR_BASE + path);
    }

    private static <T extends IBaseResource> T resource(Exchange exchange, Class<T> type) {
        assertThat(exchange.status()).as(exchange.brief()).isEqualTo(200);
        return FHIR.newJsonParser().parseResource(type, exchange.body());
    }

    private static <T extends IBaseResource> List<T> entries(Exchange exchange, Class<T> type) {
        return resource(exchange, Bundle.class).getEntry().stream().map(e -> type.cast(e.getResource())).toList();
    }

    private JsonNode post(Member author, String room, Map<String, Object> body) throws Exception {
        Exchange posted = api(author, "POST", room + "/posts", body);
        assertThat(posted.status()).as(posted.brief()).isEqualTo(201);
        return JSON.readTree(posted.body());
    }

    private Exchange api(Member member, String method, String path, Object body) {
        return CareNetHub.api(member.http(), method, path, body);
    }

    private Member member(String facilityId, Profession profession) {
        TestPeople.Person person = TestPeople.person(context, facilityId, profession, false,
                profession.requiresTwoFactor());
        return new Member(person.id(), session(person, facilityId, Instant.now()), person);
    }

    private RawHubHttp session(TestPeople.Person person, String facilityId, Instant at) {
        return CareNetHub.session(context, port, person, facilityId, at);
    }

    /** Logged in through the portal (password, then the TOTP code of {@code at}'s step: the API used the first). */
    private PortalBrowser portal(TestPeople.Person person, String facilityId, Instant at) {
        PortalBrowser browser = PortalBrowser.forHub(port, HubIntegrationTest.HOME);
        Page login = browser.get("/portal/login");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", login.csrfToken());
        form.put("login", person.login());
        form.put("password", TestPeople.PASSWORD);
        Page next = browser.post("/portal/login", form);
        if (next.status() == 200 && next.body().contains("name=\"totp\"")) {
            Map<String, String> totp = new LinkedHashMap<>();
            totp.put("_csrf", next.csrfToken());
            totp.put("pendingKey", next.field("pendingKey"));
            totp.put("totp", context.getBean(TotpCodes.class).codeAt(person.totpSecret(), at));
            next = browser.post("/portal/login/totp", totp);
        }
        if (next.status() == 200 && next.body().contains("name=\"facilityId\"")) {
            Map<String, String> facility = new LinkedHashMap<>();
            facility.put("_csrf", next.csrfToken());
            facility.put("pendingKey", next.field("pendingKey"));
            facility.put("facilityId", facilityId);
            next = browser.post("/portal/login/facility", facility);
        }
        assertThat(next.status()).as(next.body()).isEqualTo(302);
        return browser;
    }

    private static String activeFacility(FacilityRegistry registry, FacilityKind kind, String name) {
        return CareNetHub.activeFacility(registry, kind, name);
    }

    /** A JPEG; with {@code exif}, with an APP1 Exif segment as a phone writes it. */
    private static byte[] jpeg(boolean exif) throws Exception {
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.PINK);
        g.fillRect(0, 0, 320, 240);
        g.dispose();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", plain);
        byte[] bytes = plain.toByteArray();
        if (!exif) {
            return bytes;
        }
        byte[] payload = "Exif\0\0MM\0*\0\0\0\bGPS 37.76N 140.47E\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, 2);
        out.write(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) ((payload.length + 2) >> 8), (byte) (payload.length + 2)});
        out.write(payload);
        out.write(bytes, 2, bytes.length - 2);
        return out.toByteArray();
    }
}
