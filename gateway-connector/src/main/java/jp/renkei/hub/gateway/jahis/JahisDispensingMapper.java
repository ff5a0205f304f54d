package jp.renkei.hub.gateway.jahis;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import jp.renkei.hub.gateway.ingest.IngestIds;
import jp.renkei.hub.gateway.ingest.MappedRecord;
import jp.renkei.hub.gateway.ingest.SourceRef;
import jp.renkei.hub.gateway.jahis.TcDocument.Dispensing;
import jp.renkei.hub.gateway.jahis.TcDocument.Drug;
import jp.renkei.hub.gateway.jahis.TcDocument.Institution;
import jp.renkei.hub.gateway.jahis.TcDocument.Person;
import jp.renkei.hub.gateway.jahis.TcDocument.Rp;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Ratio;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Maps a read TC file to the ingest core's {@link MappedRecord}s: one record per dispensing (調剤), holding the
 * patient (JP_Patient from record 1) and one JP_MedicationDispense per drug line. The dispensing pharmacy, its
 * pharmacist and the prescribing facility and doctor travel with each dispense as contained resources (JAHIS
 * names them; they need not be members of the network).
 * <p>
 * Idempotency: the record key is {@code JAHIS/<patient hash>/<pharmacy>/<dispensing date>/<prescribing facility>} and each
 * dispense is the item {@code <Rp>/<order in Rp>} of it, so importing the same file again, or a later notebook
 * export that repeats a dispensing, writes nothing new.
 */
public final class JahisDispensingMapper {

    /** Quantity units for drug amounts that are not MERIT-9 units known here: the JAHIS unit text as code. */
    public static final String JAHIS_UNIT = "https://renkei-hub.jp/fhir/CodeSystem/jahis-unit";
    /** Extension naming who prescribed what was dispensed (a contained PractitionerRole or Organization). */
    public static final String PRESCRIBER = "https://renkei-hub.jp/fhir/StructureDefinition/jahis-prescriber";
    static final String DOSE_TYPE = JpCoreSystems.DOSE_TYPE;
    static final String PERFORMER_FUNCTION = "http://terminology.hl7.org/CodeSystem/medicationdispense-performer-function";
    static final String RP_NUMBER = JpCoreSystems.RP_NUMBER;
    static final String ORDER_IN_RP = JpCoreSystems.ORDER_IN_RP;
    static final String DATA_ABSENT_REASON = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

    /** MERIT-9 codes of the common units (those JP Core's own examples use). */
    private static final Map<String, String> MERIT9 = Map.of("錠", "TAB", "カプセル", "CAP", "本", "HON",
            "アンプル", "AMP", "mL", "ML", "ｍＬ", "ML", "回", "TIME");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private JahisDispensingMapper() {
    }

    /**
     * @param facilityId     the uploading facility (source of every resource)
     * @param localPatientId the patient's ID at that facility (TC files carry no patient ID)
     */
    public static List<MappedRecord> map(TcDocument document, String facilityId, String localPatientId,
                                         SourceRef source) {
        List<MappedRecord> records = new ArrayList<>();
        for (Dispensing dispensing : document.dispensings()) {
            if (dispensing.rps().isEmpty()) {
                continue;
            }
            String recordKey = recordKey(localPatientId, dispensing);
            List<Resource> resources = new ArrayList<>();
            resources.add(patient(document.patient()));
            for (Rp rp : dispensing.rps()) {
                for (Drug drug : rp.drugs()) {
                    resources.add(dispense(dispensing, rp, drug, facilityId, recordKey));
                }
            }
            records.add(new MappedRecord(facilityId, localPatientId, recordKey, dispensing.date().atStartOfDay(),
                    false, resources, source));
        }
        return records;
    }

    /**
     * The dispensing's identity: patient, pharmacy, day and prescribing facility (by code, else by name). The key
     * stays in the hub (ledger, the owner's quarantine reasons): stored IDs and source identifiers are keyed
     * digests of it ({@link IngestIds}). The patient is in as a short hash, kept so that the keys (and with them
     * every stored ID) of dispensings imported earlier do not change.
     */
    static String recordKey(String localPatientId, Dispensing dispensing) {
        return "JAHIS/" + patientHash(localPatientId) + "/" + key(dispensing.pharmacy()) + "/" + dispensing.date().format(DAY) + "/"
                + key(dispensing.prescribingFacility());
    }

    /** The local patient ID as it appears in record keys; unkeyed, so record keys must never leave the hub. */
    static String patientHash(String localPatientId) {
        return HexFormat.of().formatHex(IngestIds.sha256(localPatientId.getBytes(StandardCharsets.UTF_8)), 0, 8);
    }

    static String key(Institution institution) {
        if (institution == null) {
            return "-";
        }
        return institution.medicalInstitutionCode().orElseGet(() -> "name:" + institution.name());
    }

    static Patient patient(TcDocument.Patient source) {
        Patient patient = new Patient();
        patient.getMeta().addProfile(JpCoreSystems.JP_PATIENT);
        patient.addName(name(source.name(), "IDE"));
        if (source.nameKana() != null) {
            patient.addName(name(source.nameKana(), "SYL"));
        }
        patient.setGender("1".equals(source.sex()) ? AdministrativeGender.MALE : AdministrativeGender.FEMALE);
        patient.setBirthDateElement(new DateType(source.birthDate().toString()));
        return patient;
    }

    /** A JAHIS name is "family given" separated by a half- or full-width space. */
    private static HumanName name(String text, String representation) {
        HumanName name = new HumanName().setUse(HumanName.NameUse.OFFICIAL).setText(text);
        String[] parts = text.strip().split("[ 　]+", 2);
        name.setFamily(parts[0]);
        if (parts.length == 2) {
            name.addGiven(parts[1]);
        }
        name.addExtension(JpCoreSystems.NAME_REPRESENTATION, new CodeType(representation));
        return name;
    }

    private static MedicationDispense dispense(Dispensing dispensing, Rp rp, Drug drug, String facilityId,
                                               String recordKey) {
        String item = rp.number() + "/" + drug.order();
        MedicationDispense dispense = new MedicationDispense();
        dispense.setId(IngestIds.itemId(facilityId, "MedicationDispense", recordKey, item));
        dispense.getMeta().addProfile(JpCoreSystems.PROFILE_BASE + "JP_MedicationDispense");
        dispense.addIdentifier().setSystem(RP_NUMBER).setValue(rp.number());
        dispense.addIdentifier().setSystem(ORDER_IN_RP).setValue(String.valueOf(drug.order()));
        dispense.addIdentifier(IngestIds.sourceIdentifier(facilityId, recordKey, item));
        dispense.setStatus(MedicationDispense.MedicationDispenseStatus.COMPLETED);
        dispense.setMedication(medication(drug));
        dispense.setSubject(MappedRecord.subject());
        dispense.setWhenHandedOverElement(new DateTimeType(dispensing.date().toString()));

        if (dispensing.pharmacy() != null) {
            Organization pharmacy = organization("pharmacy", dispensing.pharmacy());
            dispense.addContained(pharmacy);
            dispense.addPerformer().setActor(new Reference("#pharmacy"));
        }
        if (dispensing.pharmacist() != null) {
            dispense.addContained(practitioner("pharmacist", dispensing.pharmacist()));
            dispense.addPerformer().setActor(new Reference("#pharmacist")).setFunction(new CodeableConcept(
                    new Coding(PERFORMER_FUNCTION, "finalchecker", "Final Checker")));
        }
        prescriber(dispense, dispensing);

        dispense.setQuantity(dispensedQuantity(drug, rp.usage()));
        if (rp.usage() != null && rp.usage().inDays()) {
            dispense.setDaysSupply(new Quantity().setValue(rp.usage().quantity()).setUnit("日")
                    .setSystem(JpCoreSystems.UCUM).setCode("d"));
        }
        dispense.addDosageInstruction(dosage(rp, drug));
        DispenseNotes.addTo(dispense, drug, rp, dispensing);
        return dispense;
    }

    private static CodeableConcept medication(Drug drug) {
        return medication(drug.name(), drug.codeType(), drug.code());
    }

    /** The drug as text, coded in the system its code type names (none for type 1). */
    static CodeableConcept medication(String name, DrugCodeType codeType, String code) {
        CodeableConcept medication = new CodeableConcept().setText(name);
        if (codeType.hasCode()) {
            medication.addCoding(new Coding(codeType.system(code), code, name));
        }
        return medication;
    }

    /**
     * Who prescribed, as far as the file tells it: the doctor in the prescribing facility (a contained
     * PractitionerRole), or the facility alone when the file names no doctor, under the extension
     * {@value #PRESCRIBER}. Not {@code authorizingPrescription}: that must be a JP_MedicationRequest, which needs
     * the prescription's date and IDs, and a TC file has neither.
     */
    private static void prescriber(MedicationDispense dispense, Dispensing dispensing) {
        Institution facility = dispensing.prescribingFacility();
        Person doctor = dispensing.prescriber();
        if (facility != null) {
            dispense.addContained(organization("prescribing-facility", facility));
        }
        if (doctor != null) {
            dispense.addContained(practitioner("prescriber", doctor));
            PractitionerRole role = new PractitionerRole();
            role.setId("prescriber-role");
            role.setPractitioner(new Reference("#prescriber"));
            if (facility != null) {
                role.setOrganization(new Reference("#prescribing-facility"));
            }
            if (doctor.department() != null) {
                role.addSpecialty().setText(doctor.department());
            }
            dispense.addContained(role);
            dispense.addExtension(PRESCRIBER, new Reference("#prescriber-role"));
        } else if (facility != null) {
            dispense.addExtension(PRESCRIBER, new Reference("#prescribing-facility"));
        }
    }

    static Organization organization(String id, Institution institution) {
        Organization organization = new Organization();
        organization.setId(id);
        organization.setName(institution.name());
        institution.medicalInstitutionCode().ifPresent(code ->
                organization.addIdentifier().setSystem(JpCoreSystems.MEDICAL_INSTITUTION_NO).setValue(code));
        return organization;
    }

    static Practitioner practitioner(String id, Person person) {
        Practitioner practitioner = new Practitioner();
        practitioner.setId(id);
        practitioner.addName(new HumanName().setText(person.name()));
        return practitioner;
    }

    /**
     * What was handed over in total: for internal and as-needed drugs JAHIS gives the daily (or per-dose) amount
     * and the number of days (日分) or doses (回分); otherwise the amount is the total.
     */
    static BigDecimal totalAmount(Drug drug, TcDocument.Usage usage) {
        return usage != null && (usage.inDays() || usage.inDoses()) ? drug.dose().multiply(usage.quantity())
                : drug.dose();
    }

    /**
     * The dispensed amount; JP_MedicationDispense requires one with a value, so a drug whose amount the file leaves
     * empty gets a value that says so (data-absent-reason {@code unknown}) rather than a made-up number.
     */
    private static Quantity dispensedQuantity(Drug drug, TcDocument.Usage usage) {
        if (drug.dose() == null) {
            Quantity unknown = drug.unit() != null ? quantity(BigDecimal.ONE, drug.unit()) : new Quantity();
            unknown.setValueElement(absent(new DecimalType()));
            if (drug.unit() == null) {
                unknown.setSystem(JAHIS_UNIT).setCodeElement(absent(new CodeType()));
            }
            return unknown;
        }
        return quantity(totalAmount(drug, usage), drug.unit());
    }

    private static <T extends org.hl7.fhir.r4.model.PrimitiveType<?>> T absent(T element) {
        element.addExtension(DATA_ABSENT_REASON, new CodeType("unknown"));
        return element;
    }

    private static Dosage dosage(Rp rp, Drug drug) {
        Dosage dosage = new Dosage();
        if (rp.usage() != null && rp.usage().text() != null) {
            dosage.setText(rp.usage().text());
        }
        if (drug.dose() == null) {
            return dosage;
        }
        Dosage.DosageDoseAndRateComponent amount = dosage.addDoseAndRate();
        amount.setType(new CodeableConcept(new Coding(DOSE_TYPE, "1", "製剤量")));
        if (rp.usage() != null && rp.usage().inDays()) {
            // the JAHIS amount of an internal drug is per day
            amount.setRate(new Ratio().setNumerator(quantity(drug.dose(), drug.unit()))
                    .setDenominator(new Quantity().setValue(1).setUnit("日").setSystem(JpCoreSystems.UCUM).setCode("d")));
        } else {
            amount.setDose(quantity(drug.dose(), drug.unit()));
        }
        return dosage;
    }

    static Quantity quantity(BigDecimal value, String unit) {
        if (unit == null) {
            return new Quantity().setValue(value);
        }
        String merit9 = MERIT9.get(unit);
        return new Quantity().setValue(value).setUnit(unit)
                .setSystem(merit9 != null ? JpCoreSystems.MERIT9_UNIT : JAHIS_UNIT)
                .setCode(merit9 != null ? merit9 : unit);
    }
}
