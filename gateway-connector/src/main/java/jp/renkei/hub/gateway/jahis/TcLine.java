package jp.renkei.hub.gateway.jahis;

/**
 * What the import did with one line of a TC file, so that nothing read is dropped silently: imported (and into
 * what), imported with a warning (what was wrong, where, and what was kept), or not mapped (and why).
 *
 * @param line   1-based line number in the file
 * @param record the record as {@code "201 (drug)"}, {@code "header"} or {@code "blank"}
 * @param detail for IMPORTED what it became; for WARNED what it became and the warnings (line, record, field);
 *               for NOT_MAPPED the reason
 */
public record TcLine(int line, String record, Outcome outcome, String detail) {

    public enum Outcome {
        IMPORTED, WARNED, NOT_MAPPED
    }
}
