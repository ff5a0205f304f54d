package jp.renkei.hub.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hub beside the vanilla HAPI server, measure by measure: both figures and their ratio hub/vanilla, printed as
 * a table for people and put into the summary block as {@code peer_<key>_hub}, {@code _vanilla} and {@code _ratio}.
 * For throughput a ratio above 1 means the hub is faster; for latency, CPU, commits and WAL, below 1 does.
 */
final class PeerComparison {

    /** One measure: what it is, its summary key, both figures and how many decimals to show. */
    record Row(String label, String key, double hub, double vanilla, int decimals) {

        /** hub / vanilla; NaN when there is no vanilla figure to divide by. */
        double ratio() {
            return PeerComparison.ratio(hub, vanilla);
        }
    }

    private final List<Row> rows = new ArrayList<>();

    PeerComparison add(String label, String key, double hub, double vanilla, int decimals) {
        rows.add(new Row(label, key, hub, vanilla, decimals));
        return this;
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    static double ratio(double hub, double vanilla) {
        return vanilla > 0 && Double.isFinite(hub) ? hub / vanilla : Double.NaN;
    }

    /** Two decimals, or {@code n/a} when there is no ratio. */
    static String formatRatio(double ratio) {
        return Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.2f", ratio);
    }

    void print(PrintStream out) {
        int width = rows.stream().mapToInt(row -> row.label().length()).max().orElse(10);
        String format = "%-" + width + "s | %12s | %12s | %11s%n";
        out.printf(Locale.ROOT, format, "Measure", "hub", "vanilla HAPI", "hub/vanilla");
        out.println("-".repeat(width) + "-+-" + "-".repeat(12) + "-+-" + "-".repeat(12) + "-+-" + "-".repeat(11));
        for (Row row : rows) {
            out.printf(Locale.ROOT, format, row.label(), number(row.hub(), row.decimals()),
                    number(row.vanilla(), row.decimals()), formatRatio(row.ratio()));
        }
    }

    void putInto(Summary summary) {
        for (Row row : rows) {
            summary.put("peer_" + row.key() + "_hub", number(row.hub(), row.decimals()))
                    .put("peer_" + row.key() + "_vanilla", number(row.vanilla(), row.decimals()))
                    .put("peer_" + row.key() + "_ratio", formatRatio(row.ratio()));
        }
    }

    private static String number(double value, int decimals) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
