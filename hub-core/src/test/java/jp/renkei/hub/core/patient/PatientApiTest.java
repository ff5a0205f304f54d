package jp.renkei.hub.core.patient;

import static jp.renkei.hub.core.patient.PatientFixtures.authenticated;
import static jp.renkei.hub.core.patient.PatientFixtures.clerk;
import static jp.renkei.hub.core.patient.PatientFixtures.hubAdmin;
import static jp.renkei.hub.core.patient.PatientFixtures.localId;
import static jp.renkei.hub.core.patient.PatientFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.testsupport.HubCoreTest;
import jp.renkei.hub.core.testsupport.TestFacilities;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@HubCoreTest
class PatientApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @Autowired
    FacilityRegistry registry;

    String hospital;
    String clinic;
    HubPrincipal hospitalClerk;
    HubPrincipal clinicNurse;

    @BeforeEach
    void facilities() {
        hospital = TestFacilities.active(registry);
        clinic = TestFacilities.active(registry);
        hospitalClerk = clerk(hospital);
        clinicNurse = person(clinic, HubRole.NURSE);
    }

    @Test
    void enrolmentAnswers201ThenTheSameNumberWith200() throws Exception {
        String local = localId("H");
        String number = json.readTree(send(post("/api/patients/enrolments"), hospitalClerk, Map.of("localPatientId", local))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.localPatientId").value(local))
                .andExpect(jsonPath("$.created").value(true))
                .andExpect(jsonPath("$.eventNumber").value(org.hamcrest.Matchers.matchesPattern("\\d{4}-\\d{4}-\\d{4}-\\d{4}")))
                .andReturn().getResponse().getContentAsString()).path("eventNumber").asText();

        send(post("/api/patients/enrolments"), hospitalClerk, Map.of("localPatientId", local))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.eventNumber").value(number))
                .andExpect(jsonPath("$.created").value(false));
    }

    @Test
    void responsesNeverCarryAnotherFacilitysLocalId() throws Exception {
        String hospitalId = localId("HOSPITAL-SECRET");
        String clinicId = localId("CLINIC-OWN");
        String number = enrol(hospitalClerk, hospitalId);

        String linked = send(post("/api/patients/links"), clinicNurse, Map.of("localPatientId", clinicId,
                "eventNumber", number, "verification", "DOCUMENT", "reason", "referral letter from the hospital"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.localPatientId").value(clinicId))
                .andExpect(jsonPath("$.eventNumber").value(number))
                .andExpect(jsonPath("$.verifiedBy").value("DOCUMENT"))
                .andReturn().getResponse().getContentAsString();
        String current = mvc.perform(get("/api/patients/links/" + clinicId).with(authentication(authenticated(clinicNurse))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.eventNumber").value(number))
                .andReturn().getResponse().getContentAsString();
        String enrolledAgain = send(post("/api/patients/enrolments"), clinicNurse, Map.of("localPatientId", clinicId))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        String hospitalView = mvc.perform(get("/api/patients/links/" + hospitalId)
                        .with(authentication(authenticated(hospitalClerk))))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        String clinicAsksForHospitalId = mvc.perform(get("/api/patients/links/" + hospitalId)
                        .with(authentication(authenticated(clinicNurse))))
                .andExpect(status().isNotFound())
                .andReturn().getResponse().getContentAsString();

        for (String clinicBody : new String[] {linked, current, enrolledAgain}) {
            assertThat(clinicBody).contains(clinicId).doesNotContain(hospitalId);
        }
        assertThat(hospitalView).contains(hospitalId).doesNotContain(clinicId);
        // The 404 echoes only what the clinic itself asked for and says nothing about the hospital's patient.
        assertThat(clinicAsksForHospitalId).doesNotContain(number).doesNotContain(hospital);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "letters           | 4821-0937-115O-6628 | must be 16 digits",
            "15 digits         | 482109371150662     | must be 16 digits",
            "17 digits         | 48210937115066281   | must be 16 digits",
            "leading zero      | 0821-0937-1150-6628 | not starting with 0",
    })
    void malformedEventNumbersAre400WithThePreciseRule(String what, String number, String message) throws Exception {
        link(number).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(message)))
                .andExpect(jsonPath("$.errors.eventNumber").exists());
    }

    @Test
    void aMistypedCheckDigitIs400SayingSo() throws Exception {
        String valid = EventNumber.random().digits();
        char last = valid.charAt(15);
        String mistyped = valid.substring(0, 15) + (char) (last == '9' ? '0' : last + 1);
        link(mistyped).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.eventNumber").value("check digit does not match: the number was mistyped"));
    }

    @Test
    void badLinkRequestsAreRefusedPerField() throws Exception {
        String number = enrol(hospitalClerk, localId("H"));
        send(post("/api/patients/links"), clinicNurse, Map.of("localPatientId", "C 1", "eventNumber", number,
                "verification", "CARD", "reason", "card"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.localPatientId").value(org.hamcrest.Matchers.containsString("may contain only")));
        send(post("/api/patients/links"), clinicNurse, Map.of("localPatientId", localId("C"), "eventNumber", number,
                "verification", "NAME_AND_BIRTHDATE", "reason", "matched"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.verification").value(org.hamcrest.Matchers.containsString("NAME_AND_BIRTHDATE")));
        send(post("/api/patients/links"), clinicNurse, Map.of("localPatientId", localId("C"), "eventNumber", number,
                "verification", "CARD"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.reason").exists());
    }

    @Test
    void linkingALinkedLocalIdToAnotherNumberIs409AndUnlinkIs204() throws Exception {
        String clinicId = localId("C/2024.001");
        String first = enrol(clinicNurse, clinicId);
        String other = enrol(hospitalClerk, localId("H"));

        send(post("/api/patients/links"), clinicNurse, Map.of("localPatientId", clinicId, "eventNumber", other,
                "verification", "IN_PERSON", "reason", "asked the patient"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("already linked to event number " + first)));

        mvc.perform(delete("/api/patients/links/" + clinicId).with(authentication(authenticated(clinicNurse))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.reason").exists());
        mvc.perform(delete("/api/patients/links/" + clinicId).param("reason", "wrong patient")
                        .with(authentication(authenticated(clinicNurse))))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/patients/links/" + clinicId).with(authentication(authenticated(clinicNurse))))
                .andExpect(status().isNotFound());
        send(post("/api/patients/links"), clinicNurse, Map.of("localPatientId", clinicId, "eventNumber", other,
                "verification", "IN_PERSON", "reason", "asked the patient"))
                .andExpect(status().isCreated());
    }

    @Test
    void onlyHubAdministratorsMergeAndTheMergedNumberResolvesOverRest() throws Exception {
        String clinicId = localId("C");
        String survivor = enrol(hospitalClerk, localId("H"));
        String retired = enrol(clinicNurse, clinicId);
        Map<String, String> merge = Map.of("survivor", survivor, "retired", retired, "reason", "same patient");

        send(post("/api/admin/event-numbers/merge"), person(hospital, HubRole.FACILITY_ADMIN), merge)
                .andExpect(status().isForbidden());
        send(post("/api/admin/event-numbers/merge"), hubAdmin(), merge)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.survivor").value(survivor))
                .andExpect(jsonPath("$.retired").value(retired))
                .andExpect(jsonPath("$.linksMoved").value(1));
        send(post("/api/admin/event-numbers/merge"), hubAdmin(), Map.of("survivor", survivor, "retired", survivor,
                "reason", "oops"))
                .andExpect(status().isConflict());
        mvc.perform(get("/api/patients/links/" + clinicId).with(authentication(authenticated(clinicNurse))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.eventNumber").value(survivor));
    }

    @Test
    void accessFollowsTheDeskAndTreatmentRoles() throws Exception {
        Map<String, String> body = Map.of("localPatientId", localId("X"));
        send(post("/api/patients/enrolments"), person(hospital, HubRole.CARE_WORKER), body).andExpect(status().isForbidden());
        send(post("/api/patients/enrolments"), person(hospital, HubRole.FAMILY_MEMBER), body).andExpect(status().isForbidden());
        HubPrincipal gateway = new HubPrincipal(HubPrincipal.Kind.SYSTEM, "device-gw", "HIS gateway", hospital,
                java.util.Set.of(HubRole.GATEWAY));
        String number = enrol(gateway, localId("GW"));
        send(post("/api/patients/links"), gateway, Map.of("localPatientId", localId("GW"), "eventNumber", number,
                "verification", "CARD", "reason", "automatic")).andExpect(status().isForbidden());
        mvc.perform(post("/api/patients/enrolments").contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(body))).andExpect(status().isUnauthorized());
    }

    private ResultActions link(String number) throws Exception {
        return send(post("/api/patients/links"), clinicNurse, Map.of("localPatientId", localId("C"),
                "eventNumber", number, "verification", "CARD", "reason", "card"));
    }

    private String enrol(HubPrincipal principal, String local) throws Exception {
        return json.readTree(send(post("/api/patients/enrolments"), principal, Map.of("localPatientId", local))
                .andExpect(status().is2xxSuccessful())
                .andReturn().getResponse().getContentAsString()).path("eventNumber").asText();
    }

    private ResultActions send(MockHttpServletRequestBuilder request, HubPrincipal principal, Object body) throws Exception {
        return mvc.perform(request.with(authentication(authenticated(principal)))
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body)));
    }
}
