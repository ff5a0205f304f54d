package jp.renkei.hub.gateway.ss2;

import java.util.List;

import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import jp.renkei.hub.gateway.hl7.Hl7Dates;
import jp.renkei.hub.gateway.hl7.Hl7Segment;
import jp.renkei.hub.gateway.ingest.IngestFailure;
import jp.renkei.hub.gateway.ingest.MappedRecord;
import jp.renkei.hub.gateway.ss2.Ss2Orders.Order;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * OMG-11 / OMG-12 (radiology / endoscopy performed, OMI^Z23) → one JP_Procedure per performed order (ORC-2 and
 * OBR-4): what was done OBR-4, when OBR-7 (else ORC-9), status from OBR-25 (F/C completed, X not done, else in
 * progress), the people who did it (OBX of type XCN: physician, technician, nurse) as performers with their role,
 * the other details (ZE1 performed items, drugs ZRD, devices, start and end times) as notes, and the study the
 * images belong to (IPC-3 Study Instance UID) as identifier {@code urn:dicom:uid} — the DICOM bridge holds the
 * images under that UID. A child (ORC-8) is {@code partOf} its parent.
 */
final class ProcedureMapper implements Ss2Mapper {

    private final String kind;

    /** @param kind what was performed, in words (放射線検査, 内視鏡検査) */
    ProcedureMapper(String kind) {
        this.kind = kind;
    }

    @Override
    public List<Resource> map(Ss2Input input) throws IngestFailure {
        return Ss2Orders.mapLinked(input, order -> procedure(input, order), Procedure::addPartOf);
    }

    private Procedure procedure(Ss2Input input, Order order) throws IngestFailure {
        Hl7Segment obr = order.obr();
        String item = "performed/" + order.number() + "/" + obr.get(4, 1);
        Procedure procedure = input.identify(new Procedure(), item);
        procedure.getMeta().addProfile(JpCoreSystems.JP_PROCEDURE);
        procedure.addIdentifier(input.sourceIdentifier(item));
        procedure.setStatus(switch (obr.get(25)) {
            case "F", "C", "" -> Procedure.ProcedureStatus.COMPLETED;
            case "X" -> Procedure.ProcedureStatus.NOTDONE;
            default -> Procedure.ProcedureStatus.INPROGRESS;
        });
        procedure.setCategory(new CodeableConcept().setText(kind));
        procedure.setCode(Ss2Codes.concept(obr, 4)
                .orElseThrow(() -> new IngestFailure("what was performed (OBR-4) is missing", obr.at(4))));
        procedure.setSubject(MappedRecord.subject());
        var performed = Hl7Dates.dateTime(obr, 7);
        if (performed.isEmpty() && order.orc().name().equals("ORC")) {
            performed = Hl7Dates.dateTime(order.orc(), 9);
        }
        performed.ifPresent(procedure::setPerformed);
        for (Hl7Segment segment : order.segments()) {
            switch (segment.name()) {
                case "OBX" -> {
                    if (segment.get(2).equals("XCN")) {
                        String name = (segment.get(5, 2) + " " + segment.get(5, 3)).trim();
                        procedure.addPerformer().setActor(new Reference().setDisplay(name))
                                .setFunction(new CodeableConcept().setText(segment.get(3, 2)));
                    } else {
                        procedure.addNote().setText(Ss2Orders.line(segment));
                    }
                }
                case "ZE1" -> procedure.addNote().setText("実施項目: "
                        + (segment.get(3, 2).isEmpty() ? segment.get(3, 1) : segment.get(3, 2)));
                case "IPC" -> {
                    String study = segment.get(3);
                    if (!study.isEmpty() && procedure.getIdentifier().stream()
                            .noneMatch(i -> ("urn:oid:" + study).equals(i.getValue()))) {
                        procedure.addIdentifier().setSystem(JpCoreSystems.DICOM_UID).setValue("urn:oid:" + study);
                    }
                }
                default -> { }
            }
        }
        return procedure;
    }
}
