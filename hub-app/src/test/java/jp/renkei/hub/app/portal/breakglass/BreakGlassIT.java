package jp.renkei.hub.app.portal.breakglass;

import static jp.renkei.hub.app.portal.consent.DeskSupport.form;
import static jp.renkei.hub.app.portal.consent.DeskSupport.main;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.portal.consent.DeskSupport;
import jp.renkei.hub.app.support.PortalBrowser;
import jp.renkei.hub.app.support.PortalBrowser.Page;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.consent.breakglass.BreakGlass;
import jp.renkei.hub.consent.breakglass.BreakGlassAccess;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.app.support.HubIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Break-glass in the portal over real HTTPS: refused without a reason and for anyone but a doctor; with a reason,
 * the clinic's doctor sees the hospital's clinical data of an unconsented patient under a banner that says when
 * it ends; the facility reviews its emergencies, the patient's facility sees the notice; an expired emergency
 * opens nothing and shows no banner.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BreakGlassIT {

    private static final String HOSPITAL = DemoFacility.HOSPITAL.name();
    private static final String CLINIC = DemoFacility.CLINIC.name();

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    BreakGlass breakGlass;

    private String clinicId;
    private String hospitalId;
    private DeskSupport desk;

    @BeforeAll
    void facilities() {
        clinicId = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
        hospitalId = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        desk = new DeskSupport(context, port);
    }

    @Test
    void aDoctorOpensEmergencyAccessWithAReasonAndSeesTheDataUnderABannerThatSaysWhenItEnds() throws Exception {
        String local = DeskSupport.newLocalId("P-BG");
        EventNumber number = desk.hospitalPatientWithDiagnosis(local, "緊急試験症");
        String patientPath = "/portal/patients/" + number.formatted();
        PortalBrowser doctor = desk.loggedIn(clinicId, Profession.DOCTOR);
        Page before = doctor.get(patientPath);
        assertThat(before.status()).isEqualTo(403);
        assertThat(before.body()).doesNotContain("緊急試験症", "breakglass-banner");

        Page page = doctor.get("/portal/break-glass");
        assertThat(page.status()).isEqualTo(200);
        assertThat(main(page)).contains("緊急時閲覧を開始する", "緊急の理由");
        Page noReason = doctor.post("/portal/break-glass", form("_csrf", page.csrfToken(),
                "number", number.formatted(), "reason", "  "));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(main(noReason)).contains("緊急の理由を入力してください。理由がなければ緊急時閲覧は開始できません。");
        assertThat(breakGlass.openFor(number, clinicId, Instant.now())).isEmpty();
        assertThat(doctor.get(patientPath).status()).isEqualTo(403);

        Page opened = doctor.post("/portal/break-glass", form("_csrf", noReason.csrfToken(),
                "number", number.digits(), "reason", "救急搬送、意識レベル低下"));
        assertThat(opened.status()).as(opened.body()).isEqualTo(302);
        assertThat(opened.header("Location").orElseThrow()).endsWith(patientPath);
        BreakGlassAccess access = breakGlass.openFor(number, clinicId, Instant.now()).orElseThrow();
        String ends = BreakGlassPages.MINUTE.format(access.expiresAt());

        Page patient = doctor.follow(opened);
        assertThat(patient.status()).as(patient.body()).isEqualTo(200);
        assertThat(patient.body()).contains("breakglass-banner", "緊急時閲覧中",
                ends + " に自動的に終了します", "救急搬送、意識レベル低下", "緊急試験症", "<span>" + HOSPITAL + "</span>");
        // the banner stands above <main>: the patient page's own template is unchanged
        assertThat(patient.body().indexOf("breakglass-banner")).isLessThan(patient.body().indexOf("<main"));

        // the clinic's administrator reviews it; the hospital's doctor sees the notice about its patient
        PortalBrowser clinicAdmin = desk.loggedIn(clinicId, Profession.FACILITY_ADMIN);
        Page review = clinicAdmin.get("/portal/break-glass");
        assertThat(review.status()).isEqualTo(200);
        assertThat(main(review)).contains(number.formatted(), "救急搬送、意識レベル低下", "閲覧中", ends)
                .doesNotContain("<form");
        PortalBrowser hospitalDoctor = desk.loggedIn(hospitalId, Profession.DOCTOR);
        Page notices = hospitalDoctor.get("/portal/break-glass");
        assertThat(main(notices)).contains(local, CLINIC, "救急搬送、意識レベル低下");
        // the hospital's doctor has not opened one: no banner on their own view of the patient
        assertThat(hospitalDoctor.get(patientPath).body()).doesNotContain("breakglass-banner");
    }

    @Test
    void onlyADoctorMayOpenEmergencyAccess() throws Exception {
        EventNumber number = desk.hospitalPatientWithDiagnosis(DeskSupport.newLocalId("P-BGN"), "非医師試験症");
        PortalBrowser admin = desk.loggedIn(clinicId, Profession.FACILITY_ADMIN);
        Page page = admin.get("/portal/break-glass");
        assertThat(main(page)).contains("緊急時閲覧を開始できるのは医師だけです。").doesNotContain("<textarea");
        Page refused = admin.post("/portal/break-glass", form("_csrf", page.csrfToken(),
                "number", number.formatted(), "reason", "救急搬送"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(main(refused)).contains("緊急時閲覧を開始できるのは医師だけです。");
        assertThat(breakGlass.openFor(number, clinicId, Instant.now())).isEmpty();

        PortalBrowser nurse = desk.loggedIn(clinicId, Profession.NURSE);
        Page home = nurse.get("/portal/patients");
        Page nurseRefused = nurse.post("/portal/break-glass", form("_csrf", home.csrfToken(),
                "number", number.formatted(), "reason", "救急搬送"));
        assertThat(nurseRefused.status()).isEqualTo(403);
        assertThat(breakGlass.openFor(number, clinicId, Instant.now())).isEmpty();
        assertThat(nurse.get("/portal/patients/" + number.formatted()).status()).isEqualTo(403);
    }

    @Test
    void anExpiredEmergencyOpensNothingShowsNoBannerAndIsListedAsEnded() throws Exception {
        EventNumber number = desk.hospitalPatientWithDiagnosis(DeskSupport.newLocalId("P-BGX"), "期限切れ試験症");
        Instant opened = Instant.now().minus(25, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MICROS);
        context.getBean(JdbcClient.class).sql("""
                        INSERT INTO hub.break_glass (id, event_number, facility_id, doctor_id, reason, opened_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), number.digits(), UUID.fromString(clinicId), "doctor-of-yesterday",
                        "昨日の救急搬送", Timestamp.from(opened), Timestamp.from(opened.plus(24, ChronoUnit.HOURS)))
                .update();
        PortalBrowser doctor = desk.loggedIn(clinicId, Profession.DOCTOR);
        Page patient = doctor.get("/portal/patients/" + number.formatted());
        assertThat(patient.status()).isEqualTo(403);
        assertThat(patient.body()).doesNotContain("breakglass-banner", "期限切れ試験症");
        Page review = doctor.get("/portal/break-glass");
        assertThat(main(review)).contains(number.formatted(), "昨日の救急搬送", "終了");
    }
}
