package jp.renkei.hub.fhir.labtrend;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

class UnitNotationTest {

    @Test
    void notationTable() {
        assertThat(UnitNotation.normalise("mg/dl")).isEqualTo("mg/dL");
        assertThat(UnitNotation.normalise("ｍｇ／ｄＬ")).isEqualTo("mg/dL");
        assertThat(UnitNotation.normalise("µmol/l")).isEqualTo("umol/L");
        assertThat(UnitNotation.normalise("μmol/L")).isEqualTo("umol/L");
        assertThat(UnitNotation.normalise(" mg / dL ")).isEqualTo("mg/dL");
        assertThat(UnitNotation.normalise("10^3/ul")).isEqualTo("10^3/uL");
        assertThat(UnitNotation.normalise("ml/min/1.73m2")).isEqualTo("mL/min/1.73m2");
        assertThat(UnitNotation.normalise("％")).isEqualTo("%");
        // case is kept where it means something: milli vs mega
        assertThat(UnitNotation.normalise("mU/mL")).isNotEqualTo(UnitNotation.normalise("MU/mL"));
        assertThat(UnitNotation.normalise("U/l")).isEqualTo("U/L");
    }

    @Test
    void relations() {
        assertThat(UnitNotation.relate("mg/dL", "mg/dl")).isEqualTo(UnitNotation.Relation.SAME_NOTATION);
        assertThat(UnitNotation.relate("mL", "cm3")).isEqualTo(UnitNotation.Relation.SAME_BY_UCUM);
        assertThat(UnitNotation.relate("g/L", "mg/dL")).isEqualTo(UnitNotation.Relation.CONVERTIBLE);
        assertThat(UnitNotation.relate("mg/dL", "mmol/L")).isEqualTo(UnitNotation.Relation.DIFFERENT);
        assertThat(UnitNotation.relate("mU/mL", "MU/mL")).isEqualTo(UnitNotation.Relation.CONVERTIBLE);
        assertThat(UnitNotation.relate("%", "")).isEqualTo(UnitNotation.Relation.DIFFERENT);
    }

    @Test
    void seriesMergeNotationOnlyDifferencesAndKeepTrueDifferencesApart() {
        LabPoint a = point("1", "2025-01-10", "110", "mg/dL", "A");
        LabPoint b = point("2", "2025-02-10", "120", "mg/dl", "B");
        LabPoint c = point("3", "2025-03-10", "6.1", "mmol/L", "B");
        List<LabSeries> series = LabSeries.of(List.of(c, b, a));
        assertThat(series).hasSize(2);
        assertThat(series.get(0).unit()).isEqualTo("mg/dL");
        assertThat(series.get(0).points()).extracting(LabPoint::observationId).containsExactly("1", "2");
        assertThat(series.get(1).unit()).isEqualTo("mmol/L");
        assertThat(LabSeries.of(List.of(a, b))).hasSize(1);
    }

    static LabPoint point(String id, String day, String value, String unit, String facility) {
        return new LabPoint(id, OffsetDateTime.parse(day + "T09:00:00+09:00"), new BigDecimal(value), unit,
                new BigDecimal("70"), new BigDecimal("109"), "", "", facility);
    }
}
