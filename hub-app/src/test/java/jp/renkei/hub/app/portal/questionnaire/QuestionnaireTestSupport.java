package jp.renkei.hub.app.portal.questionnaire;

import static jp.renkei.hub.app.portal.consent.DeskSupport.form;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.DemoGateways;
import jp.renkei.hub.app.support.FhirHttp;
import jp.renkei.hub.app.support.PortalBrowser;
import jp.renkei.hub.app.support.PortalBrowser.Page;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.patient.PatientEnrolment;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.context.ApplicationContext;

/** What the questionnaire tests share: a fresh hospital patient, a published questionnaire, an issued link. */
public final class QuestionnaireTestSupport {

    static final LocalDate BIRTH_DATE = LocalDate.of(1958, 4, 9);

    /** An issued link as the printed sheet shows it. */
    public record Issued(String token, String code, Page sheet) {
    }

    private QuestionnaireTestSupport() {
    }

    /** A new patient of the hospital (written by its gateway, with a birth date), enrolled: its event number. */
    public static EventNumber hospitalPatient(ApplicationContext context, int port, String localId) throws InterruptedException {
        FhirHttp hospital = DemoGateways.hospital(port);
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(JpCoreSystems.facilityPatientIdSystem(DemoFacility.HOSPITAL.code()))
                .setValue(localId);
        patient.addName().setFamily("問診").addGiven("花子");
        patient.setBirthDateElement(new DateType(BIRTH_DATE.toString()));
        FhirHttp.Response created = hospital.post("/fhir/Patient", patient);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String hospitalId = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        EventNumber number = context.getBean(PatientEnrolment.class).enrol(hospitalId, localId,
                new HubPrincipal(HubPrincipal.Kind.PERSON, "questionnaire-test", "試験", hospitalId,
                        java.util.Set.of(HubRole.CLERK))).eventNumber();
        Thread.sleep(500); // the event number reaches the hospital's Patient after the enrolment commits
        return number;
    }

    /**
     * Builds and publishes a questionnaire through the pages: q1 yes/no (required), q2 text asked only after "yes"
     * (required), q3 weight in kg (required), q4 single choice: its id.
     */
    public static UUID publishedQuestionnaire(PortalBrowser staff, String title) {
        Page list = staff.get("/portal/questionnaire");
        assertThat(list.status()).isEqualTo(200);
        Page created = staff.post("/portal/questionnaire", form("_csrf", list.csrfToken(), "title", title));
        assertThat(created.status()).as(created.body()).isEqualTo(302);
        String path = created.header("Location").orElseThrow().replaceAll("^https?://[^/]+", "");
        UUID id = UUID.fromString(path.substring(path.lastIndexOf('/') + 1));
        add(staff, path, "現在治療中の病気はありますか", "YES_NO", true, "", "", "");
        add(staff, path, "病名を教えてください", "TEXT", true, "", "", "q1");
        add(staff, path, "体重", "NUMBER", true, "", "kg", "");
        add(staff, path, "お酒を飲みますか", "SINGLE_CHOICE", false, "飲まない\nときどき\n毎日", "", "");
        Page builder = staff.get(path);
        Page published = staff.post(path + "/publish", form("_csrf", builder.csrfToken()));
        assertThat(published.status()).as(published.body()).isEqualTo(302);
        assertThat(staff.get(path).body()).contains("公開中", "患者さんに回答用リンクを発行する");
        return id;
    }

    public static void add(PortalBrowser staff, String path, String text, String type, boolean required, String options,
                    String unit, String shownWhen) {
        Page builder = staff.get(path);
        var fields = form("_csrf", builder.csrfToken(), "text", text, "type", type, "options", options, "unit", unit,
                "shownWhen", shownWhen);
        if (required) {
            fields.put("required", "on");
        }
        Page added = staff.post(path + "/items", fields);
        assertThat(added.status()).as(added.body()).isEqualTo(302);
    }

    public static Page issue(PortalBrowser staff, UUID formId, String patient, LocalDate visitDate) {
        String path = "/portal/questionnaire/forms/" + formId;
        return staff.post(path + "/links", form("_csrf", staff.get(path).csrfToken(), "patient", patient,
                "visitDate", visitDate.toString()));
    }

    public static Issued issued(Page sheet) {
        assertThat(sheet.status()).as(sheet.body()).isEqualTo(200);
        Matcher link = Pattern.compile("id=\"answer-link\" href=\"[^\"]*/portal/q/([A-Za-z0-9_-]{43})\"").matcher(sheet.body());
        Matcher code = Pattern.compile("id=\"short-code\" class=\"q-code\">([A-Z0-9]{4}-[A-Z0-9]{4})<").matcher(sheet.body());
        assertThat(link.find()).as(sheet.body()).isTrue();
        assertThat(code.find()).as(sheet.body()).isTrue();
        assertThat(sheet.body()).contains("<svg", "class=\"qr-code\"");
        return new Issued(link.group(1), code.group(1), sheet);
    }

    public static LocalDate today() {
        return LocalDate.now(java.time.ZoneId.of("Asia/Tokyo"));
    }
}
