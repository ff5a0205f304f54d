package jp.renkei.hub.gateway.ss2;

import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import java.util.ArrayList;
import java.util.List;

import jp.renkei.hub.gateway.hl7.Hl7Dates;
import jp.renkei.hub.gateway.hl7.Hl7Segment;
import jp.renkei.hub.gateway.ingest.IngestFailure;
import jp.renkei.hub.gateway.ingest.MappedRecord;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.AllergyIntolerance.AllergyIntoleranceCategory;
import org.hl7.fhir.r4.model.AllergyIntolerance.AllergyIntoleranceSeverity;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/**
 * ADT-61 (allergy information, ADT^A60) → one JP_AllergyIntolerance per IAM: allergen IAM-3 (JLAC10 / HOT9
 * codes, or text), category from IAM-2 (DA drug, FA food, EA/LA/AA environment), severity IAM-4, reaction IAM-5,
 * onset IAM-11 (or its text IAM-12). The item is the allergen code, so a newer message about the same allergen updates it.
 */
final class AllergyMapper implements Ss2Mapper {

    @Override
    public List<Resource> map(Ss2Input input) throws IngestFailure {
        List<Resource> allergies = new ArrayList<>();
        for (Hl7Segment iam : input.message().all("IAM")) {
            allergies.add(allergy(input, iam));
        }
        if (allergies.isEmpty()) {
            throw new IngestFailure("an ADT-61 message without IAM segments has no allergy to record",
                    input.message().msh().location());
        }
        return allergies;
    }

    private static AllergyIntolerance allergy(Ss2Input input, Hl7Segment iam) throws IngestFailure {
        CodeableConcept allergen = Ss2Codes.concept(iam, 3)
                .orElseThrow(() -> new IngestFailure("the allergen is missing", iam.at(3)));
        String item = "allergy/" + (iam.get(3, 1).isEmpty() ? iam.get(3, 2) : iam.get(3, 1));
        AllergyIntolerance allergy = input.identify(new AllergyIntolerance(), item);
        allergy.getMeta().addProfile(JpCoreSystems.JP_ALLERGY_INTOLERANCE);
        allergy.addIdentifier(input.sourceIdentifier(item));
        allergy.setPatient(MappedRecord.subject());
        allergy.setCode(allergen);
        allergy.setClinicalStatus(new CodeableConcept(new Coding(JpCoreSystems.ALLERGY_CLINICAL, "active", null)));
        allergy.setVerificationStatus(new CodeableConcept(new Coding(JpCoreSystems.ALLERGY_VERIFICATION, "confirmed", null)));
        switch (iam.get(2, 1)) {
            case "DA" -> allergy.addCategory(AllergyIntoleranceCategory.MEDICATION);
            case "FA" -> allergy.addCategory(AllergyIntoleranceCategory.FOOD);
            case "EA", "LA", "AA", "PA" -> allergy.addCategory(AllergyIntoleranceCategory.ENVIRONMENT);
            default -> { }
        }
        AllergyIntoleranceSeverity severity = switch (iam.get(4, 1)) {
            case "MI" -> AllergyIntoleranceSeverity.MILD;
            case "MO" -> AllergyIntoleranceSeverity.MODERATE;
            case "SV" -> AllergyIntoleranceSeverity.SEVERE;
            default -> null;
        };
        String reaction = iam.get(5);
        if (!reaction.isEmpty() || severity != null) {
            AllergyIntolerance.AllergyIntoleranceReactionComponent component = allergy.addReaction();
            component.addManifestation().setText(reaction.isEmpty() ? allergen.getText() : reaction);
            component.setSeverity(severity);
        }
        Hl7Dates.dateTime(iam, 11).ifPresent(allergy::setOnset);
        if (!allergy.hasOnset() && iam.has(12)) {
            allergy.setOnset(new StringType(iam.get(12)));
        }
        return allergy;
    }
}
