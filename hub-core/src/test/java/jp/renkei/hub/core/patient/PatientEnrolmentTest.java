package jp.renkei.hub.core.patient;

import static jp.renkei.hub.core.patient.PatientFixtures.auditOf;
import static jp.renkei.hub.core.patient.PatientFixtures.clerk;
import static jp.renkei.hub.core.patient.PatientFixtures.historyOf;
import static jp.renkei.hub.core.patient.PatientFixtures.hubAdmin;
import static jp.renkei.hub.core.patient.PatientFixtures.localId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Optional;
import java.util.UUID;

import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.testsupport.HubCoreTest;
import jp.renkei.hub.core.testsupport.TestFacilities;
import jp.renkei.hub.core.web.ApiException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

@HubCoreTest
@RecordApplicationEvents
class PatientEnrolmentTest {

    @Autowired
    PatientEnrolment enrolment;

    @Autowired
    FacilityRegistry registry;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEvents events;

    String hospital;
    String clinic;
    HubPrincipal hospitalClerk;
    HubPrincipal clinicClerk;

    @BeforeEach
    void facilities() {
        hospital = TestFacilities.active(registry);
        clinic = TestFacilities.active(registry);
        hospitalClerk = clerk(hospital);
        clinicClerk = clerk(clinic);
    }

    @Test
    void enrolmentIssuesANumberOnceAndThenReturnsIt() {
        String local = localId("H");

        Enrolment first = enrolment.enrol(hospital, local, hospitalClerk);
        Enrolment again = enrolment.enrol(hospital, local, hospitalClerk);

        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.eventNumber()).isEqualTo(first.eventNumber());
        assertThat(enrolment.eventNumberOf(new FacilityPatientId(hospital, local))).contains(first.eventNumber());
        assertThat(jdbc.sql("SELECT status, created_by, created_facility::text FROM hub.event_number WHERE number = :n")
                .param("n", first.eventNumber().digits())
                .query((rs, i) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)).single())
                .isEqualTo("ACTIVE " + hospitalClerk.id() + " " + hospital);
        assertThat(historyOf(jdbc, hospital, local))
                .containsExactly("1 ENROLLED " + first.eventNumber().digits() + " by " + hospitalClerk.id());
        assertThat(auditOf(jdbc, first.eventNumber())).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("CREATE");
            assertThat(entry.actorId()).isEqualTo(hospitalClerk.id());
            assertThat(entry.facilityId()).isEqualTo(hospital);
            assertThat(entry.detail()).contains("issued", local);
        });
        assertThat(events.stream(PatientLinkChanged.class).filter(e -> e.number().equals(first.eventNumber())))
                .singleElement()
                .satisfies(e -> assertThat(e.links()).containsExactly(new FacilityPatientId(hospital, local)));
    }

    @Test
    void aSecondFacilityLinksItsOwnIdToTheExistingNumberAfterCheckingIdentity() {
        String hospitalId = localId("H");
        String clinicId = localId("C");
        EventNumber number = enrolment.enrol(hospital, hospitalId, hospitalClerk).eventNumber();

        LinkResult linked = enrolment.link(clinic, clinicId, number.formatted(), IdentityVerification.CARD,
                "patient presented the health-passport card", clinicClerk);
        LinkResult repeated = enrolment.link(clinic, clinicId, number.digits(), IdentityVerification.CARD,
                "again", clinicClerk);

        assertThat(linked.created()).isTrue();
        assertThat(linked.link().eventNumber()).isEqualTo(number);
        assertThat(linked.link().verifiedBy()).isEqualTo(IdentityVerification.CARD);
        assertThat(repeated.created()).isFalse();
        assertThat(enrolment.links(number)).containsExactlyInAnyOrder(
                new FacilityPatientId(hospital, hospitalId), new FacilityPatientId(clinic, clinicId));
        assertThat(enrolment.localIdsOf(number, clinic)).containsExactly(clinicId);
        assertThat(enrolment.localIdsOf(number, hospital)).containsExactly(hospitalId);
        assertThat(historyOf(jdbc, clinic, clinicId)).containsExactly("1 LINKED " + number.digits()
                + " CARD 'patient presented the health-passport card' by " + clinicClerk.id());
        assertThat(auditOf(jdbc, number)).extracting(PatientFixtures.Audited::action, PatientFixtures.Audited::facilityId)
                .containsExactly(tuple("CREATE", hospital),
                        tuple("CREATE", clinic));
        assertThat(auditOf(jdbc, number).get(1).detail()).contains("linked", clinicId, "CARD", "health-passport card");
        assertThat(events.stream(PatientLinkChanged.class).filter(e -> e.number().equals(number)).toList())
                .last().satisfies(e -> assertThat(e.links()).hasSize(2));
    }

    @Test
    void aLocalIdLinkedToOneNumberCannotBeLinkedToAnother() {
        String clinicId = localId("C");
        EventNumber mine = enrolment.enrol(clinic, clinicId, clinicClerk).eventNumber();
        EventNumber other = enrolment.enrol(hospital, localId("H"), hospitalClerk).eventNumber();

        assertThatThrownBy(() -> enrolment.link(clinic, clinicId, other.formatted(), IdentityVerification.IN_PERSON,
                "wrong patient", clinicClerk))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT))
                .hasMessageContaining("already linked to event number " + mine);
        assertThat(enrolment.eventNumberOf(new FacilityPatientId(clinic, clinicId))).contains(mine);
        assertThat(enrolment.links(other)).hasSize(1);
    }

    @Test
    void linkingNeedsAnIssuedNumberAVerificationAndAReason() {
        EventNumber neverIssued = EventNumber.random();
        assertStatus(HttpStatus.NOT_FOUND, () -> enrolment.link(clinic, localId("C"), neverIssued.formatted(),
                IdentityVerification.DOCUMENT, "referral letter", clinicClerk));
        EventNumber number = enrolment.enrol(hospital, localId("H"), hospitalClerk).eventNumber();
        assertThatThrownBy(() -> enrolment.link(clinic, localId("C"), number.formatted(), null, "referral", clinicClerk))
                .hasMessageContaining("verification: is required");
        assertThatThrownBy(() -> enrolment.link(clinic, localId("C"), number.formatted(), IdentityVerification.DOCUMENT,
                "  ", clinicClerk))
                .hasMessageContaining("reason: is required");
        assertThat(enrolment.links(number)).hasSize(1);
    }

    @Test
    void unlinkEndsTheLinkKeepsItsHistoryAndFreesTheLocalId() {
        String clinicId = localId("C");
        EventNumber number = enrolment.enrol(hospital, localId("H"), hospitalClerk).eventNumber();
        enrolment.link(clinic, clinicId, number.formatted(), IdentityVerification.IN_PERSON, "visit", clinicClerk);

        enrolment.unlink(clinic, clinicId, "linked to the wrong patient", clinicClerk);

        assertThat(enrolment.eventNumberOf(new FacilityPatientId(clinic, clinicId))).isEmpty();
        assertThat(enrolment.localIdsOf(number, clinic)).isEmpty();
        assertStatus(HttpStatus.NOT_FOUND, () -> enrolment.currentLink(clinic, clinicId));
        assertStatus(HttpStatus.NOT_FOUND, () -> enrolment.unlink(clinic, clinicId, "twice", clinicClerk));
        assertThat(historyOf(jdbc, clinic, clinicId)).containsExactly(
                "1 LINKED " + number.digits() + " IN_PERSON 'visit' by " + clinicClerk.id(),
                "2 UNLINKED " + number.digits() + " 'linked to the wrong patient' by " + clinicClerk.id());
        assertThat(auditOf(jdbc, number)).last().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("UPDATE");
            assertThat(entry.detail()).contains("unlinked", clinicId, "linked to the wrong patient");
        });
        assertThat(events.stream(PatientLinkChanged.class).filter(e -> e.number().equals(number)).toList())
                .last().satisfies(e -> {
                    assertThat(e.unlinked()).containsExactly(new FacilityPatientId(clinic, clinicId));
                    assertThat(e.links()).doesNotContain(new FacilityPatientId(clinic, clinicId));
                });

        EventNumber fresh = enrolment.enrol(clinic, clinicId, clinicClerk).eventNumber();
        assertThat(fresh).isNotEqualTo(number);
    }

    @Test
    void aMergedNumberResolvesToTheSurvivorThroughEveryQuestionAndItsLinksMove() {
        String hospitalId = localId("H");
        String clinicId = localId("C");
        EventNumber survivor = enrolment.enrol(hospital, hospitalId, hospitalClerk).eventNumber();
        EventNumber retired = enrolment.enrol(clinic, clinicId, clinicClerk).eventNumber();
        HubPrincipal admin = hubAdmin();

        MergeResult result = enrolment.merge(survivor.formatted(), retired.formatted(), "same patient, two numbers", admin);

        assertThat(result.linksMoved()).isEqualTo(1);
        assertThat(enrolment.resolve(retired)).contains(survivor);
        assertThat(enrolment.resolve(survivor)).contains(survivor);
        assertThat(enrolment.eventNumberOf(new FacilityPatientId(clinic, clinicId))).contains(survivor);
        assertThat(enrolment.localIdsOf(retired, clinic)).containsExactly(clinicId);
        assertThat(enrolment.links(retired)).containsExactlyInAnyOrder(
                new FacilityPatientId(hospital, hospitalId), new FacilityPatientId(clinic, clinicId));
        assertThat(enrolment.retiredInto(survivor)).containsExactly(retired);
        assertThat(enrolment.currentLink(clinic, clinicId).eventNumber()).isEqualTo(survivor);
        assertThat(historyOf(jdbc, clinic, clinicId)).containsExactly(
                "1 ENROLLED " + retired.digits() + " by " + clinicClerk.id(),
                "2 MERGED " + survivor.digits() + " from " + retired.digits() + " 'same patient, two numbers' by " + admin.id());
        assertThat(jdbc.sql("SELECT status || ' ' || merged_into || ' ' || merged_by || ' ' || merge_reason"
                        + " FROM hub.event_number WHERE number = :n")
                .param("n", retired.digits()).query(String.class).single())
                .isEqualTo("MERGED " + survivor.digits() + " " + admin.id() + " same patient, two numbers");
        assertThat(auditOf(jdbc, retired)).last().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("ADMIN");
            assertThat(entry.actorId()).isEqualTo(admin.id());
            assertThat(entry.detail()).contains("merged into " + survivor, "same patient, two numbers");
        });
        assertThat(auditOf(jdbc, survivor)).last().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("ADMIN");
            assertThat(entry.detail()).contains("took in merged number " + retired);
        });
        assertThat(events.stream(PatientLinkChanged.class).filter(e -> e.number().equals(survivor)).toList())
                .last().satisfies(e -> {
                    assertThat(e.retired()).containsExactly(retired);
                    assertThat(e.links()).hasSize(2);
                });

        // Enrolment and linking keep working through the retired number.
        assertThat(enrolment.enrol(clinic, clinicId, clinicClerk).eventNumber()).isEqualTo(survivor);
        String other = localId("C");
        assertThat(enrolment.link(clinic, other, retired.formatted(), IdentityVerification.CARD, "card", clinicClerk)
                .link().eventNumber()).isEqualTo(survivor);
    }

    @Test
    void mergeChainsResolveToTheLastSurvivor() {
        EventNumber first = enrolment.enrol(hospital, localId("H"), hospitalClerk).eventNumber();
        EventNumber second = enrolment.enrol(hospital, localId("H"), hospitalClerk).eventNumber();
        EventNumber third = enrolment.enrol(clinic, localId("C"), clinicClerk).eventNumber();
        HubPrincipal admin = hubAdmin();

        enrolment.merge(second.formatted(), first.formatted(), "duplicate", admin);
        enrolment.merge(third.formatted(), second.formatted(), "duplicate", admin);

        assertThat(enrolment.resolve(first)).contains(third);
        assertThat(enrolment.retiredInto(third)).containsExactlyInAnyOrder(first, second);
        assertThat(enrolment.links(first)).hasSize(3);
    }

    @Test
    void mergesIntoItselfIntoAMergedNumberOrOfAMergedNumberAreRefused() {
        EventNumber a = enrolment.enrol(hospital, localId("H"), hospitalClerk).eventNumber();
        EventNumber b = enrolment.enrol(hospital, localId("H"), hospitalClerk).eventNumber();
        EventNumber c = enrolment.enrol(hospital, localId("H"), hospitalClerk).eventNumber();
        HubPrincipal admin = hubAdmin();
        enrolment.merge(a.formatted(), b.formatted(), "duplicate", admin);

        assertThatThrownBy(() -> enrolment.merge(a.formatted(), a.digits(), "oops", admin))
                .hasMessageContaining("cannot be merged into itself");
        assertThatThrownBy(() -> enrolment.merge(b.formatted(), c.formatted(), "oops", admin))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT))
                .hasMessageContaining(b + " was itself merged into " + a);
        assertThatThrownBy(() -> enrolment.merge(c.formatted(), b.formatted(), "oops", admin))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT))
                .hasMessageContaining(b + " was already merged into " + a);
        assertStatus(HttpStatus.NOT_FOUND, () -> enrolment.merge(a.formatted(), EventNumber.random().formatted(), "x", admin));
        assertThat(enrolment.resolve(c)).contains(c);
    }

    @Test
    void unknownAndSuspendedFacilitiesCannotEnrolOrLink() {
        String unknown = UUID.randomUUID().toString();
        assertStatus(HttpStatus.NOT_FOUND, () -> enrolment.enrol(unknown, localId("X"), clerk(unknown)));

        String suspended = TestFacilities.active(registry);
        registry.changeStatus(suspended, FacilityStatus.SUSPENDED, "contract lapsed", "test");
        assertThatThrownBy(() -> enrolment.enrol(suspended, localId("S"), clerk(suspended)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT))
                .hasMessageContaining("is SUSPENDED");
        EventNumber number = enrolment.enrol(hospital, localId("H"), hospitalClerk).eventNumber();
        assertStatus(HttpStatus.CONFLICT, () -> enrolment.link(suspended, localId("S"), number.formatted(),
                IdentityVerification.CARD, "card", clerk(suspended)));
        assertThat(enrolment.links(number)).hasSize(1);
    }

    @Test
    void localPatientIdsOutsideTheAllowedFormAreRefusedPrecisely() {
        assertThatThrownBy(() -> enrolment.enrol(hospital, "", hospitalClerk)).hasMessage("localPatientId: is required");
        assertThatThrownBy(() -> enrolment.enrol(hospital, "x".repeat(65), hospitalClerk))
                .hasMessage("localPatientId: must be at most 64 characters, was 65");
        assertThatThrownBy(() -> enrolment.enrol(hospital, "山田 001", hospitalClerk))
                .hasMessageContaining("may contain only letters");
        assertThat(enrolment.enrol(hospital, "A-1_b.2/" + "9".repeat(56), hospitalClerk).created()).isTrue();
        assertThat(enrolment.eventNumberOf(new FacilityPatientId(hospital, "bad id"))).isEqualTo(Optional.empty());
    }

    private static void assertStatus(HttpStatus status, Runnable call) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(status));
    }
}
