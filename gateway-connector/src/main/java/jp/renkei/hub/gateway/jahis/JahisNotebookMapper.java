package jp.renkei.hub.gateway.jahis;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import jp.renkei.hub.gateway.ingest.IngestIds;
import jp.renkei.hub.gateway.ingest.MappedRecord;
import jp.renkei.hub.gateway.ingest.SourceRef;
import jp.renkei.hub.gateway.jahis.TcDocument.Creator;
import jp.renkei.hub.gateway.jahis.TcDocument.NotebookEntry;
import jp.renkei.hub.gateway.jahis.TcDocument.OtcDrug;
import jp.renkei.hub.gateway.jahis.TcDocument.OtcIngredient;
import jp.renkei.hub.gateway.jahis.TcDocument.SpecialNote;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/**
 * Maps what a notebook says about the patient outside its dispensings, one ingest record per item so that a later
 * notebook that no longer repeats an item never marks it as withdrawn:
 * <ul>
 *   <li>record 2 (患者特記): allergy → JP_AllergyIntolerance (type allergy, category by {@link AllergenCategory});
 *       side effect → JP_AllergyIntolerance (type intolerance, category medication) with the reaction — JP Core and
 *       JP-CLINS keep adverse drug reactions and drug contraindications (薬剤禁忌) as AllergyIntolerance, neither
 *       profiles AdverseEvent, and the summary and the FHIR API offer AllergyIntolerance; past illness and other
 *       notes (e.g. 嚥下困難) → JP_Condition;</li>
 *   <li>record 3 with its 31 (OTC drugs) → MedicationStatement, category patient-specified, the medication coded as
 *       the line gives it (JAN, SMDC ingredient codes) with its name as text (JP Core 1.1.2 has no
 *       MedicationStatement profile);</li>
 *   <li>records 4 (notebook memo) and 601 (patient-entered) → JP_Observation_Common with the text as value; what
 *       the patient wrote has the patient as performer and the category {@code patient-reported}.</li>
 * </ul>
 * Identity: the record key is {@code JAHIS-NOTE/<patient hash>/<kind>/<digest of the content>}, so the same
 * statement imported again (from this notebook or a later one) writes nothing new.
 */
public final class JahisNotebookMapper {

    /** Codes of what a notebook entry is (category and code of the Observations of records 4 and 601). */
    public static final String NOTEBOOK = "https://renkei-hub.jp/fhir/CodeSystem/jahis-notebook";
    /** JAN codes of OTC drugs are GTINs (GS1 Japan). */
    static final String GTIN = "https://www.gs1.org/gtin";
    /** 成分名コード of the Self-Medication Database Center (SMDC), record 31 code type 2; it has no OID. */
    static final String SMDC_INGREDIENT = "https://renkei-hub.jp/fhir/CodeSystem/smdc-ingredient";
    static final String JP_ALLERGY_INTOLERANCE = JpCoreSystems.PROFILE_BASE + "JP_AllergyIntolerance";
    static final String JP_CONDITION = JpCoreSystems.PROFILE_BASE + "JP_Condition";
    static final String JP_OBSERVATION_COMMON = JpCoreSystems.PROFILE_BASE + "JP_Observation_Common";
    private static final String ALLERGY_CLINICAL = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";
    private static final String ALLERGY_VERIFICATION =
            "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification";
    private static final String CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    private static final String CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";
    private static final String STATEMENT_CATEGORY =
            "http://terminology.hl7.org/CodeSystem/medication-statement-category";
    /** The items have no version of their own: their content is their identity. */
    private static final LocalDateTime VERSION = LocalDate.of(2000, 1, 1).atStartOfDay();
    /** 「セフェム系（発熱）」: the substance, then the reaction in (full- or half-width) parentheses. */
    private static final Pattern REACTION = Pattern.compile("(.+?)\\s*[（(]([^（）()]+)[）)]\\s*");

    private JahisNotebookMapper() {
    }

    public static List<MappedRecord> map(TcDocument document, String facilityId, String localPatientId,
                                         SourceRef source) {
        Mapping mapping = new Mapping(document, facilityId, localPatientId, source);
        document.specialNotes().forEach(mapping::specialNote);
        document.otcDrugs().forEach(mapping::otcDrug);
        document.entries().forEach(mapping::entry);
        return mapping.records;
    }

    /** A notebook with nothing but its patient record: the patient, so that the import still says who it is. */
    static MappedRecord patientOnly(TcDocument document, String facilityId, String localPatientId, SourceRef source) {
        return new MappedRecord(facilityId, localPatientId, "JAHIS-NOTE/"
                + JahisDispensingMapper.patientHash(localPatientId) + "/patient", VERSION, false,
                List.of(JahisDispensingMapper.patient(document.patient())), source);
    }

    private static final class Mapping {
        private final TcDocument document;
        private final String facilityId;
        private final String localPatientId;
        private final SourceRef source;
        private final List<MappedRecord> records = new ArrayList<>();

        Mapping(TcDocument document, String facilityId, String localPatientId, SourceRef source) {
            this.document = document;
            this.facilityId = facilityId;
            this.localPatientId = localPatientId;
            this.source = source;
        }

        private String recordKey(String kind, String content) {
            return "JAHIS-NOTE/" + JahisDispensingMapper.patientHash(localPatientId) + "/" + kind + "/"
                    + IngestIds.sha256Hex(content.getBytes(StandardCharsets.UTF_8)).substring(0, 24);
        }

        /** Gives the resource its item ID and source identifier and adds it as a record with the patient. */
        private <T extends Resource> void add(String recordKey, T resource,
                                               java.util.function.BiConsumer<T, org.hl7.fhir.r4.model.Identifier> identify) {
            resource.setId(IngestIds.itemId(facilityId, resource.fhirType(), recordKey, "1"));
            identify.accept(resource, IngestIds.sourceIdentifier(facilityId, recordKey, "1"));
            records.add(new MappedRecord(facilityId, localPatientId, recordKey, VERSION, false,
                    List.of(JahisDispensingMapper.patient(document.patient()), resource), source));
        }

        void specialNote(SpecialNote note) {
            String key = recordKey("special-note", note.kind() + "\n" + note.text());
            switch (note.kind()) {
                case ALLERGY, SIDE_EFFECT -> add(key, allergy(note), AllergyIntolerance::addIdentifier);
                case PAST_ILLNESS, OTHER -> add(key, condition(note), Condition::addIdentifier);
            }
        }

        void otcDrug(OtcDrug otc) {
            String key = recordKey("otc", otc.name() + "\n" + otc.start() + "\n" + otc.end() + "\n" + otc.jan()
                    + "\n" + otc.ingredients().stream().map(i -> i.name() + "|" + i.code())
                    .collect(Collectors.joining(",")));
            add(key, statement(otc), MedicationStatement::addIdentifier);
        }

        void entry(NotebookEntry entry) {
            String key = recordKey(entry.type() == TcRecordType.MEMO ? "memo" : "patient-note",
                    entry.date() + "\n" + entry.text());
            add(key, observation(entry), Observation::addIdentifier);
        }
    }

    static AllergyIntolerance allergy(SpecialNote note) {
        AllergyIntolerance allergy = new AllergyIntolerance();
        allergy.getMeta().addProfile(JP_ALLERGY_INTOLERANCE);
        allergy.setPatient(MappedRecord.subject());
        allergy.setClinicalStatus(new CodeableConcept(new Coding(ALLERGY_CLINICAL, "active", "Active")));
        allergy.setVerificationStatus(new CodeableConcept(verification(note.creator(), ALLERGY_VERIFICATION)));
        if (note.kind() == TcDocument.SpecialNoteKind.SIDE_EFFECT) {
            Matcher parts = REACTION.matcher(note.text());
            boolean withReaction = parts.matches();
            allergy.setType(AllergyIntolerance.AllergyIntoleranceType.INTOLERANCE);
            allergy.addCategory(AllergyIntolerance.AllergyIntoleranceCategory.MEDICATION);
            allergy.setCode(new CodeableConcept().setText(withReaction ? parts.group(1) : note.text()));
            allergy.addReaction().addManifestation(new CodeableConcept().setText(withReaction ? parts.group(2)
                    : note.text()));
        } else {
            allergy.setType(AllergyIntolerance.AllergyIntoleranceType.ALLERGY);
            AllergenCategory.of(note.text()).ifPresent(allergy::addCategory);
            allergy.setCode(new CodeableConcept().setText(note.text()));
        }
        if (note.creator() == Creator.PATIENT) {
            allergy.setAsserter(MappedRecord.subject());
        }
        allergy.addNote().setText("お薬手帳の患者特記（" + note.kind().label() + "）: " + note.text());
        return allergy;
    }

    static Condition condition(SpecialNote note) {
        Condition condition = new Condition();
        condition.getMeta().addProfile(JP_CONDITION);
        condition.setSubject(MappedRecord.subject());
        condition.setVerificationStatus(new CodeableConcept(verification(note.creator(), CONDITION_VERIFICATION)));
        condition.addCategory(new CodeableConcept(new Coding(CONDITION_CATEGORY, "problem-list-item",
                "Problem List Item")).setText(note.kind().label()));
        condition.setCode(new CodeableConcept().setText(note.text()));
        if (note.creator() == Creator.PATIENT) {
            condition.setAsserter(MappedRecord.subject());
        }
        condition.addNote().setText("お薬手帳の患者特記（" + note.kind().label() + "）: " + note.text());
        return condition;
    }

    /** Medical staff wrote it: confirmed; the patient, someone else or nobody known: unconfirmed. */
    private static Coding verification(Creator creator, String system) {
        return creator == Creator.MEDICAL ? new Coding(system, "confirmed", "Confirmed")
                : new Coding(system, "unconfirmed", "Unconfirmed");
    }

    static MedicationStatement statement(OtcDrug otc) {
        MedicationStatement statement = new MedicationStatement();
        statement.setStatus(otc.end() != null ? MedicationStatement.MedicationStatementStatus.COMPLETED
                : MedicationStatement.MedicationStatementStatus.ACTIVE);
        statement.setCategory(new CodeableConcept(new Coding(STATEMENT_CATEGORY, "patientspecified",
                "Patient Specified")).setText("要指導医薬品・一般用医薬品 (OTC)"));
        statement.setMedication(otcMedication(otc));
        statement.setSubject(MappedRecord.subject());
        if (otc.start() != null || otc.end() != null) {
            Period period = new Period();
            if (otc.start() != null) {
                period.setStartElement(new DateTimeType(otc.start().toString()));
            }
            if (otc.end() != null) {
                period.setEndElement(new DateTimeType(otc.end().toString()));
            }
            statement.setEffective(period);
        }
        if (otc.creator() == Creator.PATIENT) {
            statement.setInformationSource(MappedRecord.subject());
        }
        if (!otc.ingredients().isEmpty()) {
            statement.addNote().setText("成分: " + otc.ingredients().stream().map(OtcIngredient::name)
                    .collect(Collectors.joining("、")));
        }
        return statement;
    }

    /**
     * The OTC drug as text with every code the file gives, as dispensed drugs carry theirs: the JAN code and the
     * SMDC code of each ingredient (an OTC drug is known by its ingredients to whoever compares it with
     * prescriptions).
     */
    static CodeableConcept otcMedication(OtcDrug otc) {
        CodeableConcept medication = new CodeableConcept().setText(otc.name());
        if (otc.jan() != null) {
            medication.addCoding(new Coding(GTIN, otc.jan(), otc.name()));
        }
        for (OtcIngredient ingredient : otc.ingredients()) {
            if (ingredient.code() != null) {
                medication.addCoding(new Coding(SMDC_INGREDIENT, ingredient.code(), ingredient.name()));
            }
        }
        return medication;
    }

    static Observation observation(NotebookEntry entry) {
        boolean memo = entry.type() == TcRecordType.MEMO;
        Observation observation = new Observation();
        observation.getMeta().addProfile(JP_OBSERVATION_COMMON);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        if (entry.creator() == Creator.PATIENT) {
            observation.addCategory(new CodeableConcept(new Coding(NOTEBOOK, "patient-reported",
                    "患者等の記入")));
            observation.addPerformer(MappedRecord.subject());
        }
        observation.setCode(new CodeableConcept(new Coding(NOTEBOOK, memo ? "memo" : "patient-note",
                memo ? "手帳メモ" : "患者等記入情報")).setText(memo ? "お薬手帳メモ" : "お薬手帳 患者等記入情報"));
        observation.setSubject(MappedRecord.subject());
        if (entry.date() != null) {
            observation.setEffective(new DateTimeType(entry.date().toString()));
        }
        observation.setValue(new StringType(entry.text()));
        return observation;
    }
}
