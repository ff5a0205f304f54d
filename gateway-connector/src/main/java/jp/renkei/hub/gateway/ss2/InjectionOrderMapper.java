package jp.renkei.hub.gateway.ss2;

import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import java.util.ArrayList;
import java.util.List;

import jp.renkei.hub.gateway.hl7.Hl7Dates;
import jp.renkei.hub.gateway.hl7.Hl7Segment;
import jp.renkei.hub.gateway.ingest.IngestFailure;
import jp.renkei.hub.gateway.ingest.MappedRecord;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Ratio;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * OMP-02 (injection order, RDE^O11) → one JP_MedicationRequest_Injection per ORC group (one Rp, ORC-4): the
 * drugs of the mix are the RXC segments (HOT9 code RXC-2, amount RXC-3 with unit RXC-4), as ingredients of a
 * contained JP_Medication; the total volume RXE-3/5, the rate RXE-23/24, the route RXR-1 and the period TQ1-7/8.
 */
final class InjectionOrderMapper implements Ss2Mapper {

    @Override
    public List<Resource> map(Ss2Input input) throws IngestFailure {
        List<Resource> requests = new ArrayList<>();
        for (List<Hl7Segment> group : input.message().groupsStartingAt("ORC")) {
            requests.add(request(input, group));
        }
        if (requests.isEmpty()) {
            throw new IngestFailure("the injection order has no ORC group", input.message().msh().location());
        }
        return requests;
    }

    private static MedicationRequest request(Ss2Input input, List<Hl7Segment> group) throws IngestFailure {
        Hl7Segment orc = group.get(0);
        String rp = orc.has(4) ? orc.get(4) : String.valueOf(orc.index());
        String item = "injection/" + rp;
        Hl7Segment rxe = group.stream().filter(s -> s.name().equals("RXE")).findFirst()
                .orElseThrow(() -> new IngestFailure("the injection order group has no RXE", orc.location()));
        MedicationRequest request = input.identify(new MedicationRequest(), item);
        request.getMeta().addProfile(JpCoreSystems.JP_MEDICATION_REQUEST_INJECTION);
        MedicationParts.addIdentifiers(request, input, rp, 1, item);
        request.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        MedicationParts.orderCategory(orc).ifPresent(request::addCategory);
        request.setSubject(MappedRecord.subject());
        Hl7Dates.dateTime(orc, 9).ifPresent(request::setAuthoredOnElement);

        Medication medication = new Medication();
        medication.setId("medication");
        medication.getMeta().addProfile(JpCoreSystems.JP_MEDICATION);
        medication.setStatus(Medication.MedicationStatus.ACTIVE);
        int drugNo = 0;
        for (Hl7Segment rxc : group) {
            if (!rxc.name().equals("RXC")) {
                continue;
            }
            Medication.MedicationIngredientComponent ingredient = medication.addIngredient();
            ingredient.addExtension(JpCoreSystems.MEDICATION_INGREDIENT_DRUG_NO, new IntegerType(++drugNo));
            ingredient.setItem(new CodeableConcept(Ss2Codes.requireCoding(rxc, 2, "the drug code")));
            MedicationParts.amount(rxc, 3, 4).ifPresent(amount -> ingredient.setStrength(new Ratio().setNumerator(amount)
                    .setDenominator(new org.hl7.fhir.r4.model.Quantity().setValue(1).setUnit("回")
                            .setSystem(JpCoreSystems.MERIT9_UNIT).setCode("TIME"))));
        }
        if (drugNo == 0) {
            throw new IngestFailure("the injection order has no drug (RXC)", rxe.location());
        }
        request.addContained(medication);
        request.setMedication(new Reference("#medication"));

        Dosage dosage = request.addDosageInstruction();
        MedicationParts.route(group).ifPresent(dosage::setRoute);
        String text = rxe.get(7, 2);
        if (!text.isEmpty()) {
            dosage.setText(text);
        }
        MedicationParts.amount(rxe, 3, 5).ifPresent(dose -> dosage.addDoseAndRate()
                .setType(new CodeableConcept(MedicationParts.PREPARATION_AMOUNT.copy())).setDose(dose));
        if (rxe.has(23)) {
            Ss2Codes.number(rxe, 23).ifPresent(rate -> dosage.getDoseAndRateFirstRep()
                    .setRate(Ss2Codes.quantity(rate, rxe, 24)));
        }
        for (Hl7Segment tq1 : group) {
            if (tq1.name().equals("TQ1")) {
                Hl7Dates.dateTime(tq1, 7).ifPresent(start -> dosage.getTiming().getRepeat().getBoundsPeriod()
                        .setStartElement(start));
                Hl7Dates.dateTime(tq1, 8).ifPresent(end -> dosage.getTiming().getRepeat().getBoundsPeriod()
                        .setEndElement(end));
                break;
            }
        }
        return request;
    }
}
