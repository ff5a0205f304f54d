package jp.renkei.hub.gateway.jahis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import jp.renkei.hub.gateway.ingest.IngestIds;
import jp.renkei.hub.gateway.ingest.MappedRecord;
import jp.renkei.hub.gateway.ingest.SourceRef;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JahisDispensingMapperTest {

    private static final String FACILITY = UUID.randomUUID().toString();
    private static final SourceRef SOURCE = new SourceRef(JahisImport.SOURCE_KIND, "test.txt");
    /** The key names the patient only by a hash of its local ID (P-0042). */
    private static final String KEY_PREFIX = "JAHIS/" + java.util.HexFormat.of().formatHex(
            IngestIds.sha256("P-0042".getBytes(StandardCharsets.UTF_8)), 0, 8) + "/";
    private final JahisTcReader reader = new JahisTcReader();

    @Test
    void aDispensingBecomesOneRecordWithThePatientAndOneDispensePerDrug() {
        List<MappedRecord> records = map(reader.read(JahisFixtures.cp932Crlf("tc-supported-records-full.txt")));

        assertThat(records).hasSize(1);
        MappedRecord record = records.get(0);
        assertThat(record.facilityId()).isEqualTo(FACILITY);
        assertThat(record.localPatientId()).isEqualTo("P-0042");
        assertThat(record.recordKey()).isEqualTo(KEY_PREFIX + "1341234567/20260310/1317654321");
        assertThat(record.version()).isEqualTo("2026-03-10T00:00");
        Patient patient = (Patient) record.resources().get(0);
        assertThat(patient.getName()).extracting(HumanName::getFamily, n -> n.getGivenAsSingleString(),
                        n -> n.getExtensionString(JpCoreSystems.NAME_REPRESENTATION))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("山田", "太郎", "IDE"),
                        org.assertj.core.groups.Tuple.tuple("ヤマダ", "タロウ", "SYL"));
        assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo("1980-01-01");
        assertThat(patient.getGender().toCode()).isEqualTo("male");

        MedicationDispense dispense = (MedicationDispense) record.resources().get(1);
        assertThat(dispense.getIdElement().getIdPart()).isEqualTo(IngestIds.itemId(FACILITY, "MedicationDispense",
                record.recordKey(), "1/1"));
        assertThat(dispense.getIdentifier()).extracting(i -> i.getSystem() + "|" + i.getValue()).containsExactly(
                "urn:oid:1.2.392.100495.20.3.81|1", "urn:oid:1.2.392.100495.20.3.82|1",
                IngestIds.SOURCE_RECORD + "|" + FACILITY + "|" + IngestIds.sourceIdentifier(FACILITY,
                        KEY_PREFIX + "1341234567/20260310/1317654321", "1/1").getValue().substring(FACILITY.length() + 1));
        assertThat(dispense.getIdentifier().get(2).getValue()).matches(FACILITY + "\\|[0-9a-f]{40}");
        assertThat(dispense.getMedicationCodeableConcept().getCodingFirstRep().getSystem())
                .isEqualTo("urn:oid:1.2.392.100495.20.2.71");
        assertThat(dispense.getMedicationCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("612170709");
        assertThat(dispense.getMedicationCodeableConcept().getText()).isEqualTo("ノルバスク錠２．５ｍｇ");
        assertThat(dispense.getSubject().getReference()).isEqualTo(MappedRecord.SUBJECT);
        assertThat(dispense.getWhenHandedOverElement().getValueAsString()).isEqualTo("2026-03-10");
        // 1 錠 a day for 3 days
        assertThat(dispense.getQuantity().getValue()).isEqualByComparingTo("3");
        assertThat(dispense.getQuantity().getCode()).isEqualTo("TAB");
        assertThat(dispense.getDaysSupply().getValue()).isEqualByComparingTo("3");
        assertThat(dispense.getDosageInstructionFirstRep().getText()).isEqualTo("毎食後服用");
        // what tells how to take it is an additional instruction; what informs the next clinician a labelled note
        assertThat(dispense.getDosageInstructionFirstRep().getAdditionalInstruction()).extracting(c -> c.getText())
                .containsExactly("グレープフルーツジュースを避ける", "透析日は休薬", "眠気に注意", "他の薬との併用に注意");
        assertThat(dispense.getNote()).extracting(n -> n.getText()).containsExactly("薬品補足: 朝1錠、夕2錠",
                "医療機関等提供情報: 粉砕して交付", "残薬確認: 残薬は5錠", "備考: 正しい飲み方は薬袋を参照");
        Organization pharmacy = (Organization) contained(dispense, "pharmacy");
        assertThat(pharmacy.getName()).isEqualTo("株式会社 工業会薬局 駅前店");
        assertThat(pharmacy.getIdentifierFirstRep().getValue()).isEqualTo("1341234567");
        assertThat(dispense.getPerformer()).extracting(p -> p.getActor().getReference())
                .containsExactly("#pharmacy", "#pharmacist");
        assertThat(prescriber(dispense)).isEqualTo("#prescriber-role");
        PractitionerRole role = (PractitionerRole) contained(dispense, "prescriber-role");
        assertThat(role.getSpecialtyFirstRep().getText()).isEqualTo("内科");
        assertThat(((Organization) contained(dispense, "prescribing-facility")).getIdentifierFirstRep().getValue())
                .isEqualTo("1317654321");
    }

    @Test
    void anotherPatientsDispensingWithTheSameDatePharmacyAndPrescriberIsAnotherRecord() {
        TcDocument document = reader.read(JahisFixtures.utf8("tc-multi-dispensing.txt"));

        MappedRecord mine = map(document).get(0);
        MappedRecord theirs = JahisDispensingMapper.map(document, FACILITY, "P-0043", SOURCE).get(0);

        assertThat(theirs.recordKey()).isNotEqualTo(mine.recordKey()).doesNotContain("P-0043");
        assertThat(theirs.resources().get(1).getIdElement().getIdPart())
                .isNotEqualTo(mine.resources().get(1).getIdElement().getIdPart());
    }

    @Test
    void theSameFileMapsToTheSameIdsAndKeysEveryTime() {
        List<MappedRecord> first = map(reader.read(JahisFixtures.utf8("tc-multi-dispensing.txt")));
        List<MappedRecord> again = map(reader.read(JahisFixtures.cp932Crlf("tc-multi-dispensing.txt")));

        assertThat(first).hasSize(2);
        assertThat(again).extracting(MappedRecord::recordKey).isEqualTo(first.stream().map(MappedRecord::recordKey).toList());
        FhirContext r4 = FhirContext.forR4Cached();
        for (int i = 0; i < first.size(); i++) {
            for (int j = 0; j < first.get(i).resources().size(); j++) {
                assertThat(r4.newJsonParser().encodeResourceToString(again.get(i).resources().get(j)))
                        .isEqualTo(r4.newJsonParser().encodeResourceToString(first.get(i).resources().get(j)));
            }
        }
        assertThat(first.get(1).recordKey()).isEqualTo(KEY_PREFIX + "1347654321/20260220/1311112223");
    }

    @Test
    void drugCodeTypesChooseTheirCodeSystem() {
        String text = JahisFixtures.text("tc-split-output-part-2.txt");
        String yj = text.replace(",2,612170709,1,", ",4,2171022F1022,1,");
        String hot9 = text.replace(",2,612170709,1,", ",6,103835401,1,");
        String none = text.replace(",2,612170709,1,", ",1,,1,");

        assertThat(coding(yj)).isEqualTo(JpCoreSystems.YJ + "|2171022F1022");
        assertThat(coding(hot9)).isEqualTo("urn:oid:1.2.392.200119.4.403.1|103835401");
        assertThat(coding(none)).isEqualTo("null|null");
    }

    @Test
    void aPatientOutputWithEraDatesAndNoCodesMaps() {
        String text = JahisFixtures.withHeader("tc-output-category-2-full.txt", "JAHISTC07,2");
        List<MappedRecord> records = map(reader.read(text.getBytes(StandardCharsets.UTF_8)));

        MappedRecord record = records.get(0);
        assertThat(record.recordKey()).isEqualTo(KEY_PREFIX + "name:株式会社 工業会薬局 駅前店/20200410/name:医療法人 工業会病院");
        assertThat(((Patient) record.resources().get(0)).getBirthDateElement().getValueAsString()).isEqualTo("1958-03-03");
        MedicationDispense dispense = (MedicationDispense) record.resources().get(1);
        assertThat(dispense.getQuantity().getValue()).isEqualByComparingTo("28");
        // no doctor named: the facility itself requested
        assertThat(prescriber(dispense)).isEqualTo("#prescribing-facility");
        assertThat(JpCoreValidation.errors(dispense)).isEmpty();
    }

    /** Every TC fixture not named invalid: each must import. */
    static List<String> validTcFixtures() {
        return JahisFixtures.names("tc-").stream().filter(name -> !name.contains("invalid")).toList();
    }

    @Test
    void theValidFixturesAreAllThere() {
        assertThat(validTcFixtures()).contains("tc-minimal-valid.txt", "tc-output-category-2-full.txt",
                "tc-supported-records-full.txt", "tc-multi-dispensing.txt").hasSize(6);
    }

    @ParameterizedTest
    @MethodSource("validTcFixtures")
    void everyProducedResourceIsValidJpCore(String fixture) {
        for (MappedRecord record : map(reader.read(JahisFixtures.cp932Crlf(fixture)))) {
            for (Resource resource : record.resources()) {
                Resource stored = asStored(resource);
                assertThat(JpCoreValidation.errors(stored))
                        .as(fixture + ": " + FhirContext.forR4Cached().newJsonParser().setPrettyPrint(true)
                                .encodeResourceToString(stored))
                        .isEmpty();
            }
        }
    }

    @Test
    void theValidatorKnowsJpCore() {
        MedicationDispense dispense = (MedicationDispense) asStored(map(reader.read(
                JahisFixtures.utf8("tc-split-output-part-2.txt"))).get(0).resources().get(1));
        dispense.getIdentifier().removeIf(i -> i.getSystem().equals("urn:oid:1.2.392.100495.20.3.81"));
        Patient patient = (Patient) map(reader.read(JahisFixtures.utf8("tc-split-output-part-2.txt")))
                .get(0).resources().get(0); // no identifier yet: JP_Patient requires one

        assertThat(JpCoreValidation.errors(dispense)).extracting(m -> m.getMessage())
                .anyMatch(m -> m.contains("rpNumber"));
        assertThat(JpCoreValidation.errors(patient)).isNotEmpty();
    }

    /** What the ingest store does before writing: the patient reference and the Patient's local identifier. */
    private static Resource asStored(Resource resource) {
        Resource copy = resource.copy();
        if (copy instanceof Patient patient) {
            patient.addIdentifier().setSystem(JpCoreSystems.facilityPatientIdSystem("1341234567")).setValue("P-0042");
        }
        FhirContext.forR4Cached().newTerser().getAllPopulatedChildElementsOfType(copy, org.hl7.fhir.r4.model.Reference.class)
                .stream().filter(r -> MappedRecord.SUBJECT.equals(r.getReference()))
                .forEach(r -> r.setReference("Patient/gw-0001"));
        return copy;
    }

    private String coding(String text) {
        MedicationDispense dispense = (MedicationDispense) map(reader.read(text.getBytes(StandardCharsets.UTF_8)))
                .get(0).resources().get(1);
        var coding = dispense.getMedicationCodeableConcept().getCodingFirstRep();
        return coding.getSystem() + "|" + coding.getCode();
    }

    private static String prescriber(MedicationDispense dispense) {
        return ((org.hl7.fhir.r4.model.Reference) dispense.getExtensionByUrl(JahisDispensingMapper.PRESCRIBER)
                .getValue()).getReference();
    }

    private static Resource contained(MedicationDispense dispense, String id) {
        return dispense.getContained().stream().filter(r -> r.getIdElement().getIdPart().equals(id)).findFirst()
                .orElseThrow();
    }

    private static List<MappedRecord> map(TcDocument document) {
        return JahisDispensingMapper.map(document, FACILITY, "P-0042", SOURCE);
    }
}
