package jp.renkei.hub.gateway.jahis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import jp.renkei.hub.gateway.ingest.MappedRecord;
import jp.renkei.hub.gateway.ingest.SourceRef;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The prescription 2D symbol (JAHIS10): reading, mapping to JP_MedicationRequest, and precise refusals. */
class JahisPrescriptionTest {

    private static final String FACILITY = "f-0000-pharmacy";
    private static final SourceRef SOURCE = new SourceRef(JahisImport.SOURCE_KIND, "P-0042/rx.txt");
    private final JahisRxReader reader = new JahisRxReader();

    @Test
    void readsTheScannedPrescriptionInEveryEncodingAndLineEnding() {
        RxDocument utf8 = read(JahisFixtures.utf8("qr-decoded-anonymized.txt"));
        RxDocument cp932 = read(JahisFixtures.cp932Crlf("qr-decoded-anonymized.txt"));

        assertThat(cp932.charset()).isEqualTo(TcText.CP932);
        assertThat(cp932.lineEnding()).isEqualTo(TcText.LineEnding.CRLF);
        assertThat(cp932.rps()).isEqualTo(utf8.rps());
        assertThat(utf8.facility().name()).isEqualTo("テスト医療センター");
        assertThat(utf8.facilityCode()).isEqualTo("9709999");
        assertThat(utf8.doctor().name()).isEqualTo("テスト 医師");
        assertThat(utf8.doctor().department()).isEqualTo("テスト内科");
        assertThat(utf8.patient()).hasValueSatisfying(p -> {
            assertThat(p.name()).isEqualTo("テスト 花子");
            assertThat(p.sex()).isEqualTo("2");
            assertThat(p.birthDate()).isEqualTo(LocalDate.of(1990, 1, 1));
        });
        assertThat(utf8.issued()).isEqualTo(LocalDate.of(2026, 1, 30));
        assertThat(utf8.expires()).isEqualTo(LocalDate.of(2026, 2, 2));
        RxDocument.Rp rp = utf8.rps().get(0);
        assertThat(rp.usage().text()).isEqualTo("１日１回注射");
        assertThat(rp.usageNotes()).containsExactly("2/3から毎週火曜日");
        RxDocument.Drug drug = rp.drugs().get(0);
        assertThat(drug.codeType()).isEqualTo(DrugCodeType.YJ);
        assertThat(drug.code()).isEqualTo("2412403G3022");
        assertThat(drug.amount()).isEqualByComparingTo("1");
        assertThat(drug.unit()).isEqualTo("キット");
        assertThat(utf8.notImported()).extracting(r -> r.type().number()).containsExactly("2", "3", "21", "22", "23");
    }

    @Test
    void theFullLayoutGivesTheTenDigitCodeAndAnInternalDrugPerDay() {
        MappedRecord record = map(read(JahisFixtures.utf8("normalization-spec-fields.txt")));

        assertThat(record.recordKey()).isEqualTo("JAHIS-RX/" + JahisDispensingMapper.patientHash("P-0042")
                + "/1311234567/20260310/DR001");
        assertThat(record.recordKey()).doesNotContain("P-0042");
        assertThat(record.version()).isEqualTo(LocalDate.of(2026, 3, 10).atStartOfDay());
        MedicationRequest request = (MedicationRequest) record.resources().get(1);
        assertThat(request.getMedicationCodeableConcept().getCodingFirstRep().getSystem())
                .isEqualTo("urn:oid:1.2.392.100495.20.2.71");
        assertThat(request.getMedicationCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("620000001");
        assertThat(request.getAuthoredOnElement().getValueAsString()).isEqualTo("2026-03-10");
        assertThat(request.getDosageInstructionFirstRep().getText()).isEqualTo("毎食後");
        assertThat(request.getDosageInstructionFirstRep().getDoseAndRateFirstRep().getRateRatio().getNumerator()
                .getValue()).isEqualByComparingTo("3");
        assertThat(request.getDispenseRequest().getExpectedSupplyDuration().getValue()).isEqualByComparingTo("14");
        assertThat(request.getDispenseRequest().getQuantity().getValue()).isEqualByComparingTo("42");
        assertThat(request.getNote()).extracting(n -> n.getText()).anyMatch(t -> t.contains("一包化"));
        assertThat(request.getIdentifier()).extracting(i -> i.getSystem() + "|" + i.getValue())
                .contains(JahisDispensingMapper.RP_NUMBER + "|1", JahisDispensingMapper.ORDER_IN_RP + "|1");
        PractitionerRole role = (PractitionerRole) request.getContained().stream()
                .filter(r -> r.getIdElement().getIdPart().equals("prescriber-role")).findFirst().orElseThrow();
        assertThat(request.getRequester().getReference()).isEqualTo("#prescriber-role");
        assertThat(role.getSpecialtyFirstRep().getText()).isEqualTo("内科");
        assertThat(request.getContained()).anySatisfy(r -> assertThat(r.fhirType()).isEqualTo("Organization"));
    }

    @Test
    void theSamePrescriptionMapsToTheSameIds() {
        MappedRecord first = map(read(JahisFixtures.utf8("qr-decoded-anonymized.txt")));
        MappedRecord again = map(read(JahisFixtures.cp932Crlf("qr-decoded-anonymized.txt")));

        assertThat(again.recordKey()).isEqualTo(first.recordKey());
        assertThat(again.resources()).extracting(r -> r.getIdElement().getIdPart())
                .isEqualTo(first.resources().stream().map(r -> r.getIdElement().getIdPart()).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"qr-decoded-anonymized.txt", "normalization-spec-fields.txt"})
    void everyProducedResourceIsValidJpCore(String fixture) {
        for (Resource resource : map(read(JahisFixtures.cp932Crlf(fixture))).resources()) {
            Resource stored = asStored(resource);
            assertThat(JpCoreValidation.errors(stored))
                    .as(fixture + ": " + FhirContext.forR4Cached().newJsonParser().setPrettyPrint(true)
                            .encodeResourceToString(stored))
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "invalid-missing-101.txt | line 2, record 111 (usage), field 1 (Rp number): refers to Rp 1, which has no"
                    + " dosage-form record 101 before it",
            "normalization-unknown-record.txt | line 2: unknown record number '999' (not a record of the JAHIS"
                    + " prescription 2D symbol)",
            "minimal-valid.txt | file: no prescription-date record 51: a prescription is dated",
            "normalization-extended-181.txt | file: no medical-institution record 1: who prescribed is required",
            "normalization-extended-201-spec-full.txt | file: no medical-institution record 1",
            "normalization-extended-101-111-201.txt | line 2, record 101 (dosage form), field 4 (dispensing"
                    + " quantity): '内服' is not a number",
            "normalization-extended-211.txt | line 3, record 201 (drug): has 6 fields; a drug record has 9",
            "normalization-extended-221.txt | line 3, record 201 (drug): has 6 fields",
            "normalization-extended-231.txt | line 3, record 201 (drug): has 6 fields",
            "normalization-extended-241.txt | line 3, record 201 (drug): has 6 fields",
            "normalization-extended-281.txt | line 3, record 201 (drug): has 6 fields",
            "normalization-multi-rp.txt | line 4, record 201 (drug): has 6 fields",
            "normalization-full.txt | line 23, record 201 (drug): has 6 fields",
    })
    void refusesWhatIsNotAPrescriptionItCanReadWithThePreciseReason(String fixture, String message) {
        for (byte[] bytes : new byte[][] {JahisFixtures.utf8(fixture), JahisFixtures.cp932Crlf(fixture)}) {
            assertThatThrownBy(() -> read(bytes))
                    .isInstanceOf(JahisFormatException.class)
                    .hasMessageStartingWith(message);
        }
    }

    @Test
    void everyPrescriptionFixtureIsCovered() {
        List<String> prescriptions = JahisFixtures.names("").stream()
                .filter(name -> JahisFixtures.text(name).startsWith(JahisRxReader.HEADER)).toList();
        assertThat(prescriptions).hasSize(15);
    }

    @Test
    void anotherVersionIsRefusedByName() {
        String text = JahisFixtures.text("qr-decoded-anonymized.txt").replace("JAHIS10", "JAHIS9");

        assertThatThrownBy(() -> read(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .hasMessage("line 1: prescription 2D-symbol version 'JAHIS9' is not supported; this hub reads JAHIS10");
    }

    private RxDocument read(byte[] bytes) {
        TcText text = TcText.decode(bytes);
        assertThat(JahisRxReader.isPrescription(text)).isTrue();
        return reader.read(text);
    }

    private static MappedRecord map(RxDocument document) {
        return JahisPrescriptionMapper.map(document, FACILITY, "P-0042", SOURCE);
    }

    /** What the ingest store does before writing: the patient reference and the Patient's local identifier. */
    private static Resource asStored(Resource resource) {
        Resource copy = resource.copy();
        if (copy instanceof Patient patient) {
            patient.addIdentifier().setSystem(JpCoreSystems.facilityPatientIdSystem("1341234567")).setValue("P-0042");
        }
        FhirContext.forR4Cached().newTerser().getAllPopulatedChildElementsOfType(copy, Reference.class).stream()
                .filter(r -> MappedRecord.SUBJECT.equals(r.getReference()))
                .forEach(r -> r.setReference("Patient/gw-0001"));
        return copy;
    }
}
