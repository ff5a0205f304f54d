package jp.renkei.hub.gateway.hl7;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import jp.renkei.hub.gateway.ingest.ErrorLocation;
import jp.renkei.hub.gateway.ingest.IngestFailure;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.TimeType;

/**
 * HL7 DTM/TS and TM values in every form real SS-MIX2 storages and gateways write, turned into FHIR values with the
 * precision they were given:
 * <ul>
 * <li>DTM {@code YYYY[MM[DD[HH[MM[SS[fraction]]]]]][+/-ZZZZ]}, 4 to 18 digits;</li>
 * <li>the fraction of a second as HL7 writes it ({@code .S} to {@code .SSSS}) or glued to the seconds without a dot
 * (1 to 4 digits, {@code yyyyMMddHHmmssSSS} as in SS-MIX2 file names);</li>
 * <li>with or without a UTC offset; without one the time is Japan Standard Time (+09:00), as Japanese systems
 * send local time.</li>
 * </ul>
 * FHIR precision: year, month, day (no zone), seconds (a time given to the hour or minute is completed with zeros:
 * FHIR dateTime has no minute precision), milliseconds (a fraction; digits after the third are dropped). A value
 * that is not a real date or time (month 13, 31 February, hour 24, offset +1500) is refused with the field it came
 * from.
 */
public final class Hl7Dates {

    public static final ZoneOffset JST = ZoneOffset.ofHours(9);

    private static final Pattern DTM = Pattern.compile(
            "(\\d{4})(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(?:\\.(\\d{1,4})|(\\d{1,4}))?([+-]\\d{4})?");
    private static final Pattern TM = Pattern.compile(
            "(\\d{2})(\\d{2})?(\\d{2})?(?:\\.(\\d{1,4})|(\\d{1,4}))?([+-]\\d{4})?");

    /** A DTM value taken apart: what was given, at the precision it was given. */
    private record Parsed(LocalDateTime local, TemporalPrecisionEnum precision, ZoneOffset offset, boolean zoned) {
    }

    private Hl7Dates() {
    }

    /** The field's date-time, or empty when the field is empty. */
    public static Optional<DateTimeType> dateTime(Hl7Segment segment, int field) throws IngestFailure {
        return dateTime(segment.get(field), segment.at(field));
    }

    public static Optional<DateTimeType> dateTime(String value, ErrorLocation location) throws IngestFailure {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Parsed parsed = parse(value, location);
        if (parsed.precision().ordinal() <= TemporalPrecisionEnum.DAY.ordinal()) {
            DateTimeType type = new DateTimeType();
            type.setValueAsString(dateText(parsed.local().toLocalDate(), parsed.precision()));
            return Optional.of(type);
        }
        DateTimeType type = new DateTimeType(java.util.Date.from(parsed.local().toInstant(parsed.offset())),
                parsed.precision(), TimeZone.getTimeZone(parsed.offset()));
        return Optional.of(type);
    }

    /** The field's date (a birth date): at most day precision, whatever time the field adds. */
    public static Optional<DateType> date(Hl7Segment segment, int field) throws IngestFailure {
        String value = segment.get(field);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Parsed parsed = parse(value, segment.at(field));
        TemporalPrecisionEnum precision = parsed.precision().ordinal() > TemporalPrecisionEnum.DAY.ordinal()
                ? TemporalPrecisionEnum.DAY : parsed.precision();
        return Optional.of(new DateType(dateText(parsed.local().toLocalDate(), precision)));
    }

    /** The value as a local date-time (for versions): missing parts are the earliest; the offset is ignored. */
    public static LocalDateTime local(String value, ErrorLocation location) throws IngestFailure {
        return parse(value, location).local();
    }

    /**
     * A TM value {@code HH[MM[SS[fraction]]][+/-ZZZZ]} as FHIR time ({@code HH:mm:ss[.SSS]}, local: FHIR time has
     * no zone, so an offset is checked and dropped), or empty when the value is.
     */
    public static Optional<TimeType> time(String value, ErrorLocation location) throws IngestFailure {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = TM.matcher(value);
        if (!m.matches()) {
            throw bad(value, "not HL7 TM (HH[MM[SS[.S-SSSS]]][+/-ZZZZ])", location);
        }
        if ((m.group(4) != null || m.group(5) != null) && m.group(3) == null) {
            throw bad(value, "a fraction of a second needs the seconds before it", location);
        }
        try {
            int nanos = nanos(m.group(4) != null ? m.group(4) : m.group(5));
            LocalTime time = LocalTime.of(Integer.parseInt(m.group(1)), number(m.group(2)), number(m.group(3)), nanos);
            offset(m.group(6));
            String text = String.format("%02d:%02d:%02d", time.getHour(), time.getMinute(), time.getSecond());
            if (m.group(4) != null || m.group(5) != null) {
                text += String.format(".%03d", time.getNano() / 1_000_000);
            }
            return Optional.of(new TimeType(text));
        } catch (DateTimeException e) {
            throw bad(value, e.getMessage(), location);
        }
    }

    private static Parsed parse(String value, ErrorLocation location) throws IngestFailure {
        Matcher m = DTM.matcher(value);
        if (!m.matches()) {
            throw bad(value, "not HL7 DTM (YYYY[MM[DD[HH[MM[SS[.S-SSSS]]]]]][+/-ZZZZ], 4 to 18 digits)", location);
        }
        String fraction = m.group(7) != null ? m.group(7) : m.group(8);
        if (fraction != null && m.group(6) == null) {
            throw bad(value, "a fraction of a second needs the seconds before it", location);
        }
        try {
            int year = Integer.parseInt(m.group(1));
            LocalDate date = LocalDate.of(year, m.group(2) == null ? 1 : Integer.parseInt(m.group(2)),
                    m.group(3) == null ? 1 : Integer.parseInt(m.group(3)));
            LocalTime time = LocalTime.of(number(m.group(4)), number(m.group(5)), number(m.group(6)), nanos(fraction));
            TemporalPrecisionEnum precision = m.group(2) == null ? TemporalPrecisionEnum.YEAR
                    : m.group(3) == null ? TemporalPrecisionEnum.MONTH
                    : m.group(4) == null ? TemporalPrecisionEnum.DAY
                    : fraction == null ? TemporalPrecisionEnum.SECOND : TemporalPrecisionEnum.MILLI;
            ZoneOffset offset = offset(m.group(9));
            return new Parsed(LocalDateTime.of(date, time), precision, offset == null ? JST : offset, offset != null);
        } catch (DateTimeException e) {
            throw bad(value, e.getMessage(), location);
        }
    }

    private static int number(String digits) {
        return digits == null ? 0 : Integer.parseInt(digits);
    }

    /** Fraction digits as nanoseconds, kept to the millisecond (what FHIR servers and java.util.Date hold). */
    private static int nanos(String fraction) {
        if (fraction == null) {
            return 0;
        }
        String millis = (fraction + "000").substring(0, 3);
        return Integer.parseInt(millis) * 1_000_000;
    }

    private static ZoneOffset offset(String zone) {
        if (zone == null) {
            return null;
        }
        int hours = Integer.parseInt(zone.substring(1, 3));
        int minutes = Integer.parseInt(zone.substring(3, 5));
        if (minutes > 59 || hours > 14) {
            throw new DateTimeException("UTC offset " + zone + " out of range (-1200 to +1400)");
        }
        return zone.charAt(0) == '-' ? ZoneOffset.ofHoursMinutes(-hours, -minutes)
                : ZoneOffset.ofHoursMinutes(hours, minutes);
    }

    private static IngestFailure bad(String value, String why, ErrorLocation location) {
        return new IngestFailure("bad date/time '" + value + "': " + why, location);
    }

    private static String dateText(LocalDate date, TemporalPrecisionEnum precision) {
        String text = String.format("%04d", date.getYear());
        if (precision.ordinal() >= TemporalPrecisionEnum.MONTH.ordinal()) {
            text += String.format("-%02d", date.getMonthValue());
        }
        if (precision.ordinal() >= TemporalPrecisionEnum.DAY.ordinal()) {
            text += String.format("-%02d", date.getDayOfMonth());
        }
        return text;
    }
}
