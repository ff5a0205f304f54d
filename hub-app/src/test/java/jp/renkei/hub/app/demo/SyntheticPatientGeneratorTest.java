package jp.renkei.hub.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import ca.uhn.fhir.context.FhirContext;
import jp.renkei.hub.core.ids.HubKeyedIds;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class SyntheticPatientGeneratorTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 21);
    private static final HubKeyedIds KEY = new HubKeyedIds(new byte[32]);

    @Test
    void benchmarkShapedBundleHasOnePatientTenLabsAndTwoPrescriptions() {
        Bundle bundle = new SyntheticPatientGenerator(1, TODAY, KEY).patientTransaction(DemoFacility.HOSPITAL, "B1", 1, 2);

        Map<String, Long> counts = bundle.getEntry().stream()
                .collect(Collectors.groupingBy(e -> e.getResource().fhirType(), Collectors.counting()));
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(
                Map.of("Patient", 1L, "Observation", 10L, "MedicationRequest", 2L));
        assertThat(bundle.getEntryFirstRep().getRequest().getIfNoneExist())
                .isEqualTo("identifier=" + JpCoreSystems.facilityPatientIdSystem("0710100017") + "|B1");
    }

    @Test
    void labResultsCarryJlac10CodesUcumUnitsAndReferenceRanges() {
        List<Observation> observations = resources(patientBundle(3), Observation.class);

        assertThat(observations).hasSize(30);
        assertThat(observations).allSatisfy(o -> {
            assertThat(o.getCode().getCodingFirstRep().getSystem()).isEqualTo(JpCoreSystems.JLAC10);
            assertThat(o.getCode().getCodingFirstRep().getCode()).matches("[0-9A-Z]{17}");
            assertThat(o.getValueQuantity().getSystem()).isEqualTo(JpCoreSystems.UCUM);
            assertThat(o.getReferenceRangeFirstRep().getLow().getValue()).isNotNull();
            assertThat(o.getSpecimen().getReference()).isEqualTo("#specimen");
        });
        assertThat(observations.stream().map(o -> o.getEffectiveDateTimeType().getValue()).distinct()).hasSize(3);
    }

    @Test
    void prescriptionsCarryTwelveCharacterYjCodesAndDuration() {
        List<MedicationRequest> requests = resources(patientBundle(1), MedicationRequest.class);

        assertThat(requests).hasSize(3).allSatisfy(r -> {
            assertThat(r.getMedicationCodeableConcept().getCodingFirstRep().getSystem()).isEqualTo(JpCoreSystems.YJ);
            assertThat(r.getMedicationCodeableConcept().getCodingFirstRep().getCode()).matches("[0-9]{7}[A-Z][0-9]{4}");
            assertThat(r.getDispenseRequest().getExpectedSupplyDuration().getValue().intValue()).isPositive();
        });
        assertThat(requests.stream().map(r -> r.getMedicationCodeableConcept().getCodingFirstRep().getCode()).distinct())
                .as("no drug twice for one patient").hasSize(3);
    }

    @Test
    void patientsHaveJapaneseNamesInKanjiAndKana() {
        Patient patient = resources(patientBundle(1), Patient.class).get(0);

        assertThat(patient.getName().get(0).getFamily()).matches("[\\p{IsHan}\\p{InHiragana}々]+");
        assertThat(patient.getName().get(1).getFamily()).matches("\\p{InKatakana}+");
        assertThat(patient.getAddressFirstRep().getState()).isEqualTo("福島県");
    }

    @Test
    void sameSeedAndIdGiveTheSamePatientAndDifferentIdsDiffer() {
        FhirContext fhir = FhirContext.forR4Cached();
        Function<Bundle, String> json = b -> fhir.newJsonParser().encodeResourceToString(b);
        SyntheticPatientGenerator generator = new SyntheticPatientGenerator(42, TODAY, KEY);

        assertThat(json.apply(generator.patientTransaction(DemoFacility.CLINIC, "C1", 2, 2)))
                .isEqualTo(json.apply(new SyntheticPatientGenerator(42, TODAY, KEY)
                        .patientTransaction(DemoFacility.CLINIC, "C1", 2, 2)));
        assertThat(json.apply(generator.patientTransaction(DemoFacility.CLINIC, "C2", 2, 2)))
                .isNotEqualTo(json.apply(generator.patientTransaction(DemoFacility.CLINIC, "C1", 2, 2)));
    }

    @Test
    void recordIdentifiersComeFromTheHubKeyNotFromTheSeedAndLocalId() {
        Observation mine = resources(new SyntheticPatientGenerator(42, TODAY, KEY)
                .patientTransaction(DemoFacility.HOSPITAL, "H000001", 1, 1), Observation.class).get(0);
        Observation otherHub = resources(new SyntheticPatientGenerator(42, TODAY, HubKeyedIds.withRandomKey())
                .patientTransaction(DemoFacility.HOSPITAL, "H000001", 1, 1), Observation.class).get(0);

        assertThat(otherHub.getValueQuantity().getValue()).isEqualTo(mine.getValueQuantity().getValue());
        assertThat(otherHub.getIdentifierFirstRep().getValue()).isNotEqualTo(mine.getIdentifierFirstRep().getValue())
                .doesNotContain("H000001");
        assertThat(mine.getIdentifierFirstRep().getValue())
                .startsWith("0710100017." + KEY.hex(8, "demo-record", DemoFacility.HOSPITAL.name(), "H000001") + ".lab.");
    }

    @Test
    void demoFacilitiesAreApplicationsTheRegistryAccepts() {
        assertThat(DemoFacility.ALL).allSatisfy(f -> assertThat(f.application().kind()).isEqualTo(f.kind()));
        assertThat(DemoFacility.CARE_OFFICE.code()).isNull();
    }

    @Test
    void patientDataReferencesFacilitiesByMedicalInstitutionCode() {
        assertThat(SyntheticPatientGenerator.organizationMatchUrl(DemoFacility.CLINIC))
                .isEqualTo("Organization?identifier=" + JpCoreSystems.MEDICAL_INSTITUTION_NO + "|0710200023");
        assertThatThrownBy(() -> SyntheticPatientGenerator.organizationMatchUrl(DemoFacility.CARE_OFFICE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Bundle patientBundle(int visits) {
        return new SyntheticPatientGenerator(5, TODAY, KEY).patientTransaction(DemoFacility.HOSPITAL, "H9", visits, 3);
    }

    private static <T extends Resource> List<T> resources(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(type::isInstance).map(type::cast).toList();
    }
}
