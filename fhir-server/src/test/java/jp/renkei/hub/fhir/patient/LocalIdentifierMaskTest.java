package jp.renkei.hub.fhir.patient;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.fhir.HubSystems;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class LocalIdentifierMaskTest {

    private static final FhirContext R4 = FhirContext.forR4Cached();
    private final LocalIdentifierMask mask = new LocalIdentifierMask(R4);
    private final String number = EventNumber.random().formatted();

    private Patient linkedAtBoth() {
        Patient patient = Fixtures.patient(Fixtures.HOSPITAL_SYSTEM, "H-1", "山田");
        patient.addIdentifier().setSystem(Fixtures.CLINIC_SYSTEM).setValue("C-9");
        patient.addIdentifier().setSystem(HubSystems.EVENT_NUMBER).setValue(number);
        patient.addIdentifier().setSystem("urn:oid:1.2.392.100495.20.3.51.11234567890").setValue("X-5");
        return patient;
    }

    @Test
    void foreignLocalIdsGoOwnAndEventNumberStay() {
        Patient patient = linkedAtBoth();

        Patient masked = (Patient) mask.masked(patient, Fixtures.hospital());

        assertThat(masked.getIdentifier()).extracting(Identifier::getSystem, Identifier::getValue).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Fixtures.HOSPITAL_SYSTEM, "H-1"),
                org.assertj.core.groups.Tuple.tuple(HubSystems.EVENT_NUMBER, number));
        assertThat(patient.getIdentifier()).as("the original is left alone").hasSize(4);
    }

    @Test
    void aFacilityWithoutACodeSeesNoLocalIdsAtAll() {
        Patient masked = (Patient) mask.masked(linkedAtBoth(),
                new ActingFacility(Fixtures.CARE_OFFICE, java.util.Optional.empty()));

        assertThat(masked.getIdentifier()).extracting(Identifier::getSystem).containsExactly(HubSystems.EVENT_NUMBER);
    }

    @Test
    void nothingToRemoveMeansTheSameInstance() {
        Patient own = Fixtures.patient(Fixtures.HOSPITAL_SYSTEM, "H-1", "山田");

        assertThat(mask.masked(own, Fixtures.hospital())).isSameAs(own);
    }

    @Test
    void patientsInsideBundlesParametersContainedResourcesAndReferencesAreMaskedToo() {
        Observation observation = new Observation();
        observation.addContained(linkedAtBoth().setId("p"));
        observation.setSubject(new Reference("#p").setIdentifier(
                new Identifier().setSystem(Fixtures.CLINIC_SYSTEM).setValue("C-9")));
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("patient").setResource(linkedAtBoth());
        Bundle bundle = new Bundle();
        bundle.addEntry().setResource(linkedAtBoth());
        bundle.addEntry().setResource(observation);
        bundle.addEntry().setResource(parameters);

        String json = R4.newJsonParser().encodeResourceToString(mask.masked(bundle, Fixtures.hospital()));

        assertThat(json).doesNotContain("C-9", "X-5", Fixtures.CLINIC_SYSTEM, "1.2.392.100495.20.3.51.11234567890")
                .contains("H-1", number);
        assertThat(R4.newJsonParser().encodeResourceToString(bundle)).as("the original is left alone").contains("C-9");
    }

    @Test
    void identifiersInExtensionsOfPrimitivesAndDosagesAreMaskedToo() {
        MedicationRequest request = new MedicationRequest();
        request.getAuthoredOnElement().setValueAsString("2026-12-01");
        request.getAuthoredOnElement().addExtension("https://example.jp/a", new Identifier().setSystem(Fixtures.CLINIC_SYSTEM).setValue("C-9"));
        request.addDosageInstruction().setText("1日1回")
                .addExtension("https://example.jp/b", new Identifier().setSystem(Fixtures.CLINIC_SYSTEM).setValue("C-8"));
        request.addDosageInstruction().setText("頓用")
                .addExtension("https://example.jp/c", new Identifier().setSystem(Fixtures.HOSPITAL_SYSTEM).setValue("H-1"));

        String json = R4.newJsonParser().encodeResourceToString(mask.masked(request, Fixtures.hospital()));

        assertThat(json).doesNotContain("C-9", "C-8", Fixtures.CLINIC_SYSTEM).contains("H-1", "1日1回", "2026-12-01");
    }
}
