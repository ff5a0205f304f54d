package jp.renkei.hub.fhir.patient;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.patient.FacilityPatientId;
import jp.renkei.hub.core.patient.PatientLinkChanged;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;

class PatientIdentifierSyncTest {

    private final Fixtures.CrossReference crossReference = new Fixtures.CrossReference();
    private final Fixtures.Store store = new Fixtures.Store();
    private final List<Integer> propagations = new ArrayList<>();
    private final PatientIdentifierSync sync = new PatientIdentifierSync(crossReference, Fixtures.facilities(), store,
            new PlatformTransactionManager() {
                @Override
                public TransactionStatus getTransaction(TransactionDefinition definition) {
                    propagations.add(definition.getPropagationBehavior());
                    return new SimpleTransactionStatus();
                }

                @Override
                public void commit(TransactionStatus status) {
                }

                @Override
                public void rollback(TransactionStatus status) {
                }
            });

    private final FacilityPatientId hospitalPatient = new FacilityPatientId(Fixtures.HOSPITAL, "H-1");
    private final FacilityPatientId clinicPatient = new FacilityPatientId(Fixtures.CLINIC, "C-9");
    private final String hospitalId = store.add(Fixtures.patient(Fixtures.HOSPITAL_SYSTEM, "H-1", "山田"));
    private final String clinicId = store.add(Fixtures.patient(Fixtures.CLINIC_SYSTEM, "C-9", "山田"));
    private final String otherId = store.add(Fixtures.patient(Fixtures.CLINIC_SYSTEM, "C-10", "佐藤"));

    @Test
    void linkedPatientsOfEveryFacilityGetTheNumberInANewTransaction() {
        EventNumber number = EventNumber.random();
        crossReference.links.put(hospitalPatient, number);
        crossReference.links.put(clinicPatient, number);

        sync.on(new PatientLinkChanged(number, List.of(), List.of(hospitalPatient, clinicPatient), List.of()));

        assertThat(Fixtures.eventIdentifiers(store.patients.get(hospitalId))).containsExactly(number.formatted() + " official");
        assertThat(Fixtures.eventIdentifiers(store.patients.get(clinicId))).containsExactly(number.formatted() + " official");
        assertThat(Fixtures.eventIdentifiers(store.patients.get(otherId))).isEmpty();
        assertThat(propagations).containsExactly(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Test
    void aMergeKeepsTheOldNumberAndAnUnlinkRemovesItOnlyWhereSomethingChanged() {
        EventNumber retired = EventNumber.random();
        EventNumber survivor = EventNumber.random();
        crossReference.links.put(hospitalPatient, retired);
        crossReference.links.put(clinicPatient, survivor);
        sync.on(new PatientLinkChanged(retired, List.of(), List.of(hospitalPatient), List.of()));
        sync.on(new PatientLinkChanged(survivor, List.of(), List.of(clinicPatient), List.of()));
        store.updates.clear();

        crossReference.links.put(hospitalPatient, survivor);
        crossReference.retiredTo.put(retired, survivor);
        sync.on(new PatientLinkChanged(survivor, List.of(retired), List.of(hospitalPatient, clinicPatient), List.of()));

        String both = survivor.formatted() + " official";
        assertThat(Fixtures.eventIdentifiers(store.patients.get(hospitalId))).containsExactly(both, retired.formatted() + " old");
        assertThat(Fixtures.eventIdentifiers(store.patients.get(clinicId))).containsExactly(both, retired.formatted() + " old");
        assertThat(store.updates).containsExactly(hospitalId, clinicId);

        store.updates.clear();
        crossReference.links.remove(clinicPatient);
        sync.on(new PatientLinkChanged(survivor, List.of(retired), List.of(hospitalPatient), List.of(clinicPatient)));

        assertThat(Fixtures.eventIdentifiers(store.patients.get(clinicId))).isEmpty();
        assertThat(store.updates).as("the hospital's Patient was already right").containsExactly(clinicId);
    }
}
