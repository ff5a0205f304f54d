package jp.renkei.hub.gateway.ss2;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/** Every sample file is mapped, skipped or refused with a reason; mapped values match the source text. */
class Ss2SampleMappingTest {

    private static final String P = "999/901/9999013/";

    @Test
    void everySampleIsMappedSkippedOrRefusedWithAReason() {
        List<Ss2Samples.Mapped> all = Ss2Samples.all().stream().map(Ss2Samples::map).toList();

        assertThat(all).hasSize(22);
        Map<String, String> fates = all.stream().collect(Collectors.toMap(Ss2Samples.Mapped::relative,
                m -> m.failure() != null ? "refused" : m.skipped() != null ? "skipped" : "mapped"));
        assertThat(fates.values().stream().filter("mapped"::equals)).hasSize(17);
        assertThat(fates.values().stream().filter("skipped"::equals)).hasSize(2);
        assertThat(fates.values().stream().filter("refused"::equals)).hasSize(3);
        assertThat(all.stream().filter(m -> m.skipped() != null).map(Ss2Samples.Mapped::skipped)).containsExactlyInAnyOrder(
                "data type ADT-42 (department/ward transfer (ADT^A02)) is not mapped to FHIR: a move inside a stay;"
                        + " the stay is the admission (ADT-22) and discharge (ADT-52) Encounter",
                "data type OMD (diet order (OMD^O03)) is not mapped to FHIR: inpatient meal orders for the hospital"
                        + " kitchen; the hub's FHIR API offers no NutritionOrder");
        assertThat(all).allSatisfy(m -> {
            if (m.failure() != null) {
                assertThat(m.failure().describe()).isNotBlank();
            }
        });
    }

    @Test
    void theBrokenSamplesAreRefusedWithPreciseReasons() {
        assertThat(Ss2Samples.map("000/000/0000001/20000401/ADT-31/9999013_20110630_OMP-11_123456789012345_20110701113813225_01_1")
                .failure().describe()).isEqualTo("not ISO-2022-JP: 8-bit byte 0xFB at offset 0 (ISO-2022-JP is 7-bit;"
                + " Shift_JIS, UTF-8 or binary content?)");
        assertThat(Ss2Samples.map("000/000/0000001/20000401/OMP-11/0000001_20000401_OMP-11_123456789012345_20110701113813225_01_1")
                .failure().describe()).isEqualTo("MSH[17]: a second MSH segment: one input holds exactly one message");
    }

    @Test
    void patientNameInKanjiAndKanaBirthDateAndSex() {
        Patient patient = only(Ss2Samples.map(P + "-/ADT-00/9999013_-_ADT-00_999999999999999_20111220224447339_-_1"),
                Patient.class).get(0);

        assertThat(patient.getName().get(0).getFamily()).isEqualTo("患者");
        assertThat(patient.getName().get(0).getGivenAsSingleString()).isEqualTo("太郎");
        assertThat(patient.getName().get(0).getExtensionByUrl(JpCoreSystems.NAME_REPRESENTATION).getValue()
                .primitiveValue()).isEqualTo("IDE");
        assertThat(patient.getName().get(1).getText()).isEqualTo("カンジャ タロウ");
        assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo("1948-04-05");
        assertThat(patient.getAddressFirstRep().getPostalCode()).isEqualTo("422-8033");
    }

    @Test
    void labResultsCarryTheirJlac10CodeValueUnitAndRange() {
        Ss2Samples.Mapped mapped = Ss2Samples.map(P + "20111220/OML-11/9999013_20111220_OML-11_000000011000354_20111220103059000_01_1");
        List<Observation> results = only(mapped, Observation.class);

        assertThat(results).hasSize(3);
        Observation protein = results.get(1);
        assertThat(protein.getCode().getCodingFirstRep().getSystem()).isEqualTo(JpCoreSystems.JLAC10);
        assertThat(protein.getCode().getCodingFirstRep().getCode()).isEqualTo("3A010000002327101");
        assertThat(protein.getCode().getCodingFirstRep().getDisplay()).isEqualTo("総蛋白");
        assertThat(protein.getValueQuantity().getValue()).isEqualByComparingTo(new BigDecimal("7.2"));
        assertThat(protein.getValueQuantity().getUnit()).isEqualTo("g/dl");
        assertThat(protein.getReferenceRangeFirstRep().getLow().getValue()).isEqualByComparingTo("6.70");
        assertThat(protein.getReferenceRangeFirstRep().getHigh().getValue()).isEqualByComparingTo("8.3");
        assertThat(protein.getEffectiveDateTimeType().getValueAsString()).isEqualTo("2011-12-19T15:00:00+09:00");
        DiagnosticReport report = only(mapped, DiagnosticReport.class).get(0);
        assertThat(report.getResult()).extracting(r -> r.getReference())
                .containsExactlyElementsOf(results.stream().map(r -> "Observation/" + r.getIdElement().getIdPart()).toList());
        assertThat(mapped.warnings()).containsExactly(
                "PID-3 '0001000052' differs from the storage's patient ID '9999013'; the storage's is used");
    }

    @Test
    void prescriptionCarriesHotCodeDoseDosageAndDays() {
        List<MedicationRequest> requests = only(Ss2Samples.map(
                P + "20110701/OMP-01/9999013_20110701_OMP-01_000000011000185_20110701224603984_01_1"), MedicationRequest.class);

        assertThat(requests).hasSize(3);
        MedicationRequest first = requests.get(0);
        assertThat(first.getMedicationCodeableConcept().getCodingFirstRep().getSystem()).isEqualTo(JpCoreSystems.HOT9);
        assertThat(first.getMedicationCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("108665201");
        var dosage = first.getDosageInstructionFirstRep();
        assertThat(dosage.getDoseAndRateFirstRep().getDoseQuantity().getValue()).isEqualByComparingTo("1");
        assertThat(dosage.getDoseAndRateFirstRep().getDoseQuantity().getUnit()).isEqualTo("錠");
        assertThat(dosage.getDoseAndRateFirstRep().getDoseQuantity().getSystem()).isEqualTo(JpCoreSystems.MERIT9_UNIT);
        assertThat(dosage.getTiming().getCode().getCodingFirstRep().getCode()).isEqualTo("1013044400000000");
        assertThat(dosage.getTiming().getCode().getCodingFirstRep().getSystem()).isEqualTo(JpCoreSystems.JAMI_DOSAGE);
        assertThat(dosage.getText()).isEqualTo("内服・経口・１日３回朝昼夕食後");
        assertThat(first.getDispenseRequest().getExpectedSupplyDuration().getValue()).isEqualByComparingTo("5");
        assertThat(first.getDispenseRequest().getQuantity().getValue()).isEqualByComparingTo("15");
        assertThat(requests.get(2).getDosageInstructionFirstRep().getDoseAndRateFirstRep().getDoseQuantity().getValue())
                .isEqualByComparingTo("50");
    }

    @Test
    void allergiesConditionsInjectionsAndAdministrations() {
        List<AllergyIntolerance> allergies = only(Ss2Samples.map(
                P + "-/ADT-61/9999013_-_ADT-61_999999999999999_20111014232213000_-_1"), AllergyIntolerance.class);
        assertThat(allergies).hasSize(4);
        assertThat(allergies.get(3).getCode().getCodingFirstRep().getCode()).isEqualTo("106824501");
        assertThat(allergies.get(1).getOnsetStringType().getValue()).isEqualTo("小学校低学年の頃");

        Condition gastritis = only(Ss2Samples.map(
                P + "-/PPR-01/9999013_-_PPR-01_999999999999999_20111209163030000_01_1"), Condition.class).get(0);
        assertThat(gastritis.getCode().getCodingFirstRep().getCode()).isEqualTo("20054174");
        assertThat(gastritis.getCode().getCoding().get(1).getCode()).isEqualTo("K297");

        MedicationRequest injection = only(Ss2Samples.map(
                P + "20110701/OMP-02/9999013_20110701_OMP-02_123456789012345_20110701224603984_01_1"),
                MedicationRequest.class).get(0);
        assertThat(((org.hl7.fhir.r4.model.Medication) injection.getContained().get(0)).getIngredient())
                .extracting(i -> i.getItemCodeableConcept().getCodingFirstRep().getCode())
                .containsExactly("620007329", "620002559");

        List<MedicationAdministration> given = only(Ss2Samples.map(
                P + "20110701/OMP-12/9999013_20110701_OMP-12_123456789012345_20110701113813225_01_1"),
                MedicationAdministration.class);
        assertThat(given).hasSize(2);
        assertThat(given.get(0).getEffectivePeriod().getStartElement().getValueAsString())
                .isEqualTo("2011-07-01T08:05:21+09:00");
    }

    private static <R extends Resource> List<R> only(Ss2Samples.Mapped mapped, Class<R> type) {
        assertThat(mapped.failure()).as("failure of " + mapped.relative()).isNull();
        return mapped.resources().stream().filter(type::isInstance).map(type::cast).toList();
    }
}
