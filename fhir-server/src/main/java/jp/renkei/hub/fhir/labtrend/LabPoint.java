package jp.renkei.hub.fhir.labtrend;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * One result of a lab series.
 *
 * @param observationId {@code Observation/12}
 * @param when          effective time (or issued)
 * @param value         the numeric value as reported
 * @param unit          the unit as reported
 * @param low           reference range low, or {@code null}
 * @param high          reference range high, or {@code null}
 * @param rangeText     reference range text, or {@code ""}
 * @param interpretation H/L/N etc. as reported, or {@code ""}
 * @param sourceFacility hub ID of the facility the result came from
 */
public record LabPoint(String observationId, OffsetDateTime when, BigDecimal value, String unit, BigDecimal low,
                       BigDecimal high, String rangeText, String interpretation, String sourceFacility) {
}
