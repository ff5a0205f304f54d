package jp.renkei.hub.fhir.labtrend;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.renkei.hub.fhir.views.SourceFacilities;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;

/**
 * The lab trends of one person's visible results, test by test: what {@code Patient/$lab-trend} answers for one
 * code, here for every test at once (the portal's patient page lists the tests and draws the chosen ones).
 * A test is its first coding ({@code system|code}), else its text; only numeric results with a date count.
 */
public final class LabTrends {

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    /**
     * One test and its results.
     *
     * @param key    {@code system|code} of the test's first coding, else {@code text|<text>}
     * @param name   the test's display name (first coding's display, else its text, else the code)
     * @param series the results split by unit ({@link LabSeries#of}), the series with the most results first
     */
    public record LabTest(String key, String name, List<LabSeries> series) {

        public LabTest {
            series = List.copyOf(series);
        }

        /** Number of results across the series. */
        public int count() {
            return series.stream().mapToInt(s -> s.points().size()).sum();
        }

        /** Whether results came in truly different units (kept as separate series, never mixed). */
        public boolean mixedUnits() {
            return series.size() > 1;
        }
    }

    private LabTrends() {
    }

    /** Every test with at least one numeric, dated result, ordered by name. */
    public static List<LabTest> byTest(List<Observation> observations) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, List<LabPoint>> points = new LinkedHashMap<>();
        for (Observation observation : observations) {
            Optional<LabPoint> point = point(observation);
            if (point.isEmpty()) {
                continue;
            }
            String key = key(observation);
            names.putIfAbsent(key, name(observation));
            points.computeIfAbsent(key, k -> new ArrayList<>()).add(point.get());
        }
        List<LabTest> tests = new ArrayList<>();
        points.forEach((key, list) -> tests.add(new LabTest(key, names.get(key), LabSeries.of(list))));
        tests.sort(Comparator.comparing(LabTest::name).thenComparing(LabTest::key));
        return tests;
    }

    /** The test an observation reports: its first coding as {@code system|code}, else its text. */
    public static String key(Observation observation) {
        return observation.getCode().getCoding().stream().filter(Coding::hasCode).findFirst()
                .map(c -> (c.hasSystem() ? c.getSystem() : "") + "|" + c.getCode())
                .orElseGet(() -> "text|" + observation.getCode().getText());
    }

    private static String name(Observation observation) {
        return observation.getCode().getCoding().stream().filter(Coding::hasDisplay).map(Coding::getDisplay)
                .findFirst().orElseGet(() -> observation.getCode().hasText() ? observation.getCode().getText()
                        : observation.getCode().getCoding().stream().map(Coding::getCode).findFirst().orElse("?"));
    }

    /** A numeric result with its date; others (text results, no date) are not part of a trend. */
    public static Optional<LabPoint> point(Observation observation) {
        if (!observation.hasValueQuantity() || !observation.getValueQuantity().hasValue()) {
            return Optional.empty();
        }
        Date when = observation.hasEffectiveDateTimeType() ? observation.getEffectiveDateTimeType().getValue()
                : observation.hasEffectivePeriod() ? observation.getEffectivePeriod().getStart()
                : observation.getIssued();
        if (when == null) {
            return Optional.empty();
        }
        Quantity value = observation.getValueQuantity();
        Observation.ObservationReferenceRangeComponent range = observation.getReferenceRangeFirstRep();
        BigDecimal low = range.hasLow() && range.getLow().hasValue() ? range.getLow().getValue() : null;
        BigDecimal high = range.hasHigh() && range.getHigh().hasValue() ? range.getHigh().getValue() : null;
        String interpretation = observation.getInterpretation().stream().flatMap(c -> c.getCoding().stream())
                .map(Coding::getCode).filter(c -> c != null).findFirst().orElse("");
        return Optional.of(new LabPoint(observation.getIdElement().toUnqualifiedVersionless().getValue(),
                OffsetDateTime.ofInstant(when.toInstant(), JAPAN), value.getValue(),
                value.hasUnit() ? value.getUnit() : value.hasCode() ? value.getCode() : "", low, high,
                range.hasText() ? range.getText() : "", interpretation, SourceFacilities.sourceOf(observation)));
    }
}
