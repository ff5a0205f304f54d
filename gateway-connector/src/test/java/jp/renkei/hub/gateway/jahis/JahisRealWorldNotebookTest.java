package jp.renkei.hub.gateway.jahis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import jp.renkei.hub.gateway.ingest.MappedRecord;
import jp.renkei.hub.gateway.ingest.SourceRef;
import jp.renkei.hub.gateway.jahis.TcLine.Outcome;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Notebooks shaped like real ones (the repository's own Shift_JIS/CRLF files): every drug of a notebook with
 * materials and empty usage is imported with warnings naming line, record and field; a patient app's
 * {@code JAHISTC07,2} output and a file holding only a note import; special notes, OTC drugs, memos and patient
 * notes become their resources; and every resource produced validates against JP Core 1.1.2 with 0 errors.
 */
class JahisRealWorldNotebookTest {

    private static final String FACILITY = UUID.randomUUID().toString();
    private static final SourceRef SOURCE = new SourceRef(JahisImport.SOURCE_KIND, "P-0042/notebook.txt");
    private final JahisTcReader reader = new JahisTcReader();

    @Test
    void aNotebookWithMaterialsAndEmptyUsageImportsEveryDrugWithWarnings() {
        TcDocument document = reader.read(JahisNotebookFiles.bytes("notebook-materials-empty-usage.txt"));

        assertThat(document.charset()).isEqualTo(TcText.CP932);
        assertThat(document.lineEnding()).isEqualTo(TcText.LineEnding.CRLF);
        List<MedicationDispense> dispenses = dispenses(document);
        assertThat(dispenses).extracting(d -> d.getMedicationCodeableConcept().getText()).containsExactly(
                "ノボラピッド注フレックスペン", "ペンニードル３２Ｇテーパー", "メトホルミン塩酸塩錠２５０ｍｇ「トーワ」",
                "アルコール綿", "ロキソプロフェンＮａ錠６０ｍｇ");
        assertThat(document.lines()).hasSize(20).noneMatch(l -> l.outcome() == Outcome.NOT_MAPPED);
        assertThat(document.lines()).filteredOn(l -> l.outcome() == Outcome.WARNED)
                .extracting(l -> l.line() + ": " + l.detail().substring(l.detail().indexOf("; line ") + 2))
                .containsExactly(
                        "13: line 13, record 301 (usage), field 2 (usage name): empty, but required unless the dosage"
                                + " form is material (9) or other (10); the Rp's drugs are imported without a usage text",
                        "15: line 15, record 301 (usage), field 3 (quantity): empty; the dispensed amount is imported"
                                + " as the drug record gives it, without days supply",
                        "16: line 16, record 201 (drug), field 3 (dose): empty; the drug is imported without its amount");
        // a material may go without usage name: imported, no warning
        assertThat(document.lines().get(10).outcome()).isEqualTo(Outcome.IMPORTED);
        assertThat(document.lines().get(10).detail()).endsWith("(a material: no usage name)");
        assertThat(document.warnings()).hasSize(3);

        MedicationDispense metformin = dispenses.get(2);
        assertThat(metformin.getQuantity().getValue()).isEqualByComparingTo("84");
        assertThat(metformin.getDaysSupply().getValue()).isEqualByComparingTo("28");
        assertThat(metformin.getDosageInstructionFirstRep().hasText()).isFalse();
        MedicationDispense swabs = dispenses.get(3);
        assertThat(swabs.getQuantity().getValue()).isEqualByComparingTo("1");
        assertThat(swabs.getQuantity().getUnit()).isEqualTo("箱");
        assertThat(swabs.hasDaysSupply()).isFalse();
        MedicationDispense loxoprofen = dispenses.get(4);
        assertThat(loxoprofen.getQuantity().getValue()).isNull();
        assertThat(loxoprofen.getQuantity().getValueElement().getExtensionString(JahisDispensingMapper.DATA_ABSENT_REASON))
                .isEqualTo("unknown");
        assertThat(loxoprofen.getQuantity().getUnit()).isEqualTo("錠");
        assertThat(loxoprofen.getDosageInstructionFirstRep().getText()).isEqualTo("疼痛時");
        assertThat(metformin.getNote()).extracting(n -> n.getText()).containsExactly(
                "医療機関等提供情報: 手指の震えがあり、注射手技を確認した。", "残薬確認: メトホルミンが５錠残薬。",
                "備考: 次回は血糖手帳を持参してください。");
        assertValidJpCore(records(document));
    }

    @Test
    void aPatientAppsVersion07OutputImports() {
        TcDocument document = reader.read(JahisNotebookFiles.bytes("notebook-patient-app-07.txt"));

        assertThat(document.version()).isEqualTo(7);
        assertThat(document.outputCategory()).isEqualTo(TcDocument.OutputCategory.PATIENT);
        List<MedicationDispense> dispenses = dispenses(document);
        assertThat(dispenses).extracting(d -> d.getMedicationCodeableConcept().getText())
                .containsExactly("アムロジピン錠５ｍｇ", "ワーファリン錠１ｍｇ");
        assertThat(dispenses).allMatch(d -> !d.getMedicationCodeableConcept().hasCoding()
                && d.getWhenHandedOverElement().getValueAsString().equals("2026-01-10")
                && d.getDosageInstructionFirstRep().getText().equals("朝食後"));
        assertThat(dispenses.get(1).getQuantity().getValue()).isEqualByComparingTo("2");
        assertThat(document.lines()).noneMatch(l -> l.outcome() == Outcome.NOT_MAPPED);
        assertThat(document.lines()).filteredOn(l -> l.outcome() == Outcome.WARNED).extracting(TcLine::line)
                .containsExactly(6, 7, 8);

        Observation note = only(notebook(document), Observation.class);
        assertThat(note.getValueStringType().getValue()).isEqualTo("朝の薬を飲んだ後にふらつきがあった");
        assertThat(note.getEffectiveDateTimeType().getValueAsString()).isEqualTo("2026-01-15");
        assertThat(note.getPerformerFirstRep().getReference()).isEqualTo(MappedRecord.SUBJECT);
        assertThat(note.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("patient-reported");
        assertValidJpCore(records(document));
    }

    @Test
    void aFileHoldingOnlyANoteImportsThatNote() {
        TcDocument document = reader.read(JahisNotebookFiles.bytes("notebook-note-only.txt"));

        assertThat(document.dispensings()).isEmpty();
        assertThat(dispenses(document)).isEmpty();
        assertThat(document.lines()).extracting(TcLine::outcome).containsOnly(Outcome.IMPORTED).hasSize(3);
        Observation note = only(notebook(document), Observation.class);
        assertThat(note.getCode().getCodingFirstRep().getCode()).isEqualTo("patient-note");
        assertThat(note.getValueStringType().getValue()).isEqualTo("昼食後の薬を飲み忘れることが多い");
        assertValidJpCore(records(document));
    }

    @Test
    void specialNotesOtcDrugsMemosAndNotesBecomeTheirResources() {
        TcDocument document = reader.read(JahisNotebookFiles.bytes("notebook-special-notes-otc.txt"));
        List<Resource> notebook = notebook(document);

        List<AllergyIntolerance> allergies = all(notebook, AllergyIntolerance.class);
        assertThat(allergies).extracting(a -> a.getCode().getText() + " " + a.getType().toCode() + " "
                        + a.getCategory().stream().map(c -> c.getValue().toCode()).toList() + " "
                        + a.getVerificationStatus().getCodingFirstRep().getCode())
                .containsExactly("セフェム系抗生物質 allergy [medication] confirmed", "乳製品 allergy [food] unconfirmed",
                        "ロキソプロフェン intolerance [medication] confirmed");
        assertThat(allergies.get(1).getAsserter().getReference()).isEqualTo(MappedRecord.SUBJECT);
        assertThat(allergies.get(2).getReactionFirstRep().getManifestationFirstRep().getText()).isEqualTo("胃痛");
        assertThat(allergies.get(2).getNoteFirstRep().getText()).isEqualTo("お薬手帳の患者特記（副作用歴）: ロキソプロフェン（胃痛）");
        assertThat(all(notebook, Condition.class)).extracting(c -> c.getCode().getText() + " "
                + c.getCategoryFirstRep().getText()).containsExactly("狭心症 既往歴", "嚥下困難 その他");

        MedicationStatement otc = only(notebook, MedicationStatement.class);
        assertThat(otc.getCategory().getCodingFirstRep().getCode()).isEqualTo("patientspecified");
        assertThat(otc.getMedicationCodeableConcept().getText()).isEqualTo("バイエルアスピリン");
        assertThat(otc.getMedicationCodeableConcept().getCoding()).extracting(Coding::getSystem, Coding::getCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(JahisNotebookMapper.GTIN, "4987000000001"),
                        org.assertj.core.groups.Tuple.tuple(JahisNotebookMapper.SMDC_INGREDIENT, "1143001"));
        assertThat(otc.getStatus()).isEqualTo(MedicationStatement.MedicationStatementStatus.ACTIVE);
        assertThat(otc.getEffectivePeriod().getStartElement().getValueAsString()).isEqualTo("2026-01-01");
        assertThat(otc.getInformationSource().getReference()).isEqualTo(MappedRecord.SUBJECT);
        assertThat(otc.getNoteFirstRep().getText()).isEqualTo("成分: アスピリン");

        assertThat(all(notebook, Observation.class)).extracting(o -> o.getCode().getCodingFirstRep().getCode() + " "
                        + o.getValueStringType().getValue() + " " + o.hasPerformer())
                .containsExactly("memo 次回受診時に血圧手帳を持参 false", "patient-note 朝の服用後にめまいがあった true");

        MedicationDispense aspirin = dispenses(document).get(0);
        assertThat(aspirin.getDosageInstructionFirstRep().getAdditionalInstruction()).extracting(CodeableConcept::getText)
                .containsExactly("胃の不快感があれば相談してください。", "飲み忘れに注意してください。",
                        "出血しやすくなるため、歯科受診時は申し出てください。");
        assertThat(aspirin.getNote()).extracting(n -> n.getText())
                .containsExactly("医療機関等提供情報: 嚥下困難のため錠剤は粉砕して交付。");
        assertThat(document.lines()).filteredOn(l -> l.outcome() != Outcome.IMPORTED)
                .extracting(l -> l.line() + " " + l.outcome()).containsExactly("23 NOT_MAPPED");

        // the same notebook again: the same records and IDs, so nothing new is written
        List<MappedRecord> first = records(document);
        List<MappedRecord> again = records(reader.read(JahisNotebookFiles.bytes("notebook-special-notes-otc.txt")));
        assertThat(again).extracting(MappedRecord::recordKey).isEqualTo(first.stream().map(MappedRecord::recordKey).toList());
        assertThat(again).extracting(r -> r.resources().get(1).getIdElement().getIdPart())
                .isEqualTo(first.stream().map(r -> r.resources().get(1).getIdElement().getIdPart()).toList());
        assertValidJpCore(first);
    }

    /** Every resource of every repository notebook validates against JP Core 1.1.2 with 0 errors. */
    @ParameterizedTest
    @MethodSource("jp.renkei.hub.gateway.jahis.JahisNotebookFiles#names")
    void everyResourceOfTheRepositoryNotebooksIsValidJpCore(String name) {
        assertValidJpCore(records(reader.read(JahisNotebookFiles.bytes(name))));
    }

    private static List<MappedRecord> records(TcDocument document) {
        List<MappedRecord> records = new ArrayList<>(JahisDispensingMapper.map(document, FACILITY, "P-0042", SOURCE));
        records.addAll(JahisNotebookMapper.map(document, FACILITY, "P-0042", SOURCE));
        return records;
    }

    private static List<MedicationDispense> dispenses(TcDocument document) {
        return JahisDispensingMapper.map(document, FACILITY, "P-0042", SOURCE).stream()
                .flatMap(r -> r.resources().stream()).filter(MedicationDispense.class::isInstance)
                .map(MedicationDispense.class::cast).toList();
    }

    private static List<Resource> notebook(TcDocument document) {
        return JahisNotebookMapper.map(document, FACILITY, "P-0042", SOURCE).stream()
                .flatMap(r -> r.resources().stream()).filter(r -> !(r instanceof Patient)).toList();
    }

    private static <T extends Resource> List<T> all(List<Resource> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static <T extends Resource> T only(List<Resource> resources, Class<T> type) {
        List<T> found = all(resources, type);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    static void assertValidJpCore(List<MappedRecord> records) {
        for (MappedRecord record : records) {
            for (Resource resource : record.resources()) {
                Resource stored = asStored(resource);
                assertThat(JpCoreValidation.errors(stored)).as(FhirContext.forR4Cached().newJsonParser()
                        .setPrettyPrint(true).encodeResourceToString(stored)).isEmpty();
            }
        }
    }

    /** What the ingest store does before writing: the patient reference and the Patient's local identifier. */
    private static Resource asStored(Resource resource) {
        Resource copy = resource.copy();
        if (copy instanceof Patient patient) {
            patient.addIdentifier().setSystem(JpCoreSystems.facilityPatientIdSystem("0741234567")).setValue("P-0042");
        }
        FhirContext.forR4Cached().newTerser().getAllPopulatedChildElementsOfType(copy, Reference.class).stream()
                .filter(r -> MappedRecord.SUBJECT.equals(r.getReference()))
                .forEach(r -> r.setReference("Patient/gw-0001"));
        return copy;
    }
}
