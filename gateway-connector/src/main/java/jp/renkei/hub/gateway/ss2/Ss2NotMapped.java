package jp.renkei.hub.gateway.ss2;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import jp.renkei.hub.gateway.ingest.IngestResult;

/**
 * What a storage run did not map, by reason, for the import report: skipped files (a data type not mapped, with
 * why) and the segments reported as not mapped in imported files. Safe for concurrent workers.
 */
public final class Ss2NotMapped {

    private final Map<String, LongAdder> reasons = new ConcurrentHashMap<>();

    void add(IngestResult result) {
        if (result.status() == IngestResult.Status.SKIPPED) {
            count(result.reason());
        }
        for (String warning : result.warnings()) {
            if (warning.startsWith("not mapped: ")) {
                // "not mapped: NK1[4] (next of kin …): …" counted without the segment's position
                count("segment " + warning.substring("not mapped: ".length()).replaceFirst("\\[\\d+]", "")
                        .replaceFirst(" \\(\\d+ segments\\)$", ""));
            }
        }
    }

    private void count(String reason) {
        reasons.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /** Reason → number of files, sorted by reason. */
    public Map<String, Long> byReason() {
        Map<String, Long> sorted = new TreeMap<>();
        reasons.forEach((reason, count) -> sorted.put(reason, count.sum()));
        return sorted;
    }
}
