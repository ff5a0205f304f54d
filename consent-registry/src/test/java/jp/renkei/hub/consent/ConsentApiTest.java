package jp.renkei.hub.consent;

import static jp.renkei.hub.consent.ConsentFixtures.auditOf;
import static jp.renkei.hub.consent.ConsentFixtures.localId;
import static jp.renkei.hub.consent.ConsentFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.consent.access.AccessDecider;
import jp.renkei.hub.consent.access.AccessRequest;
import jp.renkei.hub.consent.access.Decision;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.patient.PatientEnrolment;
import jp.renkei.hub.core.security.HubAuthentication;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.security.PurposeOfUse;
import jp.renkei.hub.core.security.Requester;
import org.junit.jupiter.api.AfterEach;
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

@SpringBootTest(classes = ConsentTestApplication.class, properties = "renkei.home=target/test-home")
@AutoConfigureMockMvc
class ConsentApiTest {

    private static final byte[] PDF = "%PDF-1.7\n1 0 obj\n".getBytes();

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @Autowired
    FacilityRegistry facilities;

    @Autowired
    PatientEnrolment enrolment;

    @Autowired
    AccessDecider decider;

    @Autowired
    MovableClock clock;

    @Autowired
    JdbcClient jdbc;

    String hospital;
    String clinic;
    HubPrincipal nurse;
    HubPrincipal clinicDoctor;
    EventNumber patient;

    @BeforeEach
    void patientOfTheHospital() {
        hospital = ConsentFacilities.active(facilities);
        clinic = ConsentFacilities.active(facilities);
        nurse = person(hospital, HubRole.NURSE);
        clinicDoctor = person(clinic, HubRole.DOCTOR);
        patient = enrolment.enrol(hospital, localId(), nurse).eventNumber();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void recordingAmendingAndReadingKeepsEveryVersion() throws Exception {
        Map<String, Object> body = consent("CLINICAL");
        body.put("scannedForm", Base64.getEncoder().encodeToString(PDF));
        String id = json.readTree(send(nurse, post("/api/consents"), body)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.obtainingFacilityId").value(hospital))
                .andExpect(jsonPath("$.scannedForm.contentType").value("application/pdf"))
                .andReturn().getResponse().getContentAsString()).get("id").asText();

        Map<String, Object> amendment = consent("CLINICAL");
        amendment.remove("eventNumber");
        amendment.remove("category");
        amendment.put("grantees", Map.of("scope", "LISTED", "facilityIds", List.of(clinic)));
        amendment.put("reason", "紹介先のみに限定");
        send(nurse, put("/api/consents/" + id), amendment)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(2))
                .andExpect(jsonPath("$.grantees.facilityIds[0]").value(clinic))
                .andExpect(jsonPath("$.versions[0].status").value("SUPERSEDED"))
                .andExpect(jsonPath("$.versions[0].grantees.scope").value("ALL"))
                .andExpect(jsonPath("$.versions[0].scannedForm.sizeBytes").value(PDF.length))
                .andExpect(jsonPath("$.versions[1].status").value("ACTIVE"))
                .andExpect(jsonPath("$.versions[1].change").value("AMENDED"));

        mvc.perform(get("/api/consents").param("eventNumber", patient.formatted()).with(as(nurse)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].status").value("ACTIVE"));
        mvc.perform(get("/api/consents/" + id + "/versions/1/form").with(as(nurse)))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .bytes(PDF));
        send(nurse, post("/api/consents/" + id + "/withdraw"), Map.of("reason", "本人の希望"))
                .andExpect(jsonPath("$.status").value("WITHDRAWN"))
                .andExpect(jsonPath("$.versions.length()").value(3));

        assertThat(auditOf(jdbc, patient)).extracting(ConsentFixtures.Audited::detail)
                .anySatisfy(d -> assertThat(d).startsWith("CLINICAL consent " + id + " recorded"))
                .anySatisfy(d -> assertThat(d).startsWith("CLINICAL consent " + id + " amended to version 2"))
                .anySatisfy(d -> assertThat(d).startsWith("CLINICAL consent " + id + " withdrawn: 本人の希望"));
    }

    @Test
    void badInputIsRefusedPreciselyAndNothingIsSaved() throws Exception {
        Map<String, Object> unknownCategory = consent("GENOMICS");
        send(nurse, post("/api/consents"), unknownCategory)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.category").value(containsString("'GENOMICS' is not a valid")));

        Map<String, Object> backwards = consent("CLINICAL");
        backwards.put("validUntil", "2020-01-01T00:00:00Z");
        send(nurse, post("/api/consents"), backwards)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.validUntil").value(containsString("must be after validFrom")));

        Map<String, Object> notAForm = consent("CLINICAL");
        notAForm.put("scannedForm", Base64.getEncoder().encodeToString("<html>".getBytes()));
        send(nurse, post("/api/consents"), notAForm)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.scannedForm").value("must be a PDF, JPEG or PNG file; its content is none of these"));

        byte[] huge = new byte[ScannedForm.MAX_BYTES + 1];
        System.arraycopy(PDF, 0, huge, 0, PDF.length);
        Map<String, Object> oversized = consent("CLINICAL");
        oversized.put("scannedForm", Base64.getEncoder().encodeToString(huge));
        send(nurse, post("/api/consents"), oversized)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.scannedForm").value(containsString("at most 5242880 bytes")));

        assertThat(countConsents()).isZero();

        send(nurse, post("/api/consents"), consent("CLINICAL")).andExpect(status().isCreated());
        send(nurse, post("/api/consents"), consent("CLINICAL"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("contradicts ACTIVE CLINICAL consent")));
        assertThat(countConsents()).isEqualTo(1);
    }

    @Test
    void breakGlassPermitsClinicalReadForTheDoctorsFacilityUntilItExpires() throws Exception {
        send(person(clinic, HubRole.NURSE), post("/api/break-glass"),
                Map.of("eventNumber", patient.formatted(), "reason", "救急搬送"))
                .andExpect(status().isForbidden());
        send(clinicDoctor, post("/api/break-glass"), Map.of("eventNumber", patient.formatted(), "reason", " "))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.reason").exists());
        AccessRequest read = new AccessRequest(new Requester(clinicDoctor, PurposeOfUse.ETREAT), patient,
                ConsentCategory.CLINICAL, hospital);
        assertThat(decider.decide(read).effect()).isEqualTo(Decision.Effect.DENY);

        send(clinicDoctor, post("/api/break-glass"), Map.of("eventNumber", patient.formatted(), "reason", "救急搬送、意識なし"))
                .andExpect(status().isCreated());

        Decision decision = decider.decideAndAudit(read);
        assertThat(decision.effect()).isEqualTo(Decision.Effect.PERMIT);
        assertThat(decision.reason()).startsWith("break-glass");
        assertThat(auditOf(jdbc, patient)).extracting(ConsentFixtures.Audited::detail)
                .anySatisfy(d -> assertThat(d).startsWith("BREAK-GLASS: break-glass").contains("救急搬送、意識なし"));
        mvc.perform(get("/api/break-glass/notifications").with(as(person(hospital, HubRole.DOCTOR))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].eventNumber").value(patient.formatted()))
                .andExpect(jsonPath("$[0].openedByFacilityId").value(clinic))
                .andExpect(jsonPath("$[0].reason").value("救急搬送、意識なし"));

        clock.advance(Duration.ofHours(24).plusMinutes(1));
        assertThat(decider.decide(read).effect()).isEqualTo(Decision.Effect.DENY);
    }

    @Autowired
    jp.renkei.hub.consent.breakglass.BreakGlass breakGlass;

    @Test
    void aFacilityReviewsTheEmergencyAccessesItsDoctorsOpenedOpenAndPastNewestFirst() {
        var first = breakGlass.open(patient.formatted(), "救急搬送", clinicDoctor);
        clock.advance(Duration.ofHours(25));
        var second = breakGlass.open(patient.formatted(), "再搬送", clinicDoctor);

        assertThat(breakGlass.openedBy(person(clinic, HubRole.FACILITY_ADMIN)))
                .extracting(a -> a.id() + " " + a.openAt(clock.instant()))
                .containsExactly(second.id() + " true", first.id() + " false");
        assertThat(breakGlass.openedBy(person(hospital, HubRole.DOCTOR))).isEmpty();
    }

    @Test
    void theCardLookupShowsTheConsentSummary() throws Exception {
        String card = "CONSENT" + Long.toString(System.nanoTime(), 36).toUpperCase();
        send(nurse, post("/api/patients/cards"), Map.of("eventNumber", patient.formatted(), "cardNumber", card))
                .andExpect(status().isCreated());
        mvc.perform(get("/api/patients/cards/" + card).with(as(nurse)))
                .andExpect(jsonPath("$.consent.status").value("NONE"));

        send(nurse, post("/api/consents"), consent("DISPENSING")).andExpect(status().isCreated());
        mvc.perform(get("/api/patients/cards/" + card).with(as(nurse)))
                .andExpect(jsonPath("$.consent.status").value("ACTIVE"))
                .andExpect(jsonPath("$.consent.categories[0]").value("DISPENSING"));
    }

    private Map<String, Object> consent(String category) {
        Map<String, Object> body = new HashMap<>();
        body.put("eventNumber", patient.formatted());
        body.put("category", category);
        body.put("grantees", Map.of("scope", "ALL"));
        body.put("sources", Map.of("scope", "ALL"));
        body.put("validFrom", Instant.now().minus(Duration.ofDays(1)).toString());
        body.put("obtainedVia", "WRITTEN_FORM");
        return body;
    }

    private int countConsents() {
        return jdbc.sql("SELECT count(*) FROM hub.consent WHERE event_number = :n").param("n", patient.digits())
                .query(Integer.class).single();
    }

    private ResultActions send(HubPrincipal principal, MockHttpServletRequestBuilder request, Object body)
            throws Exception {
        return mvc.perform(request.with(as(principal)).contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsBytes(body)));
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor as(HubPrincipal principal) {
        return authentication(new HubAuthentication(principal));
    }
}
