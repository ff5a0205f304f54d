package jp.renkei.hub.regional.directory;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One opening period of a day, in minutes after midnight: from {@code opens} up to, not including,
 * {@code closes}; {@code 24:00} closes at midnight, so {@code 00:00-24:00} is the whole day.
 */
public record TimeRange(int opens, int closes) {

    private static final Pattern TEXT = Pattern.compile("([0-9]{1,2}):([0-9]{2})\\s*[-–〜~]\\s*([0-9]{1,2}):([0-9]{2})");

    public TimeRange {
        if (opens < 0 || closes > 24 * 60 || opens >= closes) {
            throw new IllegalArgumentException("opens " + opens + " must come before closes " + closes);
        }
    }

    /**
     * Parses {@code HH:MM-HH:MM}.
     *
     * @param field the field named in the problem
     */
    static TimeRange parse(String field, String text) {
        Matcher m = TEXT.matcher(text.strip());
        if (!m.matches()) {
            throw InvalidInput.of(field, "診療時間は「09:00-12:00」の形で入力してください; 「" + text.strip() + "」は読めません");
        }
        int opens = minutes(field, text, m.group(1), m.group(2));
        int closes = minutes(field, text, m.group(3), m.group(4));
        if (opens >= closes) {
            throw InvalidInput.of(field, "「" + text.strip() + "」は終了時刻が開始時刻より後になっていません");
        }
        return new TimeRange(opens, closes);
    }

    private static int minutes(String field, String text, String hours, String minutes) {
        int h = Integer.parseInt(hours);
        int m = Integer.parseInt(minutes);
        if (h > 24 || m > 59 || (h == 24 && m > 0)) {
            throw InvalidInput.of(field, "「" + text.strip() + "」に存在しない時刻があります（00:00〜24:00）");
        }
        return h * 60 + m;
    }

    public boolean contains(int minuteOfDay) {
        return minuteOfDay >= opens && minuteOfDay < closes;
    }

    boolean overlaps(TimeRange other) {
        return opens < other.closes && other.opens < closes;
    }

    static String clock(int minutes) {
        return String.format("%02d:%02d", minutes / 60, minutes % 60);
    }

    /** {@code HH:MM} of opening, as FHIR's availableStartTime wants it ({@code HH:MM:SS}). */
    public String opensText() {
        return clock(opens);
    }

    public String closesText() {
        return clock(closes);
    }

    @Override
    public String toString() {
        return opensText() + "-" + closesText();
    }
}
