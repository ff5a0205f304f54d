package jp.renkei.hub.consent;

import static jp.renkei.hub.consent.ConsentFixtures.auditOf;
import static jp.renkei.hub.consent.ConsentFixtures.localId;
import static jp.renkei.hub.consent.ConsentFixtures.person;
import static jp.renkei.hub.consent.ConsentFixtures.terms;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import jp.renkei.hub.consent.access.AccessDecider;
import jp.renkei.hub.consent.access.AccessRequest;
import jp.renkei.hub.consent.access.Decision;
import jp.renkei.hub.consent.access.DecisionBasis;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.patient.PatientEnrolment;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.security.PurposeOfUse;
import jp.renkei.hub.core.security.Requester;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(classes = ConsentTestApplication.class, properties = "renkei.home=target/test-home")
class ConsentDecisionTest {

    private static final Duration DAY = Duration.ofDays(1);

    @Autowired
    AccessDecider decider;

    @Autowired
    ConsentRegistry registry;

    @Autowired
    FacilityRegistry facilities;

    @Autowired
    PatientEnrolment enrolment;

    @Autowired
    JdbcClient jdbc;

    String hospital;
    String clinic;
    String pharmacy;
    HubPrincipal hospitalClerk;
    HubPrincipal clinicDoctor;
    EventNumber patient;
    Instant now;

    @BeforeEach
    void patientOfTheHospital() {
        hospital = ConsentFacilities.active(facilities);
        clinic = ConsentFacilities.active(facilities);
        pharmacy = ConsentFacilities.active(facilities);
        hospitalClerk = person(hospital, HubRole.CLERK);
        clinicDoctor = person(clinic, HubRole.DOCTOR);
        patient = enrolment.enrol(hospital, localId(), hospitalClerk).eventNumber();
        now = Instant.now();
    }

    @Test
    void dataFromTheRequestersOwnFacilityIsAlwaysPermitted() {
        Decision decision = decider.decide(clinicalFrom(clinic));

        assertThat(decision.effect()).isEqualTo(Decision.Effect.PERMIT);
        assertThat(decision.reason()).isEqualTo("own data");
    }

    @Test
    void withoutAnyConsentOtherFacilitiesDataIsDenied() {
        assertDenied(clinicalFrom(hospital), DecisionBasis.NO_CONSENT, "no consent recorded for this patient");
    }

    @Test
    void aMatchingConsentPermitsAndOnlyForItsCategory() {
        record(ConsentCategory.CLINICAL, FacilityScope.only(Set.of(clinic)), FacilityScope.only(Set.of(hospital)),
                now.minus(DAY), null);

        Decision decision = decider.decide(clinicalFrom(hospital));
        assertThat(decision.effect()).isEqualTo(Decision.Effect.PERMIT);
        assertThat(decision.basis()).isEqualTo(DecisionBasis.CONSENT);
        assertThat(decision.reason()).startsWith("consent (CLINICAL consent ");

        assertDenied(request(ConsentCategory.IMAGING, hospital), DecisionBasis.OTHER_CATEGORY_ONLY,
                "consent recorded only for other categories (needed IMAGING, recorded [CLINICAL])");
    }

    @Test
    void allScopesCoverEveryFacilityAndSource() {
        record(ConsentCategory.DISPENSING, FacilityScope.everyFacility(), FacilityScope.everyFacility(),
                now.minus(DAY), now.plus(DAY));
        String anotherClinic = ConsentFacilities.active(facilities);
        HubPrincipal otherDoctor = person(anotherClinic, HubRole.DOCTOR);

        assertThat(decider.decide(new AccessRequest(treating(otherDoctor), patient, ConsentCategory.DISPENSING, pharmacy))
                .effect()).isEqualTo(Decision.Effect.PERMIT);
        assertThat(decider.decide(request(ConsentCategory.DISPENSING, hospital)).effect())
                .isEqualTo(Decision.Effect.PERMIT);
    }

    @Test
    void aConsentForAnotherFacilityDoesNotCoverTheRequester() {
        record(ConsentCategory.CLINICAL, FacilityScope.only(Set.of(pharmacy)), FacilityScope.everyFacility(),
                now.minus(DAY), null);

        assertDenied(clinicalFrom(hospital), DecisionBasis.NOT_FOR_FACILITY,
                "consent does not cover the requesting facility");
    }

    @Test
    void aConsentForAnotherSourceDoesNotCoverThisData() {
        record(ConsentCategory.CLINICAL, FacilityScope.everyFacility(), FacilityScope.only(Set.of(pharmacy)),
                now.minus(DAY), null);

        assertDenied(clinicalFrom(hospital), DecisionBasis.NOT_FOR_SOURCE, "consent does not cover the source facility");
        assertThat(decider.decide(clinicalFrom(pharmacy)).effect()).isEqualTo(Decision.Effect.PERMIT);
    }

    @Test
    void anExpiredConsentIsDenied() {
        ConsentRecord expired = record(ConsentCategory.CLINICAL, FacilityScope.everyFacility(),
                FacilityScope.everyFacility(), now.minus(DAY.multipliedBy(30)), now.minus(DAY));

        assertDenied(clinicalFrom(hospital), DecisionBasis.EXPIRED, "consent expired");
        assertThat(expired.statusAt(now)).isEqualTo(ConsentStatus.EXPIRED);
    }

    @Test
    void aConsentStartingInTheFutureDoesNotPermitYet() {
        record(ConsentCategory.CLINICAL, FacilityScope.everyFacility(), FacilityScope.everyFacility(),
                now.plus(DAY), null);

        assertDenied(clinicalFrom(hospital), DecisionBasis.NOT_YET_VALID, "consent not yet valid");
    }

    @Test
    void aWithdrawalTakesEffectOnTheNextDecisionAndEveryDecisionIsAudited() {
        ConsentRecord consent = record(ConsentCategory.CLINICAL, FacilityScope.everyFacility(),
                FacilityScope.everyFacility(), now.minus(DAY), null);
        assertThat(decider.decideAndAudit(clinicalFrom(hospital)).effect()).isEqualTo(Decision.Effect.PERMIT);

        registry.withdraw(consent.id(), "患者の申し出により撤回", hospitalClerk);

        assertDenied(clinicalFrom(hospital), DecisionBasis.WITHDRAWN, "consent withdrawn");
        decider.decideAndAudit(clinicalFrom(hospital));
        assertThat(auditOf(jdbc, patient))
                .filteredOn(entry -> entry.resource().startsWith("access-decision CLINICAL from " + hospital))
                .extracting(ConsentFixtures.Audited::outcome, ConsentFixtures.Audited::facilityId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SUCCESS", clinic),
                        org.assertj.core.groups.Tuple.tuple("DENIED", clinic));
        assertThat(auditOf(jdbc, patient)).extracting(ConsentFixtures.Audited::detail)
                .anySatisfy(detail -> assertThat(detail).startsWith("consent withdrawn (CLINICAL consent " + consent.id()))
                .anySatisfy(detail -> assertThat(detail).contains("withdrawn: 患者の申し出により撤回"));
    }

    @Test
    void oneRequestReadsTheConsentsOnceAndTheNextRequestSeesAWithdrawal() {
        ConsentRecord clinical = record(ConsentCategory.CLINICAL, FacilityScope.everyFacility(),
                FacilityScope.everyFacility(), now.minus(DAY), null);
        record(ConsentCategory.DISPENSING, FacilityScope.everyFacility(), FacilityScope.everyFacility(),
                now.minus(DAY), null);
        AccessDecider.OneRequest first = decider.forOneRequest();
        assertThat(first.decide(clinicalFrom(hospital)).effect()).isEqualTo(Decision.Effect.PERMIT);
        assertThat(first.decide(request(ConsentCategory.DISPENSING, pharmacy)).effect())
                .isEqualTo(Decision.Effect.PERMIT);
        assertThat(first.decide(request(ConsentCategory.IMAGING, hospital)).basis())
                .isEqualTo(DecisionBasis.OTHER_CATEGORY_ONLY);

        registry.withdraw(clinical.id(), "患者の申し出により撤回", hospitalClerk);

        assertThat(first.decide(clinicalFrom(pharmacy)).effect())
                .as("the request that read the consents before the withdrawal keeps what it read")
                .isEqualTo(Decision.Effect.PERMIT);
        AccessDecider.OneRequest next = decider.forOneRequest();
        assertThat(next.decide(clinicalFrom(hospital)).basis()).isEqualTo(DecisionBasis.WITHDRAWN);
        assertThat(next.decide(request(ConsentCategory.DISPENSING, hospital)).effect())
                .isEqualTo(Decision.Effect.PERMIT);
    }

    @Test
    void decidingAloneRecordsNothingSoACallerCanAuditOncePerRequest() {
        int before = auditOf(jdbc, patient).size();

        for (int i = 0; i < 5; i++) {
            decider.decide(clinicalFrom(hospital));
        }
        assertThat(auditOf(jdbc, patient)).hasSize(before);

        decider.audit(clinicalFrom(hospital), decider.decide(clinicalFrom(hospital)));
        assertThat(auditOf(jdbc, patient)).hasSize(before + 1);
    }

    @Test
    void theClosestConsentNamesWhatIsMissing() {
        // one withdrawn and one for another source: the latter came closer to permitting
        ConsentRecord old = record(ConsentCategory.CLINICAL, FacilityScope.everyFacility(),
                FacilityScope.only(Set.of(hospital)), now.minus(DAY.multipliedBy(10)), now.minus(DAY.multipliedBy(5)));
        record(ConsentCategory.CLINICAL, FacilityScope.everyFacility(), FacilityScope.only(Set.of(pharmacy)),
                now.minus(DAY), null);

        assertDenied(clinicalFrom(hospital), DecisionBasis.NOT_FOR_SOURCE, "consent does not cover the source facility");
        assertThat(old.id()).isNotNull();
    }

    private ConsentRecord record(ConsentCategory category, FacilityScope grantees, FacilityScope sources,
                                 Instant from, Instant until) {
        return registry.record(patient.formatted(), category, terms(grantees, sources, from, until), null,
                hospitalClerk);
    }

    private AccessRequest clinicalFrom(String source) {
        return request(ConsentCategory.CLINICAL, source);
    }

    private AccessRequest request(ConsentCategory category, String source) {
        return new AccessRequest(treating(clinicDoctor), patient, category, source);
    }

    private static Requester treating(HubPrincipal principal) {
        return new Requester(principal, PurposeOfUse.TREAT);
    }

    private void assertDenied(AccessRequest request, DecisionBasis basis, String reason) {
        Decision decision = decider.decide(request);
        assertThat(decision.effect()).isEqualTo(Decision.Effect.DENY);
        assertThat(decision.basis()).isEqualTo(basis);
        assertThat(decision.reason()).startsWith(reason);
    }
}
