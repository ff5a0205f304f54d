package jp.renkei.hub.fhir.labtrend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The results of one test across facilities, oldest first, split by unit: results whose units differ only
 * in notation ({@link UnitNotation}) share one series; a result in a truly different unit starts another
 * series, and the trend is then flagged as mixing units.
 *
 * @param unit   the unit of the series, in the notation of its first result after {@link UnitNotation#normalise}
 * @param points oldest first
 */
public record LabSeries(String unit, List<LabPoint> points) {

    public LabSeries {
        points = List.copyOf(points);
    }

    /** Groups {@code points} into series by unit; the series with the most results first. */
    public static List<LabSeries> of(List<LabPoint> points) {
        List<LabPoint> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparing(LabPoint::when));
        List<String> units = new ArrayList<>();
        List<List<LabPoint>> groups = new ArrayList<>();
        for (LabPoint point : sorted) {
            int index = -1;
            for (int i = 0; i < units.size() && index < 0; i++) {
                UnitNotation.Relation relation = UnitNotation.relate(units.get(i), point.unit());
                if (relation == UnitNotation.Relation.SAME_NOTATION || relation == UnitNotation.Relation.SAME_BY_UCUM) {
                    index = i;
                }
            }
            if (index < 0) {
                units.add(UnitNotation.normalise(point.unit()));
                groups.add(new ArrayList<>());
                index = units.size() - 1;
            }
            groups.get(index).add(point);
        }
        List<LabSeries> series = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            series.add(new LabSeries(units.get(i), groups.get(i)));
        }
        series.sort(Comparator.comparing((LabSeries s) -> s.points().size()).reversed());
        return series;
    }
}
