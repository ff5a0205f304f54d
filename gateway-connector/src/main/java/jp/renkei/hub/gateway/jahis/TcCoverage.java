package jp.renkei.hub.gateway.jahis;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jp.renkei.hub.gateway.jahis.TcLine.Outcome;

/**
 * How many lines of a TC file (or of many) were imported, imported with a warning or not mapped, in total and
 * per record, e.g. {@code 201 (drug): IMPORTED 3, WARNED 2}.
 */
public record TcCoverage(Map<Outcome, Integer> lines, Map<String, Map<Outcome, Integer>> byRecord) {

    public TcCoverage {
        lines = Map.copyOf(lines);
        byRecord = Map.copyOf(byRecord);
    }

    public static TcCoverage of(List<TcLine> lines) {
        Map<Outcome, Integer> total = new EnumMap<>(Outcome.class);
        Map<String, Map<Outcome, Integer>> byRecord = new TreeMap<>();
        for (TcLine line : lines) {
            total.merge(line.outcome(), 1, Integer::sum);
            byRecord.computeIfAbsent(line.record(), r -> new EnumMap<>(Outcome.class)).merge(line.outcome(), 1,
                    Integer::sum);
        }
        return new TcCoverage(total, byRecord);
    }

    public int count(Outcome outcome) {
        return lines.getOrDefault(outcome, 0);
    }

    /** Several lines, one per record, for logs and test output. */
    public String describe() {
        StringBuilder text = new StringBuilder("lines: ").append(describe(lines));
        new TreeMap<>(byRecord).forEach((record, counts) -> text.append("\n  ").append(record).append(": ")
                .append(describe(counts)));
        return text.toString();
    }

    private static String describe(Map<Outcome, Integer> counts) {
        StringBuilder text = new StringBuilder();
        for (Outcome outcome : Outcome.values()) {
            text.append(text.isEmpty() ? "" : ", ").append(outcome).append(' ').append(counts.getOrDefault(outcome, 0));
        }
        return text.toString();
    }
}
