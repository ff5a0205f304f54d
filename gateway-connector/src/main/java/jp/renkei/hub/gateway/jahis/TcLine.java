package jp.renkei.hub.gateway.jahis;

import java.util.List;

/**
 * What the import did with one line of a TC file, so that nothing read is dropped silently: imported (and into
 * what), imported with a warning (what was wrong, where, and what was kept), or not mapped (and why).
 *
 * @param line   1-based line number in the file
 * @param record the record as {@code "201 (drug)"}, {@code "header"} or {@code "blank"}
 * @param detail for IMPORTED what it became; for WARNED what it became and the warnings (line, record, field);
 *               for NOT_MAPPED the reason
 * @param problems for WARNED the problems one by one (field and reason), for pages that word the place themselves
 */
public record TcLine(int line, String record, Outcome outcome, String detail, List<Problem> problems) {

    public TcLine {
        problems = List.copyOf(problems);
    }

    public TcLine(int line, String record, Outcome outcome, String detail) {
        this(line, record, outcome, detail, List.of());
    }

    /**
     * One problem the import worked around on the line.
     *
     * @param field     1-based field after the record number; 0 when the problem is not in one field
     * @param fieldName the field's name, as the specification calls it (null when field is 0)
     * @param reason    what was wrong and what was kept
     */
    public record Problem(int field, String fieldName, String reason) {
    }

    public enum Outcome {
        IMPORTED, WARNED, NOT_MAPPED
    }
}
