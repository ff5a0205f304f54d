package jp.renkei.hub.app.portal.carenet;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jp.renkei.hub.carenet.vital.VitalReading;
import jp.renkei.hub.carenet.vital.VitalSign;
import org.junit.jupiter.api.Test;

/** The vital-sign charts and table of a room, from readings (no hub needed). */
class VitalChartsTest {

    private static final UUID ROOM = UUID.fromString("0b7f7b5e-0000-4000-8000-000000000001");

    @Test
    void oneChartPerSignAndOneRowPerPostNewestFirstWithBloodPressureInOneColumn() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        Instant monday = Instant.parse("2026-11-30T01:00:00Z");
        Instant tuesday = Instant.parse("2026-12-01T01:30:00Z");
        List<VitalReading> readings = List.of(
                new VitalReading(first, monday, VitalSign.TEMPERATURE, new BigDecimal("37.4")),
                new VitalReading(first, monday, VitalSign.SYSTOLIC, new BigDecimal("132")),
                new VitalReading(first, monday, VitalSign.DIASTOLIC, new BigDecimal("84")),
                new VitalReading(second, tuesday, VitalSign.TEMPERATURE, new BigDecimal("36.8")),
                new VitalReading(second, tuesday, VitalSign.SYSTOLIC, new BigDecimal("128")));

        VitalCharts.Vitals vitals = VitalCharts.vitals(ROOM, "福島 一郎", readings);

        assertThat(vitals.charts()).extracting(VitalCharts.Chart::label)
                .containsExactly("体温", "血圧（収縮期）", "血圧（拡張期）");
        VitalCharts.Chart temperature = vitals.charts().get(0);
        assertThat(temperature.id()).isEqualTo("vital-0b7f7b5e-temperature");
        assertThat(temperature.svg()).startsWith("<svg").contains("体温の推移 (℃)", "2件の結果", "最新 36.8 ℃")
                .doesNotContain("ref-band");
        assertThat(vitals.columns()).containsExactly("体温（℃）", "血圧（mmHg）", "脈拍（回/分）", "SpO2（%）", "体重（kg）");
        // newest first, in Japan time; a pressure without its diastolic value says so
        assertThat(vitals.rows()).extracting(VitalCharts.Row::at).containsExactly("2026-12-01 10:30", "2026-11-30 10:00");
        assertThat(vitals.rows().get(0).values()).containsExactly("36.8", "128/—", "", "", "");
        assertThat(vitals.rows().get(1).values()).containsExactly("37.4", "132/84", "", "", "");
    }

    @Test
    void noReadingsNoChartsAndAnEmptyTable() {
        VitalCharts.Vitals vitals = VitalCharts.vitals(ROOM, "福島 一郎", List.of());
        assertThat(vitals.empty()).isTrue();
        assertThat(vitals.charts()).isEmpty();
    }
}
