package jp.renkei.hub.app.demo;

import static jp.renkei.hub.fhir.jpcore.JpCoreSystems.*;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import jp.renkei.hub.app.demo.DemoCatalog.Drug;
import jp.renkei.hub.app.demo.DemoCatalog.LabTest;
import jp.renkei.hub.app.demo.DemoCatalog.PersonName;
import jp.renkei.hub.core.ids.HubKeyedIds;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.SimpleQuantity;
import org.hl7.fhir.r4.model.Specimen;
import org.hl7.fhir.r4.model.Timing.UnitsOfTime;

/**
 * Makes synthetic Japanese patients as FHIR transaction bundles: a JP_Patient registered at a facility, lab
 * results (JP_Observation_LabResult, JLAC10) from a series of visits, and prescriptions (JP_MedicationRequest,
 * YJ). The same seed, key and local ID always give the same patient, so data sets are reproducible.
 *
 * <p>Facilities are referenced by conditional match URLs on their medical-institution code, so a patient
 * bundle can be posted on its own once the facilities exist.
 */
public final class SyntheticPatientGenerator {

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private final long seed;
    private final LocalDate today;

    private final HubKeyedIds keyedIds;

    /** @param keyedIds the hub's identifier key, from which each patient's record key is derived */
    public SyntheticPatientGenerator(long seed, LocalDate today, HubKeyedIds keyedIds) {
        this.seed = seed;
        this.today = today;
        this.keyedIds = keyedIds;
    }

    /**
     * One patient registered at {@code facility}: {@code visits} visits with every catalogue lab test each
     * (spread over the past two years, newest last) and {@code prescriptions} current prescriptions.
     */
    public Bundle patientTransaction(DemoFacility facility, String localId, int visits, int prescriptions) {
        Random random = new Random(seed * 31 + localId.hashCode());
        // Record identifiers carry a per-patient record key, never the local patient ID: other facilities may see
        // these resources, and facility-local patient IDs must not reach them. Keyed, so that nobody can compute
        // it from (or check a guess of) the local ID, as they could from a seeded Random.
        String recordKey = keyedIds.hex(8, "demo-record", facility.name(), localId);
        Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
        Patient patient = patient(facility, localId, random);
        String patientUrl = "urn:uuid:" + uuid(random);
        bundle.addEntry().setFullUrl(patientUrl).setResource(patient)
                .getRequest().setMethod(HTTPVerb.POST).setUrl("Patient")
                .setIfNoneExist("identifier=" + facilityPatientIdSystem(facility.code()) + "|" + localId);
        Reference subject = new Reference(patientUrl);
        Reference performer = new Reference(organizationMatchUrl(facility));

        // Each patient has a personal level and a slow drift per test, so a series looks like a course.
        double[] level = new double[DemoCatalog.LAB_TESTS.size()];
        double[] drift = new double[level.length];
        for (int t = 0; t < level.length; t++) {
            level[t] = random.nextGaussian();
            drift[t] = random.nextGaussian() * 0.25;
        }
        for (int visit = 0; visit < visits; visit++) {
            LocalDate date = today.minusDays((long) (visits - 1 - visit) * 730 / Math.max(1, visits - 1) + 1);
            for (int t = 0; t < level.length; t++) {
                double deviation = level[t] + drift[t] * visit + random.nextGaussian() * 0.2;
                add(bundle, labResult(facility, recordKey, visit, date, DemoCatalog.LAB_TESTS.get(t), deviation,
                        subject, performer));
            }
        }
        List<Drug> drugs = pick(DemoCatalog.DRUGS, prescriptions, random);
        for (int i = 0; i < drugs.size(); i++) {
            add(bundle, prescription(facility, recordKey, i + 1, drugs.get(i), subject, performer, random));
        }
        return bundle;
    }

    private Patient patient(DemoFacility facility, String localId, Random random) {
        boolean female = random.nextBoolean();
        PersonName family = pick(DemoCatalog.FAMILY_NAMES, random);
        PersonName given = pick(female ? DemoCatalog.FEMALE_GIVEN_NAMES : DemoCatalog.MALE_GIVEN_NAMES, random);
        Patient patient = new Patient();
        patient.getMeta().addProfile(JP_PATIENT);
        patient.addIdentifier().setSystem(facilityPatientIdSystem(facility.code())).setValue(localId);
        patient.addName(name(family.kanji(), given.kanji(), "IDE"));
        patient.addName(name(family.kana(), given.kana(), "SYL"));
        patient.setGender(female ? AdministrativeGender.FEMALE : AdministrativeGender.MALE);
        patient.setBirthDateElement(new DateType(today.minusYears(40 + random.nextInt(45))
                .minusDays(random.nextInt(365)).toString()));
        patient.addAddress().setUse(Address.AddressUse.HOME).setState("福島県")
                .setCity(pick(DemoCatalog.CITIES, random)).setCountry("JP");
        return patient;
    }

    private static HumanName name(String family, String given, String representation) {
        HumanName name = new HumanName().setUse(HumanName.NameUse.OFFICIAL)
                .setFamily(family).setText(family + " " + given);
        name.addGiven(given);
        name.addExtension(NAME_REPRESENTATION, new CodeType(representation));
        return name;
    }

    /** {@code deviation} is in units of the test's typical spread around its typical value. */
    private Observation labResult(DemoFacility facility, String recordKey, int visit, LocalDate date, LabTest test,
                                  double deviation, Reference subject, Reference performer) {
        Observation observation = new Observation();
        observation.getMeta().addProfile(JP_OBSERVATION_LAB_RESULT);
        observation.addIdentifier().setSystem(RESOURCE_INSTANCE_ID)
                .setValue(facility.code() + "." + recordKey + ".lab." + visit + "." + test.jlac10());
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory().addCoding()
                .setSystem(SIMPLE_OBSERVATION_CATEGORY).setCode("laboratory").setDisplay("検体検査");
        observation.addCategory().addCoding().setSystem(OBSERVATION_CATEGORY).setCode("laboratory");
        observation.getCode().addCoding().setSystem(JLAC10).setCode(test.jlac10()).setDisplay(test.name());
        observation.getCode().setText(test.name());
        observation.setSubject(subject);
        observation.setEffective(new DateTimeType(Date.from(date.atTime(9, 30).atZone(JAPAN).toInstant())));
        observation.setIssued(Date.from(date.atTime(14, 0).atZone(JAPAN).toInstant()));
        observation.addPerformer(performer);
        // JP_Observation_LabResult requires the specimen; serum for every catalogue test.
        Specimen serum = new Specimen();
        serum.setId("specimen");
        serum.getType().addCoding().setSystem(SPECIMEN_TYPE).setCode("SER").setDisplay("血清");
        observation.addContained(serum);
        observation.setSpecimen(new Reference("#specimen"));

        double value = Math.max(test.low() * 0.3, test.typical() + deviation * test.spread());
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(test.decimals(), RoundingMode.HALF_UP);
        observation.setValue(new Quantity().setValue(rounded).setUnit(test.unit()).setSystem(UCUM).setCode(test.ucum()));
        observation.addReferenceRange()
                .setLow((SimpleQuantity) new SimpleQuantity().setValue(test.low()).setUnit(test.unit()).setSystem(UCUM).setCode(test.ucum()))
                .setHigh((SimpleQuantity) new SimpleQuantity().setValue(test.high()).setUnit(test.unit()).setSystem(UCUM).setCode(test.ucum()));
        String flag = value > test.high() ? "H" : value < test.low() ? "L" : "N";
        observation.addInterpretation().addCoding().setSystem(OBSERVATION_INTERPRETATION).setCode(flag);
        return observation;
    }

    private MedicationRequest prescription(DemoFacility facility, String recordKey, int rp, Drug drug,
                                           Reference subject, Reference requester, Random random) {
        int days = 14 * (1 + random.nextInt(4));
        LocalDate authored = today.minusDays(random.nextInt(days));
        MedicationRequest request = new MedicationRequest();
        request.getMeta().addProfile(JP_MEDICATION_REQUEST);
        // JP_MedicationRequest: Rp number and the order of this drug within the Rp.
        request.addIdentifier().setSystem(RP_NUMBER).setValue(String.valueOf(rp));
        request.addIdentifier().setSystem(ORDER_IN_RP).setValue("1");
        request.addIdentifier().setSystem(RESOURCE_INSTANCE_ID)
                .setValue(facility.code() + "." + recordKey + ".rx." + authored + "." + rp);
        request.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        request.getMedicationCodeableConcept().addCoding().setSystem(YJ).setCode(drug.yj()).setDisplay(drug.name());
        request.getMedicationCodeableConcept().setText(drug.name());
        request.setSubject(subject);
        request.setRequester(requester);
        request.setAuthoredOnElement(new DateTimeType(Date.from(authored.atTime(11, 0).atZone(JAPAN).toInstant())));

        var dosage = request.addDosageInstruction();
        dosage.setText("内服・経口・" + drug.usage());
        dosage.getTiming().getRepeat().setFrequency(drug.timesPerDay()).setPeriod(1).setPeriodUnit(UnitsOfTime.D);
        dosage.getRoute().addCoding().setSystem(ROUTE).setCode("PO").setDisplay("口");
        dosage.addDoseAndRate().setDose(new SimpleQuantity().setValue(drug.dosePerTime())
                .setUnit(drug.doseUnit()).setSystem(MERIT9_UNIT).setCode(drug.doseUnitCode()));

        int total = drug.dosePerTime() * drug.timesPerDay() * days;
        request.getDispenseRequest().setQuantity((SimpleQuantity) new SimpleQuantity().setValue(total)
                .setUnit(drug.doseUnit()).setSystem(MERIT9_UNIT).setCode(drug.doseUnitCode()));
        request.getDispenseRequest().setExpectedSupplyDuration((Duration) new Duration()
                .setValue(days).setUnit("日").setSystem(UCUM).setCode("d"));
        return request;
    }

    /** How patient data references the facility's Organization: by its medical-institution code. */
    public static String organizationMatchUrl(DemoFacility facility) {
        if (facility.code() == null) {
            throw new IllegalArgumentException(facility.name() + " has no medical-institution code to be referenced by");
        }
        return "Organization?identifier=" + MEDICAL_INSTITUTION_NO + "|" + facility.code();
    }

    private static void add(Bundle bundle, Resource resource) {
        String type = resource.getResourceType().name();
        bundle.addEntry().setResource(resource).getRequest().setMethod(HTTPVerb.POST).setUrl(type);
    }

    private static <T> T pick(List<T> items, Random random) {
        return items.get(random.nextInt(items.size()));
    }

    private static <T> List<T> pick(List<T> items, int count, Random random) {
        List<T> shuffled = new ArrayList<>(items);
        Collections.shuffle(shuffled, random);
        return shuffled.subList(0, Math.min(count, shuffled.size()));
    }

    private static String uuid(Random random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
