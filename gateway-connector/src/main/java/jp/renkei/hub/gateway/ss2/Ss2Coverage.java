package jp.renkei.hub.gateway.ss2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jp.renkei.hub.gateway.hl7.Hl7Message;
import jp.renkei.hub.gateway.hl7.Hl7Segment;

/**
 * What became of each segment of a mapped message, so that the import report accounts for every one: MAPPED (its
 * content is in the FHIR resources), CONTEXT (identifies or frames what is mapped: header, patient, visit, order,
 * timing, route, specimen) or NOT_MAPPED with the reason. The mappers' own javadoc says which fields they read;
 * this table says which segments they read, per data type.
 */
final class Ss2Coverage {

    enum Fate { MAPPED, CONTEXT, NOT_MAPPED }

    record SegmentFate(Hl7Segment segment, Fate fate, String reason) {

        /** The report line of a segment not mapped: {@code not mapped: NK1[5] (…)}. */
        String describe() {
            return "not mapped: " + segment + " " + reason;
        }
    }

    private static final Set<String> CONTEXT = Set.of("MSH", "EVN", "PID", "PD1", "PV1", "PV2", "ORC", "TQ1", "TQ2",
            "RXR", "SPM", "MSA", "SFT");

    /** The segments each mapper reads the content of. */
    private static final Map<String, Set<String>> MAPPED = Map.ofEntries(
            Map.entry("ADT-00", Set.of("OBX", "AL1")),
            Map.entry("ADT-22", Set.of()),
            Map.entry("ADT-52", Set.of()),
            Map.entry("ADT-61", Set.of("IAM")),
            Map.entry("PPR-01", Set.of("PRB")),
            Map.entry("OMP-01", Set.of("RXE")),
            Map.entry("OMP-02", Set.of("RXE", "RXC")),
            Map.entry("OMP-11", Set.of("RXA")),
            Map.entry("OMP-12", Set.of("RXA")),
            Map.entry("OML-01", Set.of("OBR", "OBX")),
            Map.entry("OML-11", Set.of("OBR", "OBX")),
            Map.entry("OMG-01", Set.of("OBR", "OBX")),
            Map.entry("OMG-02", Set.of("OBR", "OBX")),
            Map.entry("OMG-03", Set.of("OBR", "OBX")),
            Map.entry("OMG-11", Set.of("OBR", "OBX", "ZE1", "IPC")),
            Map.entry("OMG-12", Set.of("OBR", "OBX", "ZE1", "IPC")),
            Map.entry("OMG-13", Set.of("OBR", "OBX")),
            Map.entry("MDM", Set.of("TXA", "OBX")));

    /** Why the segments no mapper reads are left out. */
    private static final Map<String, String> NOT_MAPPED = Map.ofEntries(
            Map.entry("NK1", "(next of kin, employer): contact details, not shared over the network"),
            Map.entry("IN1", "(insurance): the network does not share insurance data"),
            Map.entry("IN2", "(insurance): the network does not share insurance data"),
            Map.entry("ZI1", "(insurance, JAHIS): the network does not share insurance data"),
            Map.entry("DB1", "(disability): JP Core 1.1.2 has no profile for it; not shared"),
            Map.entry("ZPR", "(disease-name parts, JAHIS): the modifier codes of the PRB disease, whose full name"
                    + " and code are mapped"),
            Map.entry("IPC", "(image study planned for an order): the images and their study arrive through the"
                    + " DICOM bridge"),
            Map.entry("CTI", "(clinical trial): not shared over the network"),
            Map.entry("NTE", "(free-text comment on the message): not read"),
            Map.entry("ODS", "(diet): see the data type OMD"));

    private Ss2Coverage() {
    }

    static List<SegmentFate> of(String dataType, Hl7Message message) {
        Set<String> mapped = MAPPED.getOrDefault(dataType, Set.of());
        List<SegmentFate> fates = new ArrayList<>();
        for (Hl7Segment segment : message.segments()) {
            String name = segment.name();
            if (mapped.contains(name)) {
                fates.add(new SegmentFate(segment, Fate.MAPPED, null));
            } else if (CONTEXT.contains(name)) {
                fates.add(new SegmentFate(segment, Fate.CONTEXT, null));
            } else {
                fates.add(new SegmentFate(segment, Fate.NOT_MAPPED, NOT_MAPPED.getOrDefault(name,
                        "(segment " + name + "): not read for data type " + dataType)));
            }
        }
        return fates;
    }

    /** The report lines of the segments not mapped, one per segment name (with how many there were). */
    static List<String> notMapped(String dataType, Hl7Message message) {
        Map<String, List<SegmentFate>> byName = new java.util.LinkedHashMap<>();
        for (SegmentFate fate : of(dataType, message)) {
            if (fate.fate() == Fate.NOT_MAPPED) {
                byName.computeIfAbsent(fate.segment().name(), n -> new ArrayList<>()).add(fate);
            }
        }
        List<String> lines = new ArrayList<>();
        byName.forEach((name, fates) -> lines.add(fates.get(0).describe()
                + (fates.size() > 1 ? " (" + fates.size() + " segments)" : "")));
        return lines;
    }
}
