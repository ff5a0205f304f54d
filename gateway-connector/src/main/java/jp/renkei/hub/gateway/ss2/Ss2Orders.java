package jp.renkei.hub.gateway.ss2;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import jp.renkei.hub.gateway.hl7.Hl7Dates;
import jp.renkei.hub.gateway.hl7.Hl7Message;
import jp.renkei.hub.gateway.hl7.Hl7Segment;
import jp.renkei.hub.gateway.ingest.IngestFailure;
import jp.renkei.hub.gateway.ingest.MappedRecord;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Specimen;
import org.hl7.fhir.r4.model.Type;

/**
 * What the order-based mappers (lab and examination orders, examinations performed, examination results) share:
 * the ORC/OBR groups of a message merged per order number (ORC-2; JAHIS repeats an order as NW and PA groups), the
 * parent order of a child (ORC-8), a person from an XCN, OBX lines as readable text, and the specimen.
 */
final class Ss2Orders {

    /**
     * One order: its number, its parent's number (or empty), its first ORC (the OBR when there is none) and OBR,
     * and every segment of its groups after them (OBX, ZE1, IPC, SPM …).
     */
    record Order(String number, String parent, Hl7Segment orc, Hl7Segment obr, List<Hl7Segment> segments) {
    }

    private Ss2Orders() {
    }

    /**
     * The message's orders in order of appearance, one per order number (ORC-2, else the OBR's placer number
     * OBR-2) and ordered item (OBR-4): JAHIS repeats an order as NW and PA groups, and a lab order number may hold
     * several test groups (one OBR each). An OBR before any ORC (ORU^R01) forms an order of its own.
     */
    static List<Order> orders(Hl7Message message, String inputOrder) throws IngestFailure {
        Map<String, Order> orders = new LinkedHashMap<>();
        Hl7Segment orc = null;
        Order current = null;
        for (Hl7Segment segment : message.segments()) {
            switch (segment.name()) {
                case "ORC" -> {
                    orc = segment;
                    current = null;
                }
                case "OBR" -> {
                    String number = orc != null && orc.has(2) ? orc.get(2) : segment.has(2) ? segment.get(2) : inputOrder;
                    String parent = orc != null ? orc.get(8, 0, 1, 1) : "";
                    if (parent.isEmpty()) {
                        parent = segment.get(29, 0, 1, 1);
                    }
                    Hl7Segment owner = orc != null ? orc : segment;
                    String parentNumber = parent.equals(number) ? "" : parent;
                    current = orders.computeIfAbsent(number + "/" + segment.get(4, 1), key -> new Order(number,
                            parentNumber, owner, segment, new ArrayList<>()));
                }
                default -> {
                    if (current != null && !segment.name().equals("TQ1")) {
                        current.segments().add(segment);
                    }
                }
            }
        }
        if (orders.isEmpty()) {
            throw new IngestFailure("the message has no OBR (no order or examination to record)",
                    message.msh().location());
        }
        return List.copyOf(orders.values());
    }

    /** Maps one order to a resource. */
    @FunctionalInterface
    interface OrderResource<R extends Resource> {
        R map(Order order) throws IngestFailure;
    }

    /**
     * Maps every order of the message and links each child (ORC-8) to the resource of its parent order with
     * {@code link} ({@code basedOn}, {@code partOf}), in order of appearance.
     */
    static <R extends Resource> List<Resource> mapLinked(Ss2Input input, OrderResource<R> mapper,
                                                         BiConsumer<R, Reference> link) throws IngestFailure {
        List<Resource> resources = new ArrayList<>();
        Map<String, String> ids = new HashMap<>();
        for (Order order : orders(input.message(), input.orderNumber())) {
            R resource = mapper.map(order);
            ids.putIfAbsent(order.number(), resource.fhirType() + "/" + resource.getIdElement().getIdPart());
            String parent = ids.get(order.parent());
            if (parent != null) {
                link.accept(resource, new Reference(parent));
            }
            resources.add(resource);
        }
        return resources;
    }

    /** The first TQ1 after the order's ORC and before the next ORC: when the examination is planned (TQ1-7). */
    static Optional<Hl7Segment> timing(Hl7Message message, Hl7Segment orc) {
        for (Hl7Segment segment : message.segments()) {
            if (segment.index() <= orc.index()) {
                continue;
            }
            if (segment.name().equals("ORC")) {
                break;
            }
            if (segment.name().equals("TQ1")) {
                return Optional.of(segment);
            }
        }
        return Optional.empty();
    }

    /** A person (XCN: ID^family^given) as a display-only reference, or empty. */
    static Optional<Reference> person(Hl7Segment segment, int field) {
        String name = (segment.get(field, 0, 2, 1) + " " + segment.get(field, 0, 3, 1)).trim();
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Reference().setDisplay(name));
    }

    /** An OBX as one line of text, {@code 外来所見: …}, whatever its type. */
    static String line(Hl7Segment obx) throws IngestFailure {
        String label = obx.get(3, 2).isEmpty() ? obx.get(3, 1) : obx.get(3, 2);
        String value = switch (obx.get(2)) {
            case "XCN" -> (obx.get(5, 2) + " " + obx.get(5, 3)).trim();
            case "CWE", "CE", "ZRD" -> {
                String text = obx.get(5, 2).isEmpty() ? obx.get(5, 1) : obx.get(5, 2);
                // ZRD (JAHIS drug used): code^name^system^amount^unit (unit code&text&system)
                String unit = obx.get(5, 0, 5, 2).isEmpty() ? obx.get(5, 0, 5, 1) : obx.get(5, 0, 5, 2);
                String amount = obx.get(2).equals("ZRD") ? (obx.get(5, 4) + unit).trim() : "";
                yield amount.isEmpty() ? text : text + " " + amount;
            }
            default -> {
                Optional<Type> typed = Ss2Observations.value(obx);
                yield typed.map(Type::primitiveValue).orElse(obx.get(5));
            }
        };
        String unit = obx.get(6, 2).isEmpty() ? obx.get(6, 1) : obx.get(6, 2);
        return label + ": " + value + (unit.isEmpty() ? "" : " " + unit);
    }

    /** The SPM nearest before {@code segment}, as a contained JP_Specimen {@code #specimen}: type SPM-4, collected SPM-17. */
    static Optional<Specimen> specimenBefore(Hl7Message message, Hl7Segment segment) throws IngestFailure {
        Hl7Segment spm = null;
        for (Hl7Segment candidate : message.segments()) {
            if (candidate.index() >= segment.index()) {
                break;
            }
            if (candidate.name().equals("SPM")) {
                spm = candidate;
            }
        }
        if (spm == null) {
            return Optional.empty();
        }
        Specimen specimen = new Specimen();
        specimen.setId("specimen");
        specimen.getMeta().addProfile(JpCoreSystems.JP_SPECIMEN);
        specimen.setSubject(MappedRecord.subject());
        Ss2Codes.concept(spm, 4).ifPresent(specimen::setType);
        if (spm.has(2)) {
            specimen.getAccessionIdentifier().setValue(spm.get(2));
        }
        var collected = Hl7Dates.dateTime(spm, 17);
        if (collected.isPresent()) {
            specimen.getCollection().setCollected(collected.get());
        }
        return Optional.of(specimen);
    }
}
