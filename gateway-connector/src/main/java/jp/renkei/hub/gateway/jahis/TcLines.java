package jp.renkei.hub.gateway.jahis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jp.renkei.hub.gateway.jahis.TcLine.Outcome;

/**
 * Collects the fate of every line while a TC file is read: a line starts as imported (into what), a problem the
 * import can live with turns it into "imported with a warning", and a record the import cannot use is "not
 * mapped" with its reason (that wins over everything else said about the line).
 */
final class TcLines {

    private final Map<Integer, Entry> lines = new TreeMap<>();

    private static final class Entry {
        final String record;
        Outcome outcome;
        String what;
        final List<String> warnings = new ArrayList<>();
        final List<TcLine.Problem> problems = new ArrayList<>();
        String reason;

        Entry(String record, Outcome outcome, String what) {
            this.record = record;
            this.outcome = outcome;
            this.what = what;
        }
    }

    void imported(int line, String record, String what) {
        Entry entry = lines.get(line);
        if (entry == null) {
            lines.put(line, new Entry(record, Outcome.IMPORTED, what));
        } else {
            entry.what = what;
        }
    }

    void imported(TcRecord record, String what) {
        imported(record.line(), record.label(), what);
    }

    /** The line is imported, but {@code problem} (located as the exception locates it) was found and worked around. */
    void warned(JahisFormatException problem) {
        Entry entry = lines.computeIfAbsent(problem.line(), l -> new Entry(problem.record(), Outcome.IMPORTED, null));
        if (entry.outcome != Outcome.NOT_MAPPED) {
            entry.outcome = Outcome.WARNED;
        }
        entry.warnings.add(problem.getMessage());
        entry.problems.add(new TcLine.Problem(problem.field(), problem.fieldName(), problem.reason()));
    }

    void notMapped(int line, String record, String reason) {
        Entry entry = lines.computeIfAbsent(line, l -> new Entry(record, Outcome.NOT_MAPPED, null));
        entry.outcome = Outcome.NOT_MAPPED;
        entry.reason = reason;
    }

    void notMapped(TcRecord record, String reason) {
        notMapped(record.line(), record.label(), reason);
    }

    /** Not mapped after all (e.g. its dispensing has no drug), unless it already was, for a reason of its own. */
    void notMappedAfterAll(TcRecord record, String reason) {
        Entry entry = lines.get(record.line());
        if (entry == null || entry.outcome != Outcome.NOT_MAPPED) {
            notMapped(record, reason);
        }
    }

    void notMapped(JahisFormatException problem) {
        notMapped(problem.line(), problem.record(), problem.getMessage());
    }

    /** Every warning, in line order, as the import report lists them. */
    List<String> warnings() {
        return lines.values().stream().filter(e -> e.outcome == Outcome.WARNED).flatMap(e -> e.warnings.stream())
                .toList();
    }

    List<TcLine> build() {
        List<TcLine> built = new ArrayList<>();
        lines.forEach((line, e) -> built.add(new TcLine(line, e.record == null ? "line" : e.record, e.outcome,
                switch (e.outcome) {
                    case IMPORTED -> e.what;
                    case WARNED -> (e.what == null ? "" : e.what + "; ") + String.join("; ", e.warnings);
                    case NOT_MAPPED -> e.reason;
                }, e.outcome == Outcome.WARNED ? e.problems : List.of())));
        return built;
    }
}
