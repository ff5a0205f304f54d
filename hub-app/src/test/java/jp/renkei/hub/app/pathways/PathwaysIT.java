package jp.renkei.hub.app.pathways;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.renkei.hub.app.demo.DemoDirectory;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.PortalBrowser;
import jp.renkei.hub.app.support.PortalBrowser.Page;
import jp.renkei.hub.app.support.RawHubHttp;
import jp.renkei.hub.app.support.RawHubHttp.Exchange;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.auth.TotpCodes;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.person.Profession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Liaison pathways in the whole hub over HTTPS: the demo hospital starts a stroke pathway and names the demo clinic
 * and the visiting-nurse station for the maintenance stage; the clinic records its sheet (an unknown item and a
 * wrong type are refused and store nothing) and marks the stage done; the hospital sees the stage's progress, values
 * and trend; a facility that takes no part gets exactly the 404 of an absent pathway; the clinic cannot record
 * another facility's stage; a patient whose consent does not cover the clinic gets no pathway. The same over the
 * portal's plain forms.
 */
@HubIntegrationTest
class PathwaysIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theHospitalSeesTheStageTheClinicRecordedAndOutsidersSeeNothing() throws Exception {
        String hospital = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        String clinic = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
        String pharmacy = TestPeople.demoFacilityId(context, DemoFacility.PHARMACY);
        String station = nurseStation();
        RawHubHttp doctor = session(hospital, Profession.DOCTOR);
        RawHubHttp clinicDoctor = session(clinic, Profession.DOCTOR);
        RawHubHttp nurse = session(station, Profession.VISITING_NURSE);
        RawHubHttp pharmacist = session(pharmacy, Profession.PHARMACIST);

        // the demo loader's pathway is there for the hospital
        JsonNode hospitalList = JSON.readTree(api(doctor, "GET", "/api/pathways", null).body());
        assertThat(hospitalList.findValuesAsText("eventNumber")).contains(formatted(eventNumber(hospital, "N000001")));

        Map<String, Object> start = Map.of("template", "stroke", "eventNumber", eventNumber(hospital, "N000002"),
                "participants", Map.of("acute", List.of(hospital), "recovery", List.of(hospital),
                        "maintenance", List.of(clinic, station)));
        // a patient who has not consented: the clinic cannot be named, nothing is stored
        String noConsent = eventNumber(hospital, "N000004");
        Exchange refused = api(doctor, "POST", "/api/pathways", with(start, "eventNumber", noConsent));
        assertThat(refused.status()).as(refused.brief()).isEqualTo(400);
        assertThat(refused.header("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(JSON.readTree(refused.body()).path("errors").path("participants.maintenance").asText())
                .contains("consent");
        assertThat(jdbc.sql("SELECT count(*) FROM hub.pathway WHERE event_number = :n").param("n", noConsent)
                .query(Long.class).single()).isZero();
        Exchange wrongKind = api(doctor, "POST", "/api/pathways", with(start, "participants", Map.of(
                "acute", List.of(pharmacy), "recovery", List.of(hospital), "maintenance", List.of(clinic))));
        assertThat(wrongKind.status()).isEqualTo(400);
        assertThat(JSON.readTree(wrongKind.body()).path("errors").path("participants.acute").asText())
                .contains("cannot take 急性期");
        assertThat(api(doctor, "POST", "/api/pathways", with(start, "template", "asthma")).body())
                .contains("'asthma' is not a pathway template");
        assertThat(api(clinicDoctor, "POST", "/api/pathways", start).status()).isEqualTo(403);

        Exchange started = api(doctor, "POST", "/api/pathways", start);
        assertThat(started.status()).as(started.brief()).isEqualTo(201);
        String id = JSON.readTree(started.body()).path("id").asText();
        String path = "/api/pathways/" + id;

        // the clinic finds it among its pathways; the pharmacy does not, and gets what an absent pathway gets
        assertThat(JSON.readTree(api(clinicDoctor, "GET", "/api/pathways", null).body()).findValuesAsText("id"))
                .contains(id);
        assertThat(JSON.readTree(api(pharmacist, "GET", "/api/pathways", null).body()).findValuesAsText("id"))
                .doesNotContain(id);
        String absent = "/api/pathways/" + UUID.randomUUID();
        for (String suffix : List.of("", "/progress", "/fhir", "/trend/barthel")) {
            Exchange foreign = pharmacist.send("GET", path + suffix, null, null, "Accept", "*/*");
            Exchange missing = pharmacist.send("GET", absent + suffix, null, null, "Accept", "*/*");
            assertThat(foreign.status()).isEqualTo(404);
            assertThat(foreign.body()).isEqualTo(missing.body().replace(absent, path));
            assertThat(foreign.header("Content-Type")).isEqualTo(missing.header("Content-Type"));
        }
        Map<String, Object> sheet = Map.of("sheet", "maintenance-doctor", "answers",
                Map.of("mrs", 2, "barthel", 85, "sbp", 132, "recurrence", false, "note", "杖歩行で外来通院"));
        Exchange foreignRecord = api(pharmacist, "POST", path + "/stages/maintenance/records", sheet);
        assertThat(foreignRecord.status()).isEqualTo(404);
        assertThat(foreignRecord.body()).isEqualTo(api(pharmacist, "POST", absent + "/stages/maintenance/records",
                sheet).body().replace(absent, path));

        // the clinic records only its own stage, with its profession's sheet
        Exchange othersStage = api(clinicDoctor, "POST", path + "/stages/acute/records", with(sheet, "sheet",
                "acute-doctor"));
        assertThat(othersStage.status()).as(othersStage.brief()).isEqualTo(403);
        assertThat(othersStage.body()).contains("not named for stage acute");
        assertThat(api(clinicDoctor, "POST", path + "/stages/maintenance/records", with(sheet, "sheet",
                "maintenance-nurse")).status()).isEqualTo(403);

        // an unknown item, a wrong type: refused with the field, nothing stored
        Map<String, Object> unknown = new LinkedHashMap<>(Map.of("mrs", 2, "barthel", 85, "recurrence", false));
        unknown.put("gait-speed", 1.1);
        Exchange unknownItem = api(clinicDoctor, "POST", path + "/stages/maintenance/records",
                Map.of("sheet", "maintenance-doctor", "answers", unknown));
        assertThat(unknownItem.status()).isEqualTo(400);
        assertThat(JSON.readTree(unknownItem.body()).path("errors").path("answers.gait-speed").asText())
                .isEqualTo("is not an item of sheet maintenance-doctor");
        Exchange wrongType = api(clinicDoctor, "POST", path + "/stages/maintenance/records",
                Map.of("sheet", "maintenance-doctor", "answers", Map.of("mrs", 2, "barthel", "eighty",
                        "recurrence", "no")));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(JSON.readTree(wrongType.body()).path("errors").path("answers.barthel").asText())
                .isEqualTo("'eighty' is not a whole number");
        assertThat(JSON.readTree(wrongType.body()).path("errors").path("answers.recurrence").asText())
                .isEqualTo("'no' is not true or false");
        assertThat(records(id)).isZero();

        Exchange recorded = api(clinicDoctor, "POST", path + "/stages/maintenance/records", sheet);
        assertThat(recorded.status()).as(recorded.brief()).isEqualTo(201);
        assertThat(api(nurse, "POST", path + "/stages/maintenance/records", Map.of("sheet", "maintenance-nurse",
                "answers", Map.of("barthel", 80, "pressure-ulcer", "d0", "falls", 0))).status()).isEqualTo(201);
        assertThat(records(id)).isEqualTo(2);
        Exchange goalsMissing = api(clinicDoctor, "POST", path + "/stages/maintenance/completion",
                Map.of("goals", Map.of("maintenance-adl", true)));
        assertThat(goalsMissing.status()).isEqualTo(400);
        assertThat(goalsMissing.body()).contains("goals.maintenance-recurrence");
        Exchange done = api(clinicDoctor, "POST", path + "/stages/maintenance/completion", Map.of("goals",
                Map.of("maintenance-adl", true, "maintenance-recurrence", false), "note", "血圧の管理を継続"));
        assertThat(done.status()).as(done.brief()).isEqualTo(200);
        assertThat(api(nurse, "POST", path + "/stages/maintenance/records", Map.of("sheet", "maintenance-nurse",
                "answers", Map.of("barthel", 80))).status()).isEqualTo(409);

        // the hospital sees the stage's progress and values, who recorded them, and the trend
        JsonNode seen = JSON.readTree(api(doctor, "GET", path, null).body());
        JsonNode maintenance = seen.path("stages").get(2);
        assertThat(maintenance.path("code").asText()).isEqualTo("maintenance");
        assertThat(maintenance.path("status").asText()).isEqualTo("DONE");
        assertThat(maintenance.path("completion").path("facilityId").asText()).isEqualTo(clinic);
        assertThat(maintenance.path("completion").path("goals").path("maintenance-recurrence").asBoolean()).isFalse();
        JsonNode clinicRecord = maintenance.path("records").get(0);
        assertThat(clinicRecord.path("facilityId").asText()).isEqualTo(clinic);
        assertThat(clinicRecord.path("answers").path("barthel").asInt()).isEqualTo(85);
        assertThat(clinicRecord.path("answers").path("recurrence").asBoolean()).isFalse();
        assertThat(clinicRecord.path("recordedAt").asText()).isNotEmpty();
        assertThat(seen.path("stages").get(0).path("status").asText()).isEqualTo("NOT_STARTED");
        Exchange progress = doctor.send("GET", path + "/progress", null, null, "Accept", "image/svg+xml");
        assertThat(progress.status()).isEqualTo(200);
        assertThat(progress.body()).contains("急性期 未開始、回復期 未開始、維持期・在宅 完了")
                .contains("data-stage=\"maintenance\"");
        Exchange trend = doctor.send("GET", path + "/trend/barthel", null, null, "Accept", "image/svg+xml");
        assertThat(trend.body()).contains(">85<", ">80<", ">維持期・在宅<");
        Exchange fhir = doctor.send("GET", path + "/fhir", null, null, "Accept", "application/fhir+json");
        JsonNode bundle = JSON.readTree(fhir.body());
        assertThat(bundle.path("entry").get(0).path("resource").path("resourceType").asText()).isEqualTo("CarePlan");
        assertThat(bundle.path("entry").get(0).path("resource").path("activity").get(2).path("detail")
                .path("status").asText()).isEqualTo("completed");
        assertThat(bundle.findValuesAsText("resourceType")).contains("QuestionnaireResponse", "Goal", "CareTeam");

        List<String> audited = jdbc.sql("SELECT action || ' ' || outcome || ' ' || facility_id FROM hub.audit_event"
                + " WHERE resource = :p").param("p", "Pathway/" + id).query(String.class).list();
        assertThat(audited).contains("CREATE SUCCESS " + hospital, "UPDATE SUCCESS " + clinic,
                "UPDATE SUCCESS " + station, "READ SUCCESS " + hospital, "READ DENIED " + pharmacy,
                "UPDATE DENIED " + clinic);
    }

    @Test
    void theClinicRecordsItsStageInThePortalAndTheHospitalSeesIt() throws Exception {
        String hospital = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        String clinic = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
        PortalBrowser hospitalDoctor = portal(hospital, Profession.DOCTOR);
        Page form = hospitalDoctor.get("/portal/pathways/new?template=stroke");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("急性期", "維持期・在宅", "あいづ内科クリニック");
        Map<String, String> fields = new LinkedHashMap<>(Map.of("_csrf", form.csrfToken(), "template", "stroke",
                "eventNumber", eventNumber(hospital, "N000003"), "p.acute", hospital, "p.recovery", hospital));
        Page missingStage = hospitalDoctor.post("/portal/pathways", fields);
        assertThat(missingStage.status()).isEqualTo(400);
        assertThat(missingStage.body()).contains("この段階を担当する施設を1つ以上選んでください。");
        fields.put("_csrf", missingStage.csrfToken());
        fields.put("p.maintenance", clinic);
        Page started = hospitalDoctor.post("/portal/pathways", fields);
        assertThat(started.status()).as(started.body()).isEqualTo(302);
        String view = started.header("Location").orElseThrow().replaceFirst("^https://[^/]+", "");
        String id = view.substring(view.lastIndexOf('/') + 1);

        PortalBrowser clinicDoctor = portal(clinic, Profession.DOCTOR);
        assertThat(clinicDoctor.get("/portal/pathways").body()).contains(view);
        Page pathway = clinicDoctor.get(view);
        assertThat(pathway.body()).contains("維持期 かかりつけ医評価を記録する").doesNotContain("急性期 医師評価を記録する");
        String sheetPath = view + "/stages/maintenance/sheets/maintenance-doctor";
        Page sheet = clinicDoctor.get(sheetPath);
        assertThat(sheet.body()).contains("modified Rankin Scale (mRS)", "name=\"a.barthel\"");
        Page unknown = clinicDoctor.post(sheetPath, Map.of("_csrf", sheet.csrfToken(), "a.mrs", "2",
                "a.barthel", "85", "a.recurrence", "false", "a.hba1c", "7.0"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("この評価票にない項目が送られました。何も保存していません。");
        Page outOfRange = clinicDoctor.post(sheetPath, Map.of("_csrf", unknown.csrfToken(), "a.mrs", "9",
                "a.barthel", "85", "a.recurrence", "false"));
        assertThat(outOfRange.status()).isEqualTo(400);
        assertThat(outOfRange.body()).contains("0 から 6 までの整数を入力してください。");
        assertThat(records(id)).isZero();
        Page recorded = clinicDoctor.post(sheetPath, Map.of("_csrf", outOfRange.csrfToken(), "a.mrs", "2",
                "a.barthel", "85", "a.recurrence", "false", "a.note", "外来で経過良好"));
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(302);

        Page seen = hospitalDoctor.get(view);
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.body()).contains("維持期 かかりつけ医評価", "85 点", "外来で経過良好", "あいづ内科クリニック",
                "維持期・在宅 記録中", "<svg", "Barthel Index (点)");
        PortalBrowser pharmacist = portal(TestPeople.demoFacilityId(context, DemoFacility.PHARMACY),
                Profession.PHARMACIST);
        Page foreign = pharmacist.get(view);
        String absentPath = "/portal/pathways/" + UUID.randomUUID();
        Page absent = pharmacist.get(absentPath);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(absent.status()).isEqualTo(404);
        // the pages differ only by the path the language switch returns to and the per-response CSRF token mask
        assertThat(withoutToken(foreign.body())).isEqualTo(withoutToken(absent.body().replace(absentPath, view)));
    }

    private static String withoutToken(String page) {
        return page.replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "name=\"_csrf\"");
    }

    private long records(String pathwayId) {
        return jdbc.sql("SELECT count(*) FROM hub.pathway_record WHERE pathway_id = CAST(:p AS uuid)")
                .param("p", pathwayId).query(Long.class).single();
    }

    private String nurseStation() {
        return context.getBean(FacilityRegistry.class).list(null, null, null).stream()
                .filter(f -> f.details().name().equals(DemoDirectory.NURSE_STATION.name())).findFirst().orElseThrow()
                .id();
    }

    private String eventNumber(String facilityId, String localId) {
        return jdbc.sql("SELECT event_number FROM hub.patient_link WHERE facility_id = CAST(:f AS uuid)"
                        + " AND local_patient_id = :l AND status = 'LINKED'")
                .param("f", facilityId).param("l", localId).query(String.class).single();
    }

    private static String formatted(String digits) {
        return jp.renkei.hub.core.patient.EventNumber.parse(digits).formatted();
    }

    private RawHubHttp session(String facilityId, Profession profession) {
        return RawHubHttp.forPerson(profession.name(), port, HubIntegrationTest.HOME,
                TestPeople.loggedIn(context, facilityId, profession, false));
    }

    /** A browser signed in to the portal as a new person of the facility (password and TOTP). */
    private PortalBrowser portal(String facilityId, Profession profession) {
        TestPeople.Person person = TestPeople.person(context, facilityId, profession, false, true);
        PortalBrowser browser = PortalBrowser.forHub(port, HubIntegrationTest.HOME);
        Page page = browser.get("/portal/login");
        Page totp = browser.post("/portal/login", Map.of("_csrf", page.csrfToken(), "login", person.login(),
                "password", TestPeople.PASSWORD));
        Page done = browser.post("/portal/login/totp", Map.of("_csrf", totp.csrfToken(), "pendingKey",
                totp.field("pendingKey"), "totp", context.getBean(TotpCodes.class).codeAt(person.totpSecret(),
                        Instant.now())));
        assertThat(done.status()).as(done.body()).isEqualTo(302);
        return browser;
    }

    private static Exchange api(RawHubHttp http, String method, String path, Object body) {
        try {
            return http.send(method, path, body == null ? null : "application/json",
                    body == null ? null : JSON.writeValueAsString(body), "Accept", "application/json");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Map<String, Object> with(Map<String, Object> map, String key, Object value) {
        Map<String, Object> copy = new java.util.HashMap<>(map);
        copy.put(key, value);
        return copy;
    }
}
