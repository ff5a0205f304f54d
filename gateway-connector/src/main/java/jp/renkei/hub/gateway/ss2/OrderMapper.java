package jp.renkei.hub.gateway.ss2;

import java.util.List;

import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import jp.renkei.hub.gateway.hl7.Hl7Dates;
import jp.renkei.hub.gateway.hl7.Hl7Segment;
import jp.renkei.hub.gateway.ingest.IngestFailure;
import jp.renkei.hub.gateway.ingest.MappedRecord;
import jp.renkei.hub.gateway.ss2.Ss2Orders.Order;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * OML-01 (lab order, OML^O33) and OMG-01/02/03 (radiology, endoscopy and physiology orders, OMG^O19) → one
 * JP_ServiceRequest per order number (ORC-2; the NW and PA groups JAHIS repeats for one order are one request):
 * what is ordered OBR-4 (JLAC10 when coded so; JJ1017 and endoscopy codes as their text), the requested items
 * (OML-01's OBX-3) as order details, clinical information sent with the order (OBX: findings, suspected disease,
 * reason) as notes, status from ORC-1 (CA cancelled → revoked), the orderer ORC-12, ordered ORC-9, planned TQ1-7
 * or OBR-7, priority TQ1-9, the specimen SPM (contained); a child order (ORC-8 parent, e.g. each radiograph of an
 * X-ray order) is {@code basedOn} its parent.
 */
final class OrderMapper implements Ss2Mapper {

    private final Coding category;

    /** @param category what kind of order (v2-0074 section, or text only) */
    OrderMapper(Coding category) {
        this.category = category;
    }

    @Override
    public List<Resource> map(Ss2Input input) throws IngestFailure {
        return Ss2Orders.mapLinked(input, order -> request(input, order), ServiceRequest::addBasedOn);
    }

    private ServiceRequest request(Ss2Input input, Order order) throws IngestFailure {
        String item = "order/" + order.number() + "/" + order.obr().get(4, 1);
        ServiceRequest request = input.identify(new ServiceRequest(), item);
        request.getMeta().addProfile(JpCoreSystems.JP_SERVICE_REQUEST);
        request.addIdentifier(input.sourceIdentifier(item));
        Hl7Segment orc = order.orc();
        Hl7Segment obr = order.obr();
        request.setStatus(switch (orc.name().equals("ORC") ? orc.get(1) : "") {
            case "CA", "OC", "DC" -> ServiceRequest.ServiceRequestStatus.REVOKED;
            case "HD" -> ServiceRequest.ServiceRequestStatus.ONHOLD;
            case "CM" -> ServiceRequest.ServiceRequestStatus.COMPLETED;
            default -> ServiceRequest.ServiceRequestStatus.ACTIVE;
        });
        request.setIntent(order.parent().isEmpty() ? ServiceRequest.ServiceRequestIntent.ORDER
                : ServiceRequest.ServiceRequestIntent.FILLERORDER);
        CodeableConcept kind = request.addCategory().setText(category.getDisplay());
        if (category.hasSystem()) {
            kind.addCoding(category.copy());
        }
        request.setCode(Ss2Codes.concept(obr, 4)
                .orElseThrow(() -> new IngestFailure("what is ordered (OBR-4) is missing", obr.at(4))));
        request.setSubject(MappedRecord.subject());
        if (orc.name().equals("ORC")) {
            Hl7Dates.dateTime(orc, 9).ifPresent(request::setAuthoredOnElement);
            Ss2Orders.person(orc, 12).ifPresent(request::setRequester);
        }
        var tq1 = Ss2Orders.timing(input.message(), orc);
        if (tq1.isPresent()) {
            Hl7Dates.dateTime(tq1.get(), 7).ifPresent(request::setOccurrence);
            switch (tq1.get().get(9, 1)) {
                case "S" -> request.setPriority(ServiceRequest.ServiceRequestPriority.STAT);
                case "A" -> request.setPriority(ServiceRequest.ServiceRequestPriority.ASAP);
                case "R" -> request.setPriority(ServiceRequest.ServiceRequestPriority.ROUTINE);
                default -> { }
            }
        }
        if (!request.hasOccurrence()) {
            Hl7Dates.dateTime(obr, 7).ifPresent(request::setOccurrence);
        }
        for (Hl7Segment segment : order.segments()) {
            if (!segment.name().equals("OBX")) {
                continue;
            }
            if (segment.has(5)) {
                request.addNote().setText(Ss2Orders.line(segment));
            } else {
                // a requested item without a value (OML^O33): what the order asks for
                Ss2Codes.concept(segment, 3).ifPresent(request::addOrderDetail);
            }
        }
        Ss2Orders.specimenBefore(input.message(), obr).ifPresent(specimen -> {
            request.addContained(specimen);
            request.addSpecimen(new Reference("#specimen"));
        });
        return request;
    }
}
