package jp.renkei.hub.gateway.ss2;

import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import java.util.List;

import jp.renkei.hub.gateway.hl7.Hl7Dates;
import jp.renkei.hub.gateway.hl7.Hl7Segment;
import jp.renkei.hub.gateway.ingest.IngestFailure;
import jp.renkei.hub.gateway.ingest.MappedRecord;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Resource;

/**
 * ADT-22 (admission, ADT^A01) and ADT-52 (discharge, ADT^A03) → JP_Encounter: inpatient, in progress from PV1-44
 * (or EVN-6/EVN-2) on admission; finished at PV1-45 (or EVN-6) on discharge; location PV1-3 as text.
 */
final class EncounterMapper implements Ss2Mapper {

    private final boolean discharge;

    EncounterMapper(boolean discharge) {
        this.discharge = discharge;
    }

    @Override
    public List<Resource> map(Ss2Input input) throws IngestFailure {
        Hl7Segment pv1 = input.message().require("PV1");
        String item = discharge ? "discharge" : "admission";
        Encounter encounter = input.identify(new Encounter(), item);
        encounter.getMeta().addProfile(JpCoreSystems.JP_ENCOUNTER);
        encounter.addIdentifier(input.sourceIdentifier(item));
        encounter.setClass_(new Coding(JpCoreSystems.ACT_CODE, "IMP", "inpatient encounter"));
        encounter.setSubject(MappedRecord.subject());
        var evn = input.message().first("EVN");
        var admitted = Hl7Dates.dateTime(pv1, 44);
        if (admitted.isEmpty() && !discharge && evn.isPresent()) {
            admitted = Hl7Dates.dateTime(evn.get(), 6);
            if (admitted.isEmpty()) {
                admitted = Hl7Dates.dateTime(evn.get(), 2);
            }
        }
        admitted.ifPresent(start -> encounter.getPeriod().setStartElement(start));
        if (discharge) {
            var left = Hl7Dates.dateTime(pv1, 45);
            if (left.isEmpty() && evn.isPresent()) {
                left = Hl7Dates.dateTime(evn.get(), 6);
            }
            if (left.isEmpty()) {
                throw new IngestFailure("the discharge has no date (PV1-45, EVN-6)", pv1.at(45));
            }
            encounter.getPeriod().setEndElement(left.get());
            encounter.setStatus(Encounter.EncounterStatus.FINISHED);
        } else {
            encounter.setStatus(Encounter.EncounterStatus.INPROGRESS);
        }
        String ward = String.join(" ", pv1.get(3, 1), pv1.get(3, 2), pv1.get(3, 3)).trim();
        if (!ward.isEmpty()) {
            encounter.addLocation().getLocation().setDisplay(ward);
        }
        return List.of(encounter);
    }
}
