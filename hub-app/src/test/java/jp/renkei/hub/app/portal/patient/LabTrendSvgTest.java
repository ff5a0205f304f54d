package jp.renkei.hub.app.portal.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import jp.renkei.hub.fhir.labtrend.LabPoint;
import jp.renkei.hub.fhir.labtrend.LabSeries;
import org.junit.jupiter.api.Test;

class LabTrendSvgTest {

    private static LabPoint point(String day, String value, String low, String high, String flag) {
        return new LabPoint("Observation/" + day, OffsetDateTime.parse(day + "T09:30:00+09:00"), new BigDecimal(value),
                "mg/dL", low == null ? null : new BigDecimal(low), high == null ? null : new BigDecimal(high), "",
                flag, "hospital");
    }

    private static final LabSeries GLUCOSE = new LabSeries("mg/dL", List.of(
            point("2025-01-10", "95", "70", "109", "N"),
            point("2025-04-10", "118", "70", "109", "H"),
            point("2025-07-10", "104", "70", "109", "N"),
            point("2025-10-10", "65", "70", "109", "L")));

    @Test
    void aChartIsWellFormedSvgWithTitleDescriptionBandLineAndPoints() throws Exception {
        String svg = LabTrendSvg.svg("c1", "血糖", GLUCOSE);
        // well-formed XML
        DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")
                .contains("role=\"img\"", "aria-labelledby=\"c1-title c1-desc\"",
                        "<title id=\"c1-title\">血糖の推移 (mg/dL)</title>",
                        "<desc id=\"c1-desc\">4件の結果 (2025-01-10〜2025-10-10)。最新 65 mg/dL、基準範囲 70–109 mg/dL。"
                                + "基準範囲外の結果は2件 (ひし形の点) です。</desc>",
                        "class=\"ref-band\"", "<polyline class=\"trend-line\"", ">mg/dL</text>", ">2025-01-10</text>",
                        ">2025-10-10</text>")
                .doesNotContain("style=", "<script");
        assertThat(Pattern.compile("<circle class=\"point\"").matcher(svg).results().count()).isEqualTo(2);
        assertThat(Pattern.compile("<path class=\"point out\"").matcher(svg).results().count()).isEqualTo(2);
        assertThat(svg).contains("<title>2025-04-10 118 mg/dL (基準範囲外)</title>",
                "<title>2025-10-10 65 mg/dL (基準範囲外)</title>", "<title>2025-01-10 95 mg/dL</title>");
    }

    @Test
    void theBandSpansTheReferenceRangeOnTheValueScaleAndPointsFollowTheDates() {
        String svg = LabTrendSvg.svg("c1", "血糖", GLUCOSE);
        Matcher band = Pattern.compile("class=\"ref-band\" x=\"[0-9.]+\" y=\"([0-9.]+)\" width=\"[0-9.]+\" height=\"([0-9.]+)\"")
                .matcher(svg);
        assertThat(band.find()).isTrue();
        double top = Double.parseDouble(band.group(1));
        double bottom = top + Double.parseDouble(band.group(2));
        Matcher circles = Pattern.compile("<circle class=\"point\" cx=\"([0-9.]+)\" cy=\"([0-9.]+)\"").matcher(svg);
        List<double[]> inRange = circles.results().map(m -> new double[] {Double.parseDouble(m.group(1)),
            Double.parseDouble(m.group(2))}).toList();
        // in-range values are drawn inside the band, and later results further right
        assertThat(inRange).allSatisfy(p -> assertThat(p[1]).isBetween(top, bottom));
        assertThat(inRange.get(0)[0]).isEqualTo((double) LabTrendSvg.LEFT);
        assertThat(inRange.get(1)[0]).isGreaterThan(inRange.get(0)[0]);
        // the high result is above the band (smaller y), the low one below it
        Matcher diamonds = Pattern.compile("<path class=\"point out\" d=\"M([0-9.]+),([0-9.]+)").matcher(svg);
        List<Double> ys = diamonds.results().map(m -> Double.parseDouble(m.group(2)) + 6).toList();
        assertThat(ys.get(0)).isLessThan(top);
        assertThat(ys.get(1)).isGreaterThan(bottom);
    }

    @Test
    void withoutAReferenceRangeThereIsNoBandAndTheFlagDecides() {
        LabSeries series = new LabSeries("%", List.of(point("2025-01-10", "6.1", null, null, ""),
                point("2025-02-10", "7.4", null, null, "H")));
        String svg = LabTrendSvg.svg("c2", "HbA1c", series);
        assertThat(svg).doesNotContain("ref-band").contains("基準範囲の記載はありません", "基準範囲外の結果は1件");
        assertThat(LabTrendSvg.outOfRange(series.points().get(1))).isTrue();
        assertThat(LabTrendSvg.outOfRange(series.points().get(0))).isFalse();
    }

    @Test
    void oneResultIsAPointWithoutALineAndTextIsEscaped() {
        LabSeries one = new LabSeries("<u>", List.of(point("2025-01-10", "1", "0", "2", "")));
        String svg = LabTrendSvg.svg("c3", "A&B <script>", one);
        assertThat(svg).doesNotContain("<polyline", "<script>", "<u>").contains("A&amp;B &lt;script&gt;", "&lt;u&gt;");
        assertThat(Pattern.compile("<circle class=\"point\"").matcher(svg).results().count()).isEqualTo(1);
        assertThatThrownBy(() -> LabTrendSvg.svg("c4", "x", new LabSeries("", List.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ticksAreRoundAndCoverTheValues() {
        assertThat(LabTrendSvg.ticks(63.0, 121.0)).containsExactly(60, 80, 100, 120, 140);
        assertThat(LabTrendSvg.ticks(4.5, 7.9)).containsExactly(4, 5, 6, 7, 8);
        assertThat(LabTrendSvg.dateTicks(java.time.LocalDate.of(2025, 1, 1), java.time.LocalDate.of(2025, 1, 3)))
                .hasSize(3);
    }
}
