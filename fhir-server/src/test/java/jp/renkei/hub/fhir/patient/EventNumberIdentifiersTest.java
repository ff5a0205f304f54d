package jp.renkei.hub.fhir.patient;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import jp.renkei.hub.core.patient.EventNumber;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class EventNumberIdentifiersTest {

    private final EventNumber survivor = EventNumber.random();
    private final EventNumber merged = EventNumber.random();
    private final Patient patient = Fixtures.patient(Fixtures.HOSPITAL_SYSTEM, "H-1", "山田");

    @Test
    void aLinkedPatientGetsItsNumberAsOfficialNextToItsLocalId() {
        Patient linked = EventNumberIdentifiers.reconciled(patient, Optional.of(survivor), List.of()).orElseThrow();

        assertThat(Fixtures.eventIdentifiers(linked)).containsExactly(survivor.formatted() + " official");
        assertThat(linked.getIdentifier()).extracting(Identifier::getValue).contains("H-1");
        assertThat(Fixtures.eventIdentifiers(patient)).as("the input is not changed").isEmpty();
    }

    @Test
    void aMergeKeepsTheRetiredNumberAsOld() {
        Patient before = EventNumberIdentifiers.reconciled(patient, Optional.of(merged), List.of()).orElseThrow();

        Patient after = EventNumberIdentifiers.reconciled(before, Optional.of(survivor), List.of(merged)).orElseThrow();

        assertThat(Fixtures.eventIdentifiers(after))
                .containsExactly(survivor.formatted() + " official", merged.formatted() + " old");
    }

    @Test
    void anUnlinkedPatientLosesEveryEventNumber() {
        Patient linked = EventNumberIdentifiers.reconciled(patient, Optional.of(survivor), List.of(merged)).orElseThrow();

        Patient unlinked = EventNumberIdentifiers.reconciled(linked, Optional.empty(), List.of()).orElseThrow();

        assertThat(Fixtures.eventIdentifiers(unlinked)).isEmpty();
        assertThat(unlinked.getIdentifier()).extracting(Identifier::getValue).containsExactly("H-1");
    }

    @Test
    void aPatientThatIsAlreadyRightIsNotRewritten() {
        Patient linked = EventNumberIdentifiers.reconciled(patient, Optional.of(survivor), List.of(merged)).orElseThrow();
        java.util.Collections.reverse(linked.getIdentifier());

        assertThat(EventNumberIdentifiers.reconciled(linked, Optional.of(survivor), List.of(merged))).isEmpty();
        assertThat(EventNumberIdentifiers.reconciled(patient, Optional.empty(), List.of())).isEmpty();
    }

    @Test
    void aWrongUseOrAStrayNumberIsCorrected() {
        Patient stray = patient.copy();
        stray.addIdentifier().setSystem(jp.renkei.hub.fhir.HubSystems.EVENT_NUMBER).setValue(survivor.formatted())
                .setUse(Identifier.IdentifierUse.USUAL);
        stray.addIdentifier().setSystem(jp.renkei.hub.fhir.HubSystems.EVENT_NUMBER).setValue(merged.formatted());

        Patient fixed = EventNumberIdentifiers.reconciled(stray, Optional.of(survivor), List.of()).orElseThrow();

        assertThat(Fixtures.eventIdentifiers(fixed)).containsExactly(survivor.formatted() + " official");
    }
}
