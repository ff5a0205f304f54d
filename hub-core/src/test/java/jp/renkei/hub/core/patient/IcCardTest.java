package jp.renkei.hub.core.patient;

import static jp.renkei.hub.core.patient.PatientFixtures.auditOf;
import static jp.renkei.hub.core.patient.PatientFixtures.authenticated;
import static jp.renkei.hub.core.patient.PatientFixtures.clerk;
import static jp.renkei.hub.core.patient.PatientFixtures.hubAdmin;
import static jp.renkei.hub.core.patient.PatientFixtures.localId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.testsupport.HubCoreTest;
import jp.renkei.hub.core.testsupport.TestFacilities;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@HubCoreTest
class IcCardTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @Autowired
    FacilityRegistry registry;

    @Autowired
    PatientEnrolment enrolment;

    @Autowired
    JdbcClient jdbc;

    String clinic;
    HubPrincipal desk;
    EventNumber number;

    @BeforeEach
    void patient() {
        clinic = TestFacilities.active(registry);
        desk = clerk(clinic);
        number = enrolment.enrol(clinic, localId("C"), desk).eventNumber();
    }

    @Test
    void aBoundCardResolvesToTheNumberWithTheDefaultConsentSummary() throws Exception {
        String card = newCardNumber().toLowerCase();

        send(post("/api/patients/cards"), Map.of("eventNumber", number.formatted(), "cardNumber", card))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.cardNumber").value(card.toUpperCase()))
                .andExpect(jsonPath("$.status").value("ACTIVE"));
        lookup(card)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.eventNumber").value(number.formatted()))
                .andExpect(jsonPath("$.consent.status").value("NOT_RECORDED"))
                .andExpect(jsonPath("$.consent.categories").isEmpty());

        assertThat(auditOf(jdbc, number)).extracting(PatientFixtures.Audited::action)
                .containsSubsequence("CREATE", "CREATE", "READ");
        assertThat(auditOf(jdbc, number)).anySatisfy(entry ->
                assertThat(entry.detail()).isEqualTo("card " + card.toUpperCase() + " issued"));
    }

    @Test
    void aLostCardStopsResolvingAtOnceAndItsReplacementWorks() throws Exception {
        String lost = bind(newCardNumber());

        send(post("/api/patients/cards/" + lost + "/lost"), Map.of())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("LOST"));
        lookup(lost)
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value(allOf(
                        matchesPattern("card " + lost + " was reported lost on \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} JST;"
                                + " use the patient's new card"))));
        send(post("/api/patients/cards/" + lost + "/lost"), Map.of()).andExpect(status().isConflict());

        String replacement = newCardNumber();
        send(post("/api/patients/cards/" + lost + "/replacement"), Map.of("newCardNumber", replacement))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.eventNumber").value(number.formatted()));
        lookup(replacement).andExpect(status().isOk()).andExpect(jsonPath("$.eventNumber").value(number.formatted()));
        lookup(lost).andExpect(status().isNotFound());
        assertThat(auditOf(jdbc, number)).anySatisfy(entry -> {
            assertThat(entry.action()).isEqualTo("UPDATE");
            assertThat(entry.detail()).isEqualTo("card " + lost + " reported lost");
        });
        assertThat(auditOf(jdbc, number)).anySatisfy(entry ->
                assertThat(entry.detail()).isEqualTo("card " + replacement + " issued to replace lost card " + lost));
    }

    @Autowired
    jp.renkei.hub.core.patient.card.IcCards cards;

    @Test
    void theDeskListsThePatientsCardsNewestFirstOnlyToAFacilityThatLinkedThem() throws Exception {
        String old = bind(newCardNumber());
        String replacement = newCardNumber();
        send(post("/api/patients/cards/" + old + "/replacement"), Map.of("newCardNumber", replacement))
                .andExpect(status().isCreated());

        assertThat(cards.cardsOf(number.formatted(), desk))
                .extracting(c -> c.cardNumber().value() + " " + c.status())
                .containsExactly(replacement + " ACTIVE", old + " LOST");
        String other = TestFacilities.active(registry);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> cards.cardsOf(number.formatted(), clerk(other)))
                .isInstanceOfSatisfying(jp.renkei.hub.core.web.ApiException.class,
                        e -> assertThat(e.status().value()).isEqualTo(403));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> cards.cardsOf(EventNumber.random().formatted(), desk))
                .isInstanceOfSatisfying(jp.renkei.hub.core.web.ApiException.class,
                        e -> assertThat(e.status().value()).isEqualTo(404));
    }

    @Test
    void replacingAnActiveCardReportsItLostFirst() throws Exception {
        String old = bind(newCardNumber());
        String replacement = newCardNumber();

        send(post("/api/patients/cards/" + old + "/replacement"), Map.of("newCardNumber", replacement))
                .andExpect(status().isCreated());

        lookup(old).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value(containsString("was reported lost on")));
        lookup(replacement).andExpect(status().isOk());
    }

    @Test
    void cardsOfUnknownNumbersOrUnknownCardsAre404AndMalformedCardsAre400() throws Exception {
        send(post("/api/patients/cards"), Map.of("eventNumber", EventNumber.random().formatted(), "cardNumber", newCardNumber()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value(containsString("event number")));
        lookup(newCardNumber()).andExpect(status().isNotFound());
        send(post("/api/patients/cards"), Map.of("eventNumber", number.formatted(), "cardNumber", "SHORT1"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.cardNumber").value(containsString("8-32 characters")));
        send(post("/api/patients/cards"), Map.of("eventNumber", number.formatted(), "cardNumber", "ABCD-1234-EFGH"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void aCardNumberIsNeverIssuedTwiceAndOnlyByAFacilityThatLinkedThePatient() throws Exception {
        String card = bind(newCardNumber());
        send(post("/api/patients/cards"), Map.of("eventNumber", number.formatted(), "cardNumber", card))
                .andExpect(status().isConflict());

        String otherClinic = TestFacilities.active(registry);
        mvc.perform(post("/api/patients/cards").with(authentication(authenticated(clerk(otherClinic))))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("eventNumber", number.formatted(), "cardNumber", newCardNumber()))))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("enrol or link the patient")));
    }

    @Test
    void aCardOfAMergedNumberResolvesToTheSurvivor() throws Exception {
        String card = bind(newCardNumber());
        EventNumber survivor = enrolment.enrol(clinic, localId("C"), desk).eventNumber();
        enrolment.merge(survivor.formatted(), number.formatted(), "duplicate registration", hubAdmin());

        lookup(card).andExpect(status().isOk()).andExpect(jsonPath("$.eventNumber").value(survivor.formatted()));
    }

    private String bind(String card) throws Exception {
        send(post("/api/patients/cards"), Map.of("eventNumber", number.formatted(), "cardNumber", card))
                .andExpect(status().isCreated());
        return card;
    }

    private ResultActions lookup(String card) throws Exception {
        return mvc.perform(get("/api/patients/cards/" + card).with(authentication(authenticated(desk))));
    }

    private ResultActions send(MockHttpServletRequestBuilder request, Object body) throws Exception {
        return mvc.perform(request.with(authentication(authenticated(desk)))
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body)));
    }

    private static String newCardNumber() {
        return "HP" + UUID.randomUUID().toString().replace("-", "").substring(0, 14).toUpperCase();
    }
}
