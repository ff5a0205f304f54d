package jp.renkei.hub.gateway.ss2;

import java.util.List;

import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import jp.renkei.hub.gateway.hl7.Hl7Dates;
import jp.renkei.hub.gateway.hl7.Hl7Segment;
import jp.renkei.hub.gateway.ingest.IngestFailure;
import jp.renkei.hub.gateway.ingest.MappedRecord;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * ADT-00 (patient information) → JP_Patient: names from PID-5 (kanji {@code I} as IDE, kana {@code P} as SYL),
 * birth date PID-7, sex PID-8, address PID-11, phones PID-13/14. The facility-local identifier and the event
 * number are the store's (it knows the Patient's ID and the cross-reference). The record's OBX (height, weight,
 * blood type) become Observations and its AL1 allergies JP_AllergyIntolerance, beside the Patient.
 */
final class PatientMapper implements Ss2Mapper {

    @Override
    public List<Resource> map(Ss2Input input) throws IngestFailure {
        Hl7Segment pid = input.message().require("PID");
        Patient patient = new Patient();
        patient.getMeta().addProfile(JpCoreSystems.JP_PATIENT);
        patient.setActive(true);
        for (int rep = 0; rep < pid.repetitions(5); rep++) {
            name(pid, rep).ifPresent(patient::addName);
        }
        if (!patient.hasName()) {
            throw new IngestFailure("the patient has no name", pid.at(5));
        }
        Hl7Dates.date(pid, 7).ifPresent(patient::setBirthDateElement);
        patient.setGender(gender(pid));
        for (int rep = 0; rep < pid.repetitions(11); rep++) {
            address(pid, rep, patient);
        }
        for (int field : new int[] {13, 14}) {
            for (int rep = 0; rep < pid.repetitions(field); rep++) {
                String number = pid.get(field, rep, 12, 1);
                if (!number.isEmpty()) {
                    patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(number)
                            .setUse(field == 14 ? ContactPoint.ContactPointUse.WORK : ContactPoint.ContactPointUse.HOME);
                }
            }
        }
        List<Resource> resources = new java.util.ArrayList<>();
        resources.add(patient);
        for (Hl7Segment obx : input.message().all("OBX")) {
            resources.add(observation(input, obx));
        }
        for (Hl7Segment al1 : input.message().all("AL1")) {
            resources.add(allergy(input, al1));
        }
        return resources;
    }

    /**
     * An OBX of the patient record: height and weight (JLAC10 9N…) as JP_Observation_BodyMeasurement, anything
     * else (blood type) as a JP_Observation_Common laboratory result. The item is the code: a newer patient record
     * updates it.
     */
    private static org.hl7.fhir.r4.model.Observation observation(Ss2Input input, Hl7Segment obx) throws IngestFailure {
        String item = "patient-observation/" + obx.get(3, 1);
        var observation = input.identify(new org.hl7.fhir.r4.model.Observation(), item);
        boolean body = "JC10".equals(obx.get(3, 3)) && obx.get(3, 1).startsWith("9N");
        observation.getMeta().addProfile(body ? JpCoreSystems.PROFILE_BASE + "JP_Observation_BodyMeasurement"
                : JpCoreSystems.JP_OBSERVATION_COMMON);
        observation.addIdentifier(input.sourceIdentifier(item));
        observation.setStatus(Ss2Observations.status(obx));
        observation.addCategory().addCoding().setSystem(JpCoreSystems.SIMPLE_OBSERVATION_CATEGORY)
                .setCode(body ? "body-measurement" : "laboratory");
        observation.setCode(Ss2Observations.code(obx));
        observation.setSubject(MappedRecord.subject());
        var when = Hl7Dates.dateTime(obx, 14);
        if (when.isEmpty()) {
            // the patient record's own time: when the hospital last stated these values
            when = Hl7Dates.dateTime(input.message().msh(), 7);
        }
        when.ifPresent(observation::setEffective);
        Ss2Observations.value(obx, observation);
        return observation;
    }

    /** AL1 (allergy noted on the patient record): allergen AL1-3, type AL1-2, severity AL1-4, reaction AL1-5. */
    private static org.hl7.fhir.r4.model.AllergyIntolerance allergy(Ss2Input input, Hl7Segment al1)
            throws IngestFailure {
        var allergen = Ss2Codes.concept(al1, 3)
                .orElseThrow(() -> new IngestFailure("the allergen is missing", al1.at(3)));
        String item = "patient-allergy/" + (al1.get(3, 2).isEmpty() ? al1.get(3, 1) : al1.get(3, 2));
        var allergy = input.identify(new org.hl7.fhir.r4.model.AllergyIntolerance(), item);
        allergy.getMeta().addProfile(JpCoreSystems.JP_ALLERGY_INTOLERANCE);
        allergy.addIdentifier(input.sourceIdentifier(item));
        allergy.setPatient(MappedRecord.subject());
        allergy.setCode(allergen);
        allergy.setClinicalStatus(new org.hl7.fhir.r4.model.CodeableConcept(new org.hl7.fhir.r4.model.Coding(
                JpCoreSystems.ALLERGY_CLINICAL, "active", null)));
        allergy.setVerificationStatus(new org.hl7.fhir.r4.model.CodeableConcept(new org.hl7.fhir.r4.model.Coding(
                JpCoreSystems.ALLERGY_VERIFICATION, "confirmed", null)));
        switch (al1.get(2, 1)) {
            case "DA" -> allergy.addCategory(org.hl7.fhir.r4.model.AllergyIntolerance.AllergyIntoleranceCategory.MEDICATION);
            case "FA" -> allergy.addCategory(org.hl7.fhir.r4.model.AllergyIntolerance.AllergyIntoleranceCategory.FOOD);
            case "EA", "LA", "AA", "PA" ->
                    allergy.addCategory(org.hl7.fhir.r4.model.AllergyIntolerance.AllergyIntoleranceCategory.ENVIRONMENT);
            default -> { }
        }
        String reaction = al1.get(5);
        if (!reaction.isEmpty()) {
            allergy.addReaction().addManifestation().setText(reaction);
        }
        return allergy;
    }

    private static java.util.Optional<HumanName> name(Hl7Segment pid, int rep) {
        String family = pid.get(5, rep, 1, 1);
        String given = pid.get(5, rep, 2, 1);
        if (family.isEmpty() && given.isEmpty()) {
            return java.util.Optional.empty();
        }
        HumanName name = new HumanName().setUse(HumanName.NameUse.OFFICIAL).setFamily(family);
        if (!given.isEmpty()) {
            name.addGiven(given);
        }
        name.setText((family + " " + given).trim());
        String representation = switch (pid.get(5, rep, 8, 1)) {
            case "I" -> "IDE";
            case "P" -> "SYL";
            case "A" -> "ABC";
            default -> null;
        };
        if (representation != null) {
            name.addExtension(JpCoreSystems.NAME_REPRESENTATION, new CodeType(representation));
        }
        return java.util.Optional.of(name);
    }

    private static AdministrativeGender gender(Hl7Segment pid) {
        return switch (pid.get(8)) {
            case "M" -> AdministrativeGender.MALE;
            case "F" -> AdministrativeGender.FEMALE;
            case "O", "A", "N" -> AdministrativeGender.OTHER;
            default -> AdministrativeGender.UNKNOWN;
        };
    }

    private static void address(Hl7Segment pid, int rep, Patient patient) {
        String text = pid.get(11, rep, 8, 1);
        String postalCode = pid.get(11, rep, 5, 1);
        if (text.isEmpty() && postalCode.isEmpty()) {
            return;
        }
        Address address = patient.addAddress().setText(text.isEmpty() ? null : text);
        if (!postalCode.isEmpty()) {
            address.setPostalCode(postalCode);
        }
        String country = pid.get(11, rep, 6, 1);
        address.setCountry(country.equals("JPN") ? "JP" : country.isEmpty() ? null : country);
        address.setUse("B".equals(pid.get(11, rep, 7, 1)) ? Address.AddressUse.WORK : Address.AddressUse.HOME);
    }
}
