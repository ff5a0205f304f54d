package jp.renkei.hub.gateway.ss2;

import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.renkei.hub.gateway.hl7.Hl7Message;
import jp.renkei.hub.gateway.hl7.Hl7Segment;
import jp.renkei.hub.gateway.ingest.IngestFailure;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.SimpleQuantity;

/** What the medication mappers share: JP Core order identifiers, order category, route, amounts with MERIT-9 units. */
final class MedicationParts {

    /** "製剤量" (amount of the preparation), the dose type of JP Core dosages. */
    static final Coding PREPARATION_AMOUNT = new Coding(JpCoreSystems.DOSE_TYPE, "1", "製剤量");

    private MedicationParts() {
    }

    /** Rp number, position within the Rp, and the instance identifier JP Core asks for. */
    static List<Identifier> identifiers(Ss2Input input, String rp, int position) {
        return List.of(new Identifier().setSystem(JpCoreSystems.RP_NUMBER).setValue(rp),
                new Identifier().setSystem(JpCoreSystems.ORDER_IN_RP).setValue(String.valueOf(position)),
                new Identifier().setSystem(JpCoreSystems.RESOURCE_INSTANCE_ID)
                        .setValue(input.orderNumber() + "." + rp + "." + position));
    }

    /** ORC-29 order type (I inpatient, O outpatient) as the v2-0482 category. */
    static Optional<CodeableConcept> orderCategory(Hl7Segment orc) {
        String type = orc.get(29, 1);
        if (!type.equals("I") && !type.equals("O")) {
            return Optional.empty();
        }
        return Optional.of(new CodeableConcept(new Coding(JpCoreSystems.ORDER_TYPE, type,
                type.equals("I") ? "Inpatient Order" : "Outpatient Order")));
    }

    static Optional<CodeableConcept> route(List<Hl7Segment> group) {
        return group.stream().filter(s -> s.name().equals("RXR")).findFirst()
                .flatMap(rxr -> Ss2Codes.concept(rxr, 1));
    }

    /** An amount in {@code amountField} with its unit (CWE, usually MERIT-9) in {@code unitField}. */
    static Optional<SimpleQuantity> amount(Hl7Segment segment, int amountField, int unitField) throws IngestFailure {
        Optional<BigDecimal> value = Ss2Codes.number(segment, amountField);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Quantity quantity = Ss2Codes.quantity(value.get(), segment, unitField);
        SimpleQuantity simple = new SimpleQuantity();
        quantity.copyValues(simple);
        return Optional.of(simple);
    }

    static void addIdentifiers(DomainResource resource, Ss2Input input, String rp, int position, String item) {
        List<Identifier> identifiers = identifiers(input, rp, position);
        if (resource instanceof org.hl7.fhir.r4.model.MedicationRequest request) {
            identifiers.forEach(request::addIdentifier);
            request.addIdentifier(input.sourceIdentifier(item));
        } else if (resource instanceof org.hl7.fhir.r4.model.MedicationAdministration administration) {
            identifiers.forEach(administration::addIdentifier);
            administration.addIdentifier(input.sourceIdentifier(item));
        }
    }

    /** Maps one item segment (RXE, RXA) of an Rp. */
    @FunctionalInterface
    interface RpItem {
        Resource map(Hl7Segment orc, String rp, Hl7Segment item, List<Hl7Segment> group, int position)
                throws IngestFailure;
    }

    /**
     * Maps every {@code itemSegment} of the ORC groups, numbering each within its Rp (ORC-4): an Rp may span several
     * ORC groups (one drug each), so positions count on across them.
     */
    static List<Resource> perRpItem(Hl7Message message, String itemSegment, RpItem mapper) throws IngestFailure {
        List<Resource> results = new ArrayList<>();
        Map<String, Integer> positions = new HashMap<>();
        for (List<Hl7Segment> group : message.groupsStartingAt("ORC")) {
            Hl7Segment orc = group.get(0);
            String rp = orc.has(4) ? orc.get(4) : "1";
            for (Hl7Segment segment : group) {
                if (segment.name().equals(itemSegment)) {
                    results.add(mapper.map(orc, rp, segment, group, positions.merge(rp, 1, Integer::sum)));
                }
            }
        }
        return results;
    }
}
