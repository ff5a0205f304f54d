package jp.renkei.hub.gateway.ss2;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import jp.renkei.hub.gateway.hl7.Hl7Dates;
import jp.renkei.hub.gateway.hl7.Hl7Segment;
import jp.renkei.hub.gateway.ingest.IngestFailure;
import jp.renkei.hub.gateway.ingest.MappedRecord;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Specimen;

/**
 * OML-11 (lab results, OUL^R22) → one JP_Observation_LabResult per OBX (JLAC10 code OBX-3, value OBX-5 by type
 * OBX-2 with unit OBX-6, reference range OBX-7, flag OBX-8, status OBX-11, time OBX-14 or OBR-7; the specimen
 * SPM-4 contained) and one JP_DiagnosticReport_LabResult per OBR listing them. The item of a result is its
 * JLAC10 code within the OBR, so a corrected result updates it; an encapsulated OBX (ED, the printed report) is
 * the report's presented form. Microbiology groups (culture, identification,
 * susceptibility) go to {@link MicrobiologyMapper}.
 */
final class LabResultMapper implements Ss2Mapper {

    @Override
    public List<Resource> map(Ss2Input input) throws IngestFailure {
        List<Resource> resources = new ArrayList<>();
        List<List<Hl7Segment>> microbiology = new ArrayList<>();
        for (List<Hl7Segment> group : input.message().groupsStartingAt("OBR")) {
            Hl7Segment obr = group.get(0);
            if (MicrobiologyMapper.isMicrobiology(group)) {
                microbiology.add(group);
                continue;
            }
            Optional<Hl7Segment> specimen = specimenBefore(input, obr);
            List<Observation> results = new ArrayList<>();
            List<org.hl7.fhir.r4.model.Attachment> forms = new ArrayList<>();
            for (Hl7Segment obx : group) {
                if (obx.name().equals("OBX") && obx.get(2).equals("ED")) {
                    // the report as the laboratory printed it (PDF): the report's presented form
                    forms.add(EncapsulatedData.attachment(obx));
                } else if (obx.name().equals("OBX")) {
                    results.add(result(input, obr, obx, specimen));
                }
            }
            resources.addAll(results);
            DiagnosticReport report = report(input, obr, results);
            forms.forEach(report::addPresentedForm);
            resources.add(report);
        }
        resources.addAll(MicrobiologyMapper.map(input, microbiology));
        if (resources.isEmpty()) {
            throw new IngestFailure("the lab result message has no OBR", input.message().msh().location());
        }
        return resources;
    }

    /** The SPM nearest before the OBR (OUL^R22 puts the specimen first). */
    private static Optional<Hl7Segment> specimenBefore(Ss2Input input, Hl7Segment obr) {
        Hl7Segment found = null;
        for (Hl7Segment segment : input.message().segments()) {
            if (segment.index() >= obr.index()) {
                break;
            }
            if (segment.name().equals("SPM")) {
                found = segment;
            }
        }
        return Optional.ofNullable(found);
    }

    private static String reportItem(Hl7Segment obr) {
        return "report/" + (obr.has(3) ? obr.get(3) : obr.get(2)) + "/" + obr.get(4, 1);
    }

    private static Observation result(Ss2Input input, Hl7Segment obr, Hl7Segment obx, Optional<Hl7Segment> spm)
            throws IngestFailure {
        Coding code = Ss2Codes.requireCoding(obx, 3, "the test code");
        String item = reportItem(obr) + "/" + code.getCode();
        Observation observation = input.identify(new Observation(), item);
        observation.getMeta().addProfile(JpCoreSystems.JP_OBSERVATION_LAB_RESULT);
        observation.addIdentifier(input.sourceIdentifier(item));
        observation.setStatus(Ss2Observations.status(obx));
        observation.addCategory().addCoding().setSystem(JpCoreSystems.SIMPLE_OBSERVATION_CATEGORY)
                .setCode("laboratory").setDisplay("検体検査");
        observation.addCategory().addCoding().setSystem(JpCoreSystems.OBSERVATION_CATEGORY).setCode("laboratory");
        observation.setCode(new CodeableConcept(code).setText(code.getDisplay()));
        observation.setSubject(MappedRecord.subject());
        Ss2Observations.effective(obx, obr).ifPresent(observation::setEffective);
        Ss2Observations.value(obx, observation);
        range(obx, observation);
        Ss2Observations.interpretation(obx).ifPresent(observation::addInterpretation);
        Specimen specimen = new Specimen();
        specimen.setId("specimen");
        if (spm.isPresent()) {
            Ss2Codes.concept(spm.get(), 4).ifPresent(specimen::setType);
        } else {
            specimen.getType().setText("不明");
        }
        observation.addContained(specimen);
        observation.setSpecimen(new Reference("#specimen"));
        return observation;
    }

    /** OBX-7 as {@code low-high}, or as text. */
    private static void range(Hl7Segment obx, Observation observation) {
        String range = obx.get(7);
        if (range.isEmpty()) {
            return;
        }
        var component = observation.addReferenceRange();
        String[] bounds = range.split("-", -1);
        try {
            if (bounds.length == 2 && observation.getValue() instanceof org.hl7.fhir.r4.model.Quantity unit) {
                if (!bounds[0].isBlank()) {
                    component.setLow(bound(new BigDecimal(bounds[0].trim()), unit));
                }
                if (!bounds[1].isBlank()) {
                    component.setHigh(bound(new BigDecimal(bounds[1].trim()), unit));
                }
                return;
            }
        } catch (NumberFormatException notNumeric) {
            component.setLow(null).setHigh(null);
        }
        component.setText(range);
    }

    private static org.hl7.fhir.r4.model.SimpleQuantity bound(BigDecimal value, org.hl7.fhir.r4.model.Quantity unit) {
        org.hl7.fhir.r4.model.SimpleQuantity bound = new org.hl7.fhir.r4.model.SimpleQuantity();
        bound.setValue(value).setUnit(unit.getUnit()).setSystem(unit.getSystem()).setCode(unit.getCode());
        return bound;
    }

    private static DiagnosticReport report(Ss2Input input, Hl7Segment obr, List<Observation> results)
            throws IngestFailure {
        String item = reportItem(obr);
        DiagnosticReport report = input.identify(new DiagnosticReport(), item);
        report.getMeta().addProfile(JpCoreSystems.JP_DIAGNOSTIC_REPORT_LAB_RESULT);
        report.addIdentifier(input.sourceIdentifier(item));
        report.setStatus(results.stream().allMatch(r -> r.getStatus() == Observation.ObservationStatus.FINAL)
                ? DiagnosticReport.DiagnosticReportStatus.FINAL : DiagnosticReport.DiagnosticReportStatus.PARTIAL);
        report.addCategory(new CodeableConcept(new Coding(JpCoreSystems.LOINC, "LP29693-6", "Laboratory")));
        report.setCode(Ss2Codes.concept(obr, 4).orElseGet(() -> new CodeableConcept().setText("検体検査")));
        report.setSubject(MappedRecord.subject());
        Hl7Dates.dateTime(obr, 7).ifPresent(report::setEffective);
        Hl7Dates.dateTime(obr, 22).ifPresent(issued -> report.setIssued(issued.getValue()));
        for (Observation result : results) {
            report.addResult(new Reference("Observation/" + result.getIdElement().getIdPart()));
        }
        return report;
    }
}
