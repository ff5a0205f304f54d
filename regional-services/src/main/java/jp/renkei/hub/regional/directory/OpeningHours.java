package jp.renkei.hub.regional.directory;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * When a facility is open, per weekday: none, one or several periods (午前・午後), sorted and never overlapping.
 * A weekday without periods is closed.
 */
public record OpeningHours(Map<DayOfWeek, List<TimeRange>> days) {

    public static final OpeningHours NONE = new OpeningHours(Map.of());
    private static final int MAX_PERIODS = 6;

    public OpeningHours {
        EnumMap<DayOfWeek, List<TimeRange>> copy = new EnumMap<>(DayOfWeek.class);
        days.forEach((day, ranges) -> {
            if (!ranges.isEmpty()) {
                copy.put(day, ranges.stream().sorted(Comparator.comparingInt(TimeRange::opens)).toList());
            }
        });
        days = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * Parses the periods of each weekday, e.g. {@code MONDAY → ["09:00-12:00", "14:00-18:00"]}; each entry may
     * also hold several periods separated by commas (a form's one field per day).
     */
    static OpeningHours parse(Map<String, List<String>> text) {
        if (text == null || text.isEmpty()) {
            return NONE;
        }
        Problems problems = new Problems();
        EnumMap<DayOfWeek, List<TimeRange>> days = new EnumMap<>(DayOfWeek.class);
        text.forEach((dayName, periods) -> {
            String field = "hours." + dayName;
            DayOfWeek day = weekday(dayName);
            if (day == null) {
                problems.add(field, "曜日は MONDAY〜SUNDAY で指定してください; 「" + dayName + "」は曜日ではありません");
                return;
            }
            List<TimeRange> ranges = new ArrayList<>();
            for (String entry : periods == null ? List.<String>of() : periods) {
                for (String one : entry.split("[,、，]")) {
                    if (!one.isBlank()) {
                        TimeRange range = problems.attempt(() -> TimeRange.parse(field, one));
                        if (range != null) {
                            ranges.add(range);
                        }
                    }
                }
            }
            if (ranges.size() > MAX_PERIODS) {
                problems.add(field, "1日の診療時間は " + MAX_PERIODS + " 区分までです");
            }
            for (int i = 0; i < ranges.size(); i++) {
                for (int j = i + 1; j < ranges.size(); j++) {
                    if (ranges.get(i).overlaps(ranges.get(j))) {
                        problems.add(field, "時間帯 " + ranges.get(i) + " と " + ranges.get(j) + " が重なっています");
                    }
                }
            }
            days.put(day, ranges);
        });
        problems.throwIfAny();
        return new OpeningHours(days);
    }

    static DayOfWeek weekday(String name) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
                return day;
            }
        }
        return null;
    }

    public List<TimeRange> on(DayOfWeek day) {
        return days.getOrDefault(day, List.of());
    }

    public boolean isEmpty() {
        return days.isEmpty();
    }

    /** Open at some time of {@code day} ({@code minuteOfDay} null), or at that minute. */
    public boolean openAt(DayOfWeek day, Integer minuteOfDay) {
        List<TimeRange> ranges = on(day);
        return minuteOfDay == null ? !ranges.isEmpty() : ranges.stream().anyMatch(r -> r.contains(minuteOfDay));
    }

    /** The periods of one day as a form shows them: {@code 09:00-12:00, 14:00-18:00}. */
    public String text(DayOfWeek day) {
        return on(day).stream().map(TimeRange::toString).collect(Collectors.joining(", "));
    }
}
