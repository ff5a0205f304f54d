package jp.renkei.hub.app.portal.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Dates at the desk are Japanese calendar days: a validity period runs from the start of its first day until
 * the end of its last day (Japan time), so "有効期限" is the last day on which the consent applies.
 */
final class DeskDates {

    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(JAPAN);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(JAPAN);

    private DeskDates() {
    }

    static Instant startOf(LocalDate day) {
        return day.atStartOfDay(JAPAN).toInstant();
    }

    /** The first instant after the last day. */
    static Instant endOf(LocalDate lastDay) {
        return lastDay.plusDays(1).atStartOfDay(JAPAN).toInstant();
    }

    static LocalDate dayOf(Instant start) {
        return start.atZone(JAPAN).toLocalDate();
    }

    /** The last day a period ending (exclusively) at {@code end} covers. */
    static LocalDate lastDayBefore(Instant end) {
        return end.minusNanos(1000).atZone(JAPAN).toLocalDate();
    }

    static String day(Instant at) {
        return at == null ? "" : DAY.format(at);
    }

    static String minute(Instant at) {
        return at == null ? "" : MINUTE.format(at);
    }
}
