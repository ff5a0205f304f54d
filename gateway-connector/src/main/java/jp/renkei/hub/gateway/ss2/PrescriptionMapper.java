package jp.renkei.hub.gateway.ss2;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import jp.renkei.hub.gateway.hl7.Hl7Dates;
import jp.renkei.hub.gateway.hl7.Hl7Segment;
import jp.renkei.hub.gateway.ingest.IngestFailure;
import jp.renkei.hub.gateway.ingest.MappedRecord;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Resource;

/**
 * OMP-01 (prescription order, RDE^O11) → one JP_MedicationRequest per RXE: the drug RXE-2 (HOT9/YJ), the dose per
 * time RXE-3 with its unit RXE-5 (MERIT-9), the daily dose RXE-19, the JAMI dosage TQ1-3 (JAMISDP01), the number of
 * days TQ1-6, the dispensed amount RXE-10/11, the route RXR-1; Rp number ORC-4 with the drug's position in it; the
 * requester from ORC-12 and ORC-21 ({@link OrderingParties}).
 */
final class PrescriptionMapper implements Ss2Mapper {

    @Override
    public List<Resource> map(Ss2Input input) throws IngestFailure {
        List<Resource> results = MedicationParts.perRpItem(input.message(), "RXE",
                (orc, rp, item, group, position) -> request(input, orc, rp, item, group, position));
        if (results.isEmpty()) {
            throw new IngestFailure("the prescription has no ORC/RXE order", input.message().msh().location());
        }
        return results;
    }

    private static MedicationRequest request(Ss2Input input, Hl7Segment orc, String rp, Hl7Segment rxe, List<Hl7Segment> group,
                                             int position) throws IngestFailure {
        String item = "rx/" + rp + "/" + position;
        MedicationRequest request = input.identify(new MedicationRequest(), item);
        request.getMeta().addProfile(JpCoreSystems.JP_MEDICATION_REQUEST);
        MedicationParts.addIdentifiers(request, input, rp, position, item);
        request.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        MedicationParts.orderCategory(orc).ifPresent(request::addCategory);
        Coding drug = Ss2Codes.requireCoding(rxe, 2, "the drug code");
        request.getMedicationCodeableConcept().addCoding(drug).setText(drug.getDisplay());
        request.setSubject(MappedRecord.subject());
        Hl7Dates.dateTime(orc, 9).ifPresent(request::setAuthoredOnElement);
        OrderingParties.addRequester(request, orc);

        Dosage dosage = request.addDosageInstruction();
        Optional<Hl7Segment> tq1 = group.stream().filter(s -> s.name().equals("TQ1")).findFirst();
        if (tq1.isPresent()) {
            timing(tq1.get(), dosage, request);
        }
        MedicationParts.route(group).ifPresent(dosage::setRoute);
        MedicationParts.amount(rxe, 3, 5).ifPresent(dose -> dosage.addDoseAndRate()
                .setType(new org.hl7.fhir.r4.model.CodeableConcept(MedicationParts.PREPARATION_AMOUNT.copy()))
                .setDose(dose));
        MedicationParts.amount(rxe, 10, 11).ifPresent(request.getDispenseRequest()::setQuantity);
        return request;
    }

    /** TQ1-3 JAMI dosage code and text, TQ1-6 duration (days), TQ1-7 start. */
    private static void timing(Hl7Segment tq1, Dosage dosage, MedicationRequest request) throws IngestFailure {
        String code = tq1.get(3, 0, 1, 1);
        String text = tq1.get(3, 0, 1, 2);
        String system = tq1.get(3, 0, 1, 3);
        if (!text.isEmpty()) {
            dosage.setText(text);
        }
        Ss2Codes.coding(code, text, system).ifPresent(coding -> dosage.getTiming().getCode().addCoding(coding));
        Optional<BigDecimal> days = Ss2Codes.number(tq1.get(6, 1), tq1, 6);
        if (days.isPresent() && "d".equals(tq1.get(6, 2))) {
            Duration duration = (Duration) new Duration().setValue(days.get()).setUnit("日")
                    .setSystem(JpCoreSystems.UCUM).setCode("d");
            dosage.addExtension(JpCoreSystems.MEDICATION_DOSAGE_USAGE_DURATION, duration);
            request.getDispenseRequest().setExpectedSupplyDuration(duration.copy());
        }
        Hl7Dates.dateTime(tq1, 7).ifPresent(start -> dosage.getTiming().getRepeat().getBoundsPeriod().setStartElement(start));
    }
}
