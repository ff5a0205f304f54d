package jp.renkei.hub.gateway.ss2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jp.renkei.hub.gateway.hl7.Hl7Message;
import jp.renkei.hub.gateway.hl7.Hl7Parser;
import jp.renkei.hub.gateway.hl7.Iso2022Jp;
import jp.renkei.hub.gateway.ingest.IngestFailure;
import jp.renkei.hub.gateway.ingest.IngestResult;
import org.junit.jupiter.api.Test;

/**
 * Every SS-MIX2 file of the corpus — the hub's own fixtures and the public sample storage beside the checkout — is
 * accounted for: imported (with the segments it maps), warned, not mapped with the reason (a data type the hub
 * does not map, a segment no mapper reads), or refused with the reason. Prints the coverage per data type.
 */
class Ss2CorpusTest {

    static final String DISCHARGE_SUMMARY =
            "123/456/1234567/20240215/MDM/1234567_20240215_MDM_DS2024021500001_20240215170000000_01_1";

    /** Counts of one data type: files and their fates, and the segments of the imported files. */
    private static final class Coverage {
        int files;
        int imported;
        int warned;
        int notMapped;
        int refused;
        int segmentsMapped;
        int segmentsContext;
        int segmentsNotMapped;

        String row(String dataType) {
            return String.format("%-8s %5d %8d %6d %10d %7d   %6d %7d %10d", dataType, files, imported, warned,
                    notMapped, refused, segmentsMapped, segmentsContext, segmentsNotMapped);
        }
    }

    @Test
    void everyFileAndEverySegmentIsAccountedFor() {
        Map<String, Coverage> coverage = new TreeMap<>();
        Ss2NotMapped notMappedReport = new Ss2NotMapped();
        List<String> lines = new ArrayList<>();
        int files = 0;
        for (Path root : List.of(Ss2Samples.OWN, Ss2Samples.ROOT)) {
            for (String relative : Ss2Samples.all(root)) {
                files++;
                byte[] raw = Ss2Samples.read(root.resolve(relative));
                Ss2Samples.Mapped mapped = Ss2Samples.map(relative, raw);
                String dataType = relative.split("/").length >= 5 ? relative.split("/")[4] : "?";
                Coverage row = coverage.computeIfAbsent(dataType, t -> new Coverage());
                row.files++;
                if (mapped.failure() != null) {
                    row.refused++;
                    assertThat(mapped.failure().describe()).as(relative).isNotBlank();
                    lines.add("refused     " + relative + ": " + mapped.failure().describe());
                    continue;
                }
                if (mapped.skipped() != null) {
                    notMappedReport.add(IngestResult.skipped(mapped.skipped()));
                    row.notMapped++;
                    assertThat(mapped.skipped()).as(relative).contains("is not mapped to FHIR: ");
                    lines.add("not mapped  " + relative + ": " + mapped.skipped());
                    continue;
                }
                row.imported++;
                notMappedReport.add(IngestResult.stored(List.of(), mapped.warnings()));
                assertThat(mapped.resources()).as(relative).isNotEmpty();
                if (!mapped.warnings().isEmpty()) {
                    row.warned++;
                }
                Hl7Message message = parse(raw);
                List<Ss2Coverage.SegmentFate> fates = Ss2Coverage.of(dataType, message);
                assertThat(fates).as(relative).hasSize(message.segments().size());
                for (Ss2Coverage.SegmentFate fate : fates) {
                    switch (fate.fate()) {
                        case MAPPED -> row.segmentsMapped++;
                        case CONTEXT -> row.segmentsContext++;
                        case NOT_MAPPED -> {
                            row.segmentsNotMapped++;
                            // each segment left out is in the file's report, with its reason
                            assertThat(mapped.warnings()).as(relative)
                                    .anyMatch(w -> w.startsWith("not mapped: " + fate.segment().name() + "["));
                        }
                    }
                }
                lines.add("imported    " + relative + ": " + mapped.resources().size() + " resources"
                        + (mapped.warnings().isEmpty() ? "" : "; " + String.join("; ", mapped.warnings())));
            }
        }

        StringBuilder table = new StringBuilder("\nSS-MIX2 corpus coverage (" + files + " files)\n")
                .append("type     files imported warned not mapped refused | segments mapped context not mapped\n");
        coverage.forEach((type, row) -> table.append(row.row(type)).append('\n'));
        lines.forEach(line -> table.append("  ").append(line).append('\n'));
        table.append("not mapped (files), as the import report prints it:\n");
        notMappedReport.byReason().forEach((reason, count) -> table.append("  ").append(count).append(" × ")
                .append(reason).append('\n'));
        System.out.println(table);

        assertThat(files).isEqualTo(24);
        assertThat(coverage.values().stream().mapToInt(c -> c.imported + c.notMapped + c.refused).sum())
                .isEqualTo(files);
        // the data types a clinic needs are imported; what is not mapped is so for a stated reason
        assertThat(coverage.keySet()).contains("OML-11", "OMG-01", "OMG-12", "OMG-13", "MDM");
        assertThat(coverage.get("OML-11").imported).isEqualTo(2);
        assertThat(coverage.get("MDM").imported).isEqualTo(1);
        assertThat(coverage.get("OMD").notMapped).isEqualTo(1);
        assertThat(coverage.get("ADT-42").notMapped).isEqualTo(1);
        assertThat(notMappedReport.byReason()).containsEntry(
                "segment IN1 (insurance): the network does not share insurance data", 1L).containsEntry(
                "data type OMD (diet order (OMD^O03)) is not mapped to FHIR: inpatient meal orders for the hospital"
                        + " kitchen; the hub's FHIR API offers no NutritionOrder", 1L).hasSize(7);
    }

    private static Hl7Message parse(byte[] raw) {
        try {
            return Hl7Parser.parse(Iso2022Jp.decode(raw));
        } catch (IngestFailure e) {
            throw new AssertionError(e.describe(), e);
        }
    }
}
