package jp.renkei.hub.gateway.ss2;

import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import java.util.ArrayList;
import java.util.List;

import jp.renkei.hub.gateway.hl7.Hl7Dates;
import jp.renkei.hub.gateway.hl7.Hl7Segment;
import jp.renkei.hub.gateway.ingest.IngestFailure;
import jp.renkei.hub.gateway.ingest.MappedRecord;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Resource;

/**
 * PPR-01 (diagnoses, PPR^ZD1) → one JP_Condition per PRB: the disease PRB-3 (MEDIS MDCDX2) with its ICD-10
 * PRB-10, recorded PRB-2, onset PRB-16, resolved (with the outcome date PRB-9) when PRB-14 says so. The item is PRB-4 (problem instance ID). PRB-1 {@code DE} (deleted) marks that diagnosis entered in
 * error.
 */
final class ConditionMapper implements Ss2Mapper {

    @Override
    public List<Resource> map(Ss2Input input) throws IngestFailure {
        List<Resource> conditions = new ArrayList<>();
        for (Hl7Segment prb : input.message().all("PRB")) {
            conditions.add(condition(input, prb));
        }
        if (conditions.isEmpty()) {
            throw new IngestFailure("a PPR-01 message without PRB segments has no diagnosis",
                    input.message().msh().location());
        }
        return conditions;
    }

    private static Condition condition(Ss2Input input, Hl7Segment prb) throws IngestFailure {
        CodeableConcept code = Ss2Codes.concept(prb, 3)
                .orElseThrow(() -> new IngestFailure("the diagnosis is missing", prb.at(3)));
        Ss2Codes.coding(prb.get(10, 1), prb.get(10, 2), prb.get(10, 3)).ifPresent(code::addCoding);
        String item = "condition/" + (prb.has(4) ? prb.get(4) : prb.get(3, 1));
        Condition condition = input.identify(new Condition(), item);
        condition.getMeta().addProfile(JpCoreSystems.JP_CONDITION);
        condition.addIdentifier(input.sourceIdentifier(item));
        condition.setSubject(MappedRecord.subject());
        condition.setCode(code);
        condition.addCategory(new CodeableConcept(new Coding(JpCoreSystems.CONDITION_CATEGORY, "encounter-diagnosis", null)));
        Hl7Dates.dateTime(prb, 2).ifPresent(condition::setRecordedDateElement);
        Hl7Dates.dateTime(prb, 16).ifPresent(condition::setOnset);
        if ("DE".equals(prb.get(1))) {
            condition.setVerificationStatus(new CodeableConcept(new Coding(JpCoreSystems.CONDITION_VERIFICATION, "entered-in-error", null)));
            return condition;
        }
        String clinical = switch (prb.get(14, 1)) {
            case "R", "C" -> "resolved";
            case "D" -> "inactive";
            default -> "active";
        };
        if (!clinical.equals("active")) {
            // PRB-9: the date the outcome (転帰) was reached.
            Hl7Dates.dateTime(prb, 9).ifPresent(condition::setAbatement);
        }
        condition.setClinicalStatus(new CodeableConcept(new Coding(JpCoreSystems.CONDITION_CLINICAL, clinical, null)));
        condition.setVerificationStatus(new CodeableConcept(new Coding(JpCoreSystems.CONDITION_VERIFICATION,
                "S".equals(prb.get(13, 1)) ? "provisional" : "confirmed", null)));
        return condition;
    }
}
