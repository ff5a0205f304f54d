package jp.renkei.hub.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import jp.renkei.hub.core.testsupport.HubCoreTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@HubCoreTest
class AuditQueryTest {

    @Autowired
    AuditTrail trail;
    @Autowired
    AuditQuery query;

    String facility;
    String alice;
    String bob;
    String patient;
    long aliceRead;
    long aliceDenied;
    long bobSearch;
    long bobFailed;

    @BeforeEach
    void recordEvents() {
        facility = AuditEntries.unique("fac");
        alice = AuditEntries.unique("alice");
        bob = AuditEntries.unique("bob");
        patient = AuditEntries.unique("Patient/p");
        aliceRead = trail.record(AuditEntries.of(alice, facility, patient, AuditAction.READ, AuditOutcome.SUCCESS));
        aliceDenied = trail.record(AuditEntries.of(alice, facility, "Patient/other", AuditAction.READ, AuditOutcome.DENIED));
        bobSearch = trail.record(AuditEntries.of(bob, facility, patient, AuditAction.SEARCH, AuditOutcome.SUCCESS));
        bobFailed = trail.record(AuditEntries.of(bob, facility, null, AuditAction.CREATE, AuditOutcome.FAILED));
    }

    private List<Long> seqs(AuditFilter filter) {
        return query.search(filter).stream().map(AuditRecord::seq).toList();
    }

    @Test
    void filtersByActorFacilityPatientActionAndOutcomeNewestFirst() {
        AuditFilter ofFacility = AuditFilter.any().withFacilityId(facility);
        assertThat(seqs(ofFacility)).containsExactly(bobFailed, bobSearch, aliceDenied, aliceRead);
        assertThat(seqs(AuditFilter.any().withActorId(alice))).containsExactly(aliceDenied, aliceRead);
        assertThat(seqs(AuditFilter.any().withPatientRef(patient))).containsExactly(bobSearch, aliceRead);
        assertThat(seqs(ofFacility.withPatientRefs(Set.of(patient, "Patient/other"))))
                .containsExactly(bobSearch, aliceDenied, aliceRead);
        assertThat(seqs(ofFacility.withAction(AuditAction.READ))).containsExactly(aliceDenied, aliceRead);
        assertThat(seqs(ofFacility.withOutcomes(Set.of(AuditOutcome.DENIED, AuditOutcome.FAILED))))
                .containsExactly(bobFailed, aliceDenied);
        assertThat(seqs(ofFacility.withActorId(bob).withAction(AuditAction.READ))).isEmpty();
    }

    @Test
    void filtersByTimeFromInclusiveToExclusive() {
        AuditRecord second = query.find(aliceDenied).orElseThrow();
        AuditRecord fourth = query.find(bobFailed).orElseThrow();
        AuditFilter ofFacility = AuditFilter.any().withFacilityId(facility);

        assertThat(seqs(ofFacility.withFrom(second.recordedAt()))).containsExactly(bobFailed, bobSearch, aliceDenied);
        assertThat(seqs(ofFacility.withTo(second.recordedAt()))).containsExactly(aliceRead);
        assertThat(seqs(ofFacility.withFrom(second.recordedAt()).withTo(fourth.recordedAt())))
                .containsExactly(bobSearch, aliceDenied);
    }

    @Test
    void pagesWithLimitAndOffset() {
        AuditFilter ofFacility = AuditFilter.any().withFacilityId(facility);
        assertThat(query.search(ofFacility, 3, 0)).extracting(AuditRecord::seq).containsExactly(bobFailed, bobSearch, aliceDenied);
        assertThat(query.search(ofFacility, 3, 3)).extracting(AuditRecord::seq).containsExactly(aliceRead);
        assertThat(query.search(ofFacility, 3, 4)).isEmpty();
        assertThat(query.search(AuditFilter.any(), AuditQuery.MAX_LIMIT, 0)).hasSizeLessThanOrEqualTo(AuditQuery.MAX_LIMIT);

        assertThatThrownBy(() -> query.search(ofFacility, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> query.search(ofFacility, AuditQuery.MAX_LIMIT + 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> query.search(ofFacility, 10, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void findsOneEventBySequenceNumber() {
        assertThat(query.find(bobSearch)).get().satisfies(r -> {
            assertThat(r.actorId()).isEqualTo(bob);
            assertThat(r.action()).isEqualTo(AuditAction.SEARCH);
        });
        assertThat(query.find(Long.MAX_VALUE)).isEmpty();
    }
}
