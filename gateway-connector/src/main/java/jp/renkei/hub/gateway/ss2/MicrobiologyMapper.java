package jp.renkei.hub.gateway.ss2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/**
 * Microbiology in OML-11 (OUL^R22, JAHIS laboratory 3.1 conventions) → JP Core 1.1.2's microbiology model:
 * <ul>
 * <li>a culture OBR (JLAC10 analyte class 6: smear, culture and identification) → JP_DiagnosticReport_Microbiology
 * (category LOINC LP7819-8, code 18725-2 微生物学的検査報告書) with the specimen (SPM-4, collected SPM-17) contained;</li>
 * <li>each isolate (OBX-4 sub-ID; without one, each CWE organism OBX starts the next isolate) → an
 * {@code organism-panels} Observation (code: the culture test OBX-3) whose members are the {@code organism}
 * Observation (code: the identification test OBX-3 plus, as JP Core's {@code infectious-agent} slice, the JANIS
 * organism code; value: the organism CWE OBX-5 — JANIS infectious-agent code when the coding system says so), the {@code growth} Observations (other OBX of the isolate: text such as
 * {@code 3+}, or a quantity) and, when present, the {@code susceptibility-panels} Observation;</li>
 * <li>a susceptibility OBR (linked to its culture by OBR-26 parent result, OBR-29 parent order, or following it)
 * → per isolate (OBR-26.2 or OBX-4) a {@code susceptibility-panels} Observation (code: the organism) with one
 * {@code susceptibility-measurements} Observation per drug (code OBX-3, JANIS antimicrobial code when named so;
 * MIC OBX-5 as a quantity with comparator, {@code <=0.5}; S/I/R OBX-8 as interpretation);</li>
 * <li>other OBX of the culture (smear/Gram stain, comments) → Observations listed in the report ({@code gram-stain}
 * for JLAC10 6A smear codes, else {@code others}).</li>
 * </ul>
 * Every Observation carries JP_Observation_Microbiology's three categories.
 */
final class MicrobiologyMapper {

    /**
     * The HL7 coding-system name (CWE-3) that says a code is from the JANIS masters (infectious agents, antimicrobial
     * drugs); the master's OID in CWE-3 says so too. Other names (local 99xxx tables) keep the text only.
     */
    private static final String JANIS = "JANIS";

    private MicrobiologyMapper() {
    }

    /** A culture or susceptibility group: JLAC10 class 6 in OBR-4 or an OBX-3, or a parent-result link. */
    static boolean isMicrobiology(List<Hl7Segment> group) {
        Hl7Segment obr = group.get(0);
        if (obr.has(26) || isJlac10Microbiology(obr, 4)) {
            return true;
        }
        return group.stream().anyMatch(s -> s.name().equals("OBX") && isJlac10Microbiology(s, 3));
    }

    private static boolean isJlac10Microbiology(Hl7Segment segment, int field) {
        return "JC10".equals(segment.get(field, 3)) && segment.get(field, 1).startsWith("6");
    }

    /** One culture with the susceptibility groups that belong to it. */
    private record Culture(List<Hl7Segment> group, List<List<Hl7Segment>> susceptibility) {
    }

    static List<Resource> map(Ss2Input input, List<List<Hl7Segment>> groups) throws IngestFailure {
        List<Culture> cultures = new ArrayList<>();
        for (List<Hl7Segment> group : groups) {
            Hl7Segment obr = group.get(0);
            boolean child = obr.has(26) || obr.has(29);
            if (child) {
                Culture parent = parentOf(cultures, obr);
                parent.susceptibility().add(group);
            } else {
                cultures.add(new Culture(group, new ArrayList<>()));
            }
        }
        List<Resource> resources = new ArrayList<>();
        for (Culture culture : cultures) {
            resources.addAll(culture(input, culture));
        }
        return resources;
    }

    /** The culture OBR-29 names (placer or filler number), else the last culture before. */
    private static Culture parentOf(List<Culture> cultures, Hl7Segment obr) throws IngestFailure {
        String placer = obr.get(29, 0, 1, 1);
        String filler = obr.get(29, 0, 2, 1);
        for (Culture culture : cultures) {
            Hl7Segment parent = culture.group().get(0);
            if ((!filler.isEmpty() && filler.equals(parent.get(3))) || (filler.isEmpty() && !placer.isEmpty()
                    && placer.equals(parent.get(2)))) {
                return culture;
            }
        }
        if (cultures.isEmpty()) {
            throw new IngestFailure("the susceptibility result has no culture before it to belong to", obr.at(26));
        }
        return cultures.get(cultures.size() - 1);
    }

    /** Observations of one isolate, in OBX order. */
    private static final class Isolate {
        final String number;
        Hl7Segment organism;
        final List<Hl7Segment> growth = new ArrayList<>();
        final List<Hl7Segment> susceptibility = new ArrayList<>();

        Isolate(String number) {
            this.number = number;
        }
    }

    private static List<Resource> culture(Ss2Input input, Culture culture) throws IngestFailure {
        Hl7Segment obr = culture.group().get(0);
        String base = "micro/" + (obr.has(3) ? obr.get(3) : obr.get(2)) + "/" + obr.get(4, 1);
        List<Resource> resources = new ArrayList<>();
        List<Reference> reportResults = new ArrayList<>();
        Map<String, Isolate> isolates = new LinkedHashMap<>();
        Isolate current = null;
        int others = 0;
        for (Hl7Segment obx : culture.group()) {
            if (!obx.name().equals("OBX")) {
                continue;
            }
            String sub = obx.get(4);
            boolean organism = obx.get(2).equals("CWE") || obx.get(2).equals("CE");
            if (organism) {
                String number = sub.isEmpty() ? String.valueOf(isolates.size() + 1) : sub;
                current = isolates.computeIfAbsent(number, Isolate::new);
                if (current.organism != null) {
                    throw new IngestFailure("isolate " + number + " names a second organism", obx.at(4));
                }
                current.organism = obx;
            } else if (!sub.isEmpty() && isolates.containsKey(sub)) {
                isolates.get(sub).growth.add(obx);
            } else if (sub.isEmpty() && current != null) {
                current.growth.add(obx);
            } else if (!sub.isEmpty()) {
                // a growth line before its organism line: the isolate is opened by it
                isolates.computeIfAbsent(sub, Isolate::new).growth.add(obx);
            } else {
                Observation other = observation(input, base + "/other/" + (++others), obx, obr,
                        obx.get(3, 1).startsWith("6A") ? "gram-stain" : "others");
                other.setCode(Ss2Observations.code(obx));
                Ss2Observations.value(obx, other);
                resources.add(other);
                reportResults.add(reference(other));
            }
        }
        for (List<Hl7Segment> group : culture.susceptibility()) {
            String groupIsolate = group.get(0).get(26, 0, 2, 1);
            for (Hl7Segment obx : group) {
                if (!obx.name().equals("OBX")) {
                    continue;
                }
                String number = obx.has(4) ? obx.get(4) : groupIsolate;
                Isolate isolate = isolates.get(number);
                if (isolate == null || isolate.organism == null) {
                    throw new IngestFailure("the susceptibility result names isolate '" + number
                            + "', which the culture does not identify", obx.has(4) ? obx.at(4) : group.get(0).at(26));
                }
                isolate.susceptibility.add(obx);
            }
        }
        for (Isolate isolate : isolates.values()) {
            if (isolate.organism == null) {
                throw new IngestFailure("isolate " + isolate.number + " has results but no organism (a CWE OBX)",
                        isolate.growth.get(0).at(4));
            }
            Observation panel = isolate(input, base, isolate, obr, resources);
            reportResults.add(reference(panel));
        }
        resources.add(report(input, base, obr, culture, reportResults));
        return resources;
    }

    private static Observation isolate(Ss2Input input, String base, Isolate isolate, Hl7Segment obr,
                                       List<Resource> resources) throws IngestFailure {
        String item = base + "/isolate/" + isolate.number;
        Hl7Segment organismObx = isolate.organism;
        CodeableConcept organism = organism(organismObx);

        Observation identified = observation(input, item + "/organism", organismObx, obr, "organism");
        identified.setCode(Ss2Observations.code(organismObx));
        // JP_Observation_Microbiology slices the identified organism into code.coding (infectious-agent, JANIS)
        organism.getCoding().stream().filter(c -> JpCoreSystems.INFECTIOUS_AGENT.equals(c.getSystem())).findFirst()
                .ifPresent(c -> identified.getCode().addCoding(c.copy()));
        identified.setValue(organism);
        resources.add(identified);

        Observation panel = observation(input, item, organismObx, obr, "organism-panels");
        panel.setCode(Ss2Observations.code(organismObx));
        panel.addHasMember(reference(identified));

        int growthNo = 0;
        for (Hl7Segment obx : isolate.growth) {
            // text lines (TX, FT) about an isolate are remarks, the rest (3+, 10^6/mL) its growth
            boolean remark = obx.get(2).equals("TX") || obx.get(2).equals("FT");
            Observation growth = observation(input, item + "/growth/" + (++growthNo), obx, obr,
                    remark ? "others" : "growth");
            growth.setCode(Ss2Observations.code(obx));
            Ss2Observations.value(obx, growth);
            growth.addDerivedFrom(reference(identified));
            resources.add(growth);
            panel.addHasMember(reference(growth));
        }
        if (!isolate.susceptibility.isEmpty()) {
            Hl7Segment first = isolate.susceptibility.get(0);
            Observation susceptibility = observation(input, item + "/susceptibility", first, obr,
                    "susceptibility-panels");
            susceptibility.setCode(organism.copy());
            for (Hl7Segment obx : isolate.susceptibility) {
                Observation measurement = observation(input, item + "/susceptibility/" + obx.get(3, 1), obx, obr,
                        "susceptibility-measurements");
                measurement.setCode(antimicrobial(obx));
                Ss2Observations.value(obx, measurement);
                if (measurement.hasDataAbsentReason() && obx.has(8)) {
                    // an S/I/R without a MIC is a complete result: the interpretation is the value
                    measurement.setDataAbsentReason(null);
                }
                Ss2Observations.interpretation(obx).ifPresent(measurement::addInterpretation);
                resources.add(measurement);
                susceptibility.addHasMember(reference(measurement));
            }
            resources.add(susceptibility);
            panel.addHasMember(reference(susceptibility));
        }
        resources.add(panel);
        return panel;
    }

    /** OBX-5 of an identification line: JANIS infectious-agent code when the CWE names that master. */
    private static CodeableConcept organism(Hl7Segment obx) throws IngestFailure {
        return janis(obx, 5, JpCoreSystems.INFECTIOUS_AGENT, "1.2.392.100495.10.3.100.5.27.6.1")
                .orElseThrow(() -> new IngestFailure("the organism is missing", obx.at(5)));
    }

    /** OBX-3 of a susceptibility line: JANIS antimicrobial-drug code when the CWE names that master. */
    private static CodeableConcept antimicrobial(Hl7Segment obx) throws IngestFailure {
        return janis(obx, 3, JpCoreSystems.ANTIMICROBIAL_DRUG, "1.2.392.100495.10.3.100.5.11.5.2")
                .orElseThrow(() -> new IngestFailure("the antimicrobial drug is missing", obx.at(3)));
    }

    private static Optional<CodeableConcept> janis(Hl7Segment obx, int field, String system, String oid) {
        Optional<CodeableConcept> concept = Ss2Codes.concept(obx, field);
        if (concept.isEmpty()) {
            return concept;
        }
        for (int first : new int[] {1, 4}) {
            String code = obx.get(field, 0, first, 1);
            String name = obx.get(field, 0, first + 2, 1);
            if (!code.isEmpty() && (JANIS.equals(name) || oid.equals(name))) {
                Coding coding = new Coding(system, code, obx.get(field, 0, first + 1, 1).isEmpty() ? null
                        : obx.get(field, 0, first + 1, 1));
                concept.get().getCoding().add(0, coding);
            }
        }
        if (!concept.get().hasText()) {
            concept.get().setText(obx.get(field, 1));
        }
        return concept;
    }

    private static Observation observation(Ss2Input input, String item, Hl7Segment obx, Hl7Segment obr,
                                           String kind) throws IngestFailure {
        Observation observation = input.identify(new Observation(), item);
        observation.getMeta().addProfile(JpCoreSystems.JP_OBSERVATION_MICROBIOLOGY);
        observation.addIdentifier(input.sourceIdentifier(item));
        observation.setStatus(Ss2Observations.status(obx));
        observation.addCategory().addCoding().setSystem(JpCoreSystems.SIMPLE_OBSERVATION_CATEGORY)
                .setCode("laboratory").setDisplay("検体検査");
        observation.addCategory().addCoding().setSystem(JpCoreSystems.LOINC).setCode("18725-2")
                .setDisplay("Microbiology studies (set)");
        observation.addCategory().addCoding().setSystem(JpCoreSystems.MICROBIOLOGY_CATEGORY).setCode(kind);
        observation.setSubject(MappedRecord.subject());
        Ss2Observations.effective(obx, obr).ifPresent(observation::setEffective);
        return observation;
    }

    private static DiagnosticReport report(Ss2Input input, String base, Hl7Segment obr, Culture culture,
                                           List<Reference> results) throws IngestFailure {
        String item = base + "/report";
        DiagnosticReport report = input.identify(new DiagnosticReport(), item);
        report.getMeta().addProfile(JpCoreSystems.JP_DIAGNOSTIC_REPORT_MICROBIOLOGY);
        report.addIdentifier(input.sourceIdentifier(item));
        report.setStatus(Ss2Observations.reportStatus(obr, culture.group()));
        report.addCategory(new CodeableConcept(new Coding(JpCoreSystems.LOINC, "LP7819-8", "Microbiology")));
        CodeableConcept code = new CodeableConcept(new Coding(JpCoreSystems.DOCUMENT_CODES, "18725-2",
                "微生物学的検査報告書"));
        Ss2Codes.coding(obr.get(4, 1), obr.get(4, 2), obr.get(4, 3)).ifPresent(code::addCoding);
        code.setText(obr.get(4, 2).isEmpty() ? "微生物学的検査" : obr.get(4, 2));
        report.setCode(code);
        report.setSubject(MappedRecord.subject());
        Hl7Dates.dateTime(obr, 7).ifPresent(report::setEffective);
        Hl7Dates.dateTime(obr, 22).ifPresent(issued -> report.setIssued(issued.getValue()));
        Ss2Orders.specimenBefore(input.message(), obr).ifPresent(specimen -> {
            report.addContained(specimen);
            report.addSpecimen(new Reference("#specimen"));
        });
        results.forEach(report::addResult);
        return report;
    }

    private static Reference reference(Observation observation) {
        return new Reference("Observation/" + observation.getIdElement().getIdPart());
    }
}
