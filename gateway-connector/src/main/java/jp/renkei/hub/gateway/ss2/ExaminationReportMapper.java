package jp.renkei.hub.gateway.ss2;

import java.util.ArrayList;
import java.util.List;

import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import jp.renkei.hub.gateway.hl7.Hl7Dates;
import jp.renkei.hub.gateway.hl7.Hl7Segment;
import jp.renkei.hub.gateway.ingest.IngestFailure;
import jp.renkei.hub.gateway.ingest.MappedRecord;
import jp.renkei.hub.gateway.ss2.Ss2Orders.Order;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * OMG-13 (physiology results, ORU^R01: ECG, spirometry …) → per OBR one JP_DiagnosticReport_Common (what was
 * examined OBR-4, when OBR-7, reported OBR-22, status OBR-25) with one JP_Observation_Common per OBX (measurements
 * with their unit, findings as text; OBX-4 sub-ID and code make the item) and, as conclusion, the findings given
 * as text (TX/FT/ST); an encapsulated report (ED: the ECG chart as PDF) becomes the report's presented form.
 */
final class ExaminationReportMapper implements Ss2Mapper {

    private final String kind;

    /** @param kind the kind of examination, in words (生理検査) */
    ExaminationReportMapper(String kind) {
        this.kind = kind;
    }

    @Override
    public List<Resource> map(Ss2Input input) throws IngestFailure {
        List<Resource> resources = new ArrayList<>();
        for (Order order : Ss2Orders.orders(input.message(), input.orderNumber())) {
            Hl7Segment obr = order.obr();
            String base = "exam/" + order.number() + "/" + obr.get(4, 1);
            DiagnosticReport report = input.identify(new DiagnosticReport(), base);
            List<String> findings = new ArrayList<>();
            int position = 0;
            for (Hl7Segment obx : order.segments()) {
                if (!obx.name().equals("OBX")) {
                    continue;
                }
                position++;
                if (obx.get(2).equals("ED")) {
                    report.addPresentedForm(EncapsulatedData.attachment(obx));
                    continue;
                }
                Observation observation = observation(input, base + "/" + position + "/" + obx.get(3, 1), obx, obr);
                if (List.of("TX", "FT", "ST").contains(obx.get(2)) && obx.has(5)) {
                    findings.add(obx.get(5));
                }
                resources.add(observation);
                report.addResult(new Reference("Observation/" + observation.getIdElement().getIdPart()));
            }
            report.getMeta().addProfile(JpCoreSystems.JP_DIAGNOSTIC_REPORT_COMMON);
            report.addIdentifier(input.sourceIdentifier(base));
            report.setStatus(Ss2Observations.reportStatus(obr, order.segments()));
            report.addCategory(new CodeableConcept().setText(kind));
            report.setCode(Ss2Codes.concept(obr, 4)
                    .orElseThrow(() -> new IngestFailure("what was examined (OBR-4) is missing", obr.at(4))));
            report.setSubject(MappedRecord.subject());
            Hl7Dates.dateTime(obr, 7).ifPresent(report::setEffective);
            Hl7Dates.dateTime(obr, 22).ifPresent(issued -> report.setIssued(issued.getValue()));
            Ss2Orders.person(obr, 32).or(() -> Ss2Orders.person(obr, 16)).ifPresent(report::addResultsInterpreter);
            if (!findings.isEmpty()) {
                report.setConclusion(String.join("\n", findings));
            }
            resources.add(report);
        }
        return resources;
    }

    private Observation observation(Ss2Input input, String item, Hl7Segment obx, Hl7Segment obr)
            throws IngestFailure {
        Observation observation = input.identify(new Observation(), item);
        observation.getMeta().addProfile(JpCoreSystems.JP_OBSERVATION_COMMON);
        observation.addIdentifier(input.sourceIdentifier(item));
        observation.setStatus(Ss2Observations.status(obx));
        observation.addCategory().addCoding().setSystem(JpCoreSystems.SIMPLE_OBSERVATION_CATEGORY)
                .setCode("procedure");
        observation.setCode(Ss2Observations.code(obx));
        observation.setSubject(MappedRecord.subject());
        Ss2Observations.effective(obx, obr).ifPresent(observation::setEffective);
        Ss2Observations.value(obx, observation);
        Ss2Observations.interpretation(obx).ifPresent(observation::addInterpretation);
        return observation;
    }
}
