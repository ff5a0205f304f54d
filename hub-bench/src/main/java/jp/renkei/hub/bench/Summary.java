package jp.renkei.hub.bench;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The final result block: one {@code key=value} per line, in a fixed order, between marker lines, so runs can
 * be compared with grep and diff. Numbers always use '.' as the decimal separator.
 */
final class Summary {

    static final String BEGIN = "=== hub-bench summary ===";
    static final String END = "=== end of summary ===";

    private final Map<String, String> values = new LinkedHashMap<>();

    Summary put(String key, Object value) {
        values.put(key, String.valueOf(value).replace('\n', ' '));
        return this;
    }

    Summary put(String key, double value, int decimals) {
        return put(key, String.format(Locale.ROOT, "%." + decimals + "f", value));
    }

    void print(PrintStream out) {
        out.println(BEGIN);
        values.forEach((key, value) -> out.println(key + "=" + value));
        out.println(END);
    }
}
