package jp.renkei.hub.fhir.patient;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.patient.FacilityPatientId;
import jp.renkei.hub.core.patient.PatientCrossReference;
import jp.renkei.hub.core.patient.PatientLinkChanged;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the event-number identifiers of Patients in step with the cross-reference. The event only says
 * whose links changed; what each Patient should carry is asked from the cross-reference itself, so that
 * events handled late or twice still leave the current state (a patient unlinked here may already be linked
 * to another number). Each facility's Patients are found by that facility's own local identifier.
 */
@Component
public class PatientIdentifierSync {

    private static final Logger log = LoggerFactory.getLogger(PatientIdentifierSync.class);

    private final PatientCrossReference crossReference;
    private final ActingFacilities facilities;
    private final PatientStore patients;
    private final TransactionTemplate newTransaction;

    public PatientIdentifierSync(PatientCrossReference crossReference, ActingFacilities facilities,
                                 PatientStore patients, PlatformTransactionManager transactions) {
        this.crossReference = crossReference;
        this.facilities = facilities;
        this.patients = patients;
        // Published after the cross-reference's commit: joining that ended transaction would lose the writes.
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @EventListener
    public void on(PatientLinkChanged event) {
        Set<FacilityPatientId> affected = new LinkedHashSet<>(event.links());
        affected.addAll(event.unlinked());
        int rewritten = newTransaction.execute(status -> affected.stream().mapToInt(this::reconcile).sum());
        log.info("Event number {}: {} Patient(s) of {} linked patient(s) rewritten", event.number(), rewritten,
                affected.size());
    }

    /** Brings the Patients of one facility's patient up to date; returns how many were rewritten. */
    private int reconcile(FacilityPatientId patient) {
        Optional<String> system = facilities.localSystemOf(patient.facilityId());
        if (system.isEmpty()) {
            log.warn("Facility {} has no local patient-ID system: its patient {} has no Patient to update",
                    patient.facilityId(), patient.localPatientId());
            return 0;
        }
        Optional<EventNumber> survivor = crossReference.eventNumberOf(patient);
        List<EventNumber> retired = survivor.map(crossReference::retiredInto).orElse(List.of());
        int rewritten = 0;
        for (Patient stored : patients.byIdentifier(system.get(), patient.localPatientId())) {
            Optional<Patient> changed = EventNumberIdentifiers.reconciled(stored, survivor, retired);
            if (changed.isPresent()) {
                patients.update(changed.get());
                rewritten++;
            }
        }
        return rewritten;
    }
}
