package jp.renkei.hub.gateway.hl7;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.TimeZone;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.hl7v2.model.DataTypeException;
import ca.uhn.hl7v2.model.primitive.CommonTS;
import jp.renkei.hub.gateway.ingest.ErrorLocation;
import jp.renkei.hub.gateway.ingest.IngestFailure;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;

/**
 * HL7 TS/DTM values ({@code YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]}) checked by HAPI's {@link CommonTS} and
 * turned into FHIR dates with the precision they were given. Japanese sources send local time without an
 * offset: it is Japan Standard Time (+09:00). A value that is not a real date (month 13, 31 February) is refused
 * with the field it came from.
 */
public final class Hl7Dates {

    public static final ZoneOffset JST = ZoneOffset.ofHours(9);
    private static final TimeZone JST_ZONE = TimeZone.getTimeZone(JST);

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
        CommonTS ts = checked(value, location);
        String digits = value.split("[+-]", 2)[0];
        int length = digits.indexOf('.') >= 0 ? 15 : digits.length();
        TemporalPrecisionEnum precision = length <= 4 ? TemporalPrecisionEnum.YEAR
                : length <= 6 ? TemporalPrecisionEnum.MONTH
                : length <= 8 ? TemporalPrecisionEnum.DAY
                : length <= 14 ? TemporalPrecisionEnum.SECOND : TemporalPrecisionEnum.MILLI;
        LocalDateTime local = local(ts, value, location);
        ZoneOffset offset = ts.getGMTOffset() == -99 ? JST
                : ZoneOffset.ofHoursMinutes(ts.getGMTOffset() / 100, ts.getGMTOffset() % 100);
        DateTimeType type = new DateTimeType(java.util.Date.from(local.toInstant(offset)), precision,
                TimeZone.getTimeZone(offset));
        if (precision.ordinal() <= TemporalPrecisionEnum.DAY.ordinal()) {
            type.setTimeZone(null);
            type.setValueAsString(digitsAsFhir(digits));
        } else {
            type.setTimeZone(TimeZone.getTimeZone(offset));
        }
        return Optional.of(type);
    }

    /** The field's date (a birth date): its first 8 digits at most. */
    public static Optional<DateType> date(Hl7Segment segment, int field) throws IngestFailure {
        String value = segment.get(field);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        local(checked(value, segment.at(field)), value, segment.at(field));
        String digits = value.split("[+-.]", 2)[0];
        return Optional.of(new DateType(digitsAsFhir(digits.substring(0, Math.min(8, digits.length())))));
    }

    /** The value as a local date-time (for versions): missing parts are the earliest. */
    public static LocalDateTime local(String value, ErrorLocation location) throws IngestFailure {
        return local(checked(value, location), value, location);
    }

    private static CommonTS checked(String value, ErrorLocation location) throws IngestFailure {
        try {
            CommonTS ts = new CommonTS();
            ts.setValue(value);
            return ts;
        } catch (DataTypeException e) {
            throw new IngestFailure("bad date/time '" + value + "': " + e.getMessage(), location);
        }
    }

    private static LocalDateTime local(CommonTS ts, String value, ErrorLocation location) throws IngestFailure {
        try {
            int year = ts.getYear();
            int month = Math.max(1, ts.getMonth());
            int day = Math.max(1, ts.getDay());
            float second = ts.getSecond() + ts.getFractSecond();
            int whole = (int) second;
            int nanos = Math.round((second - whole) * 1000) * 1_000_000;
            return LocalDateTime.of(year, month, day, ts.getHour(), ts.getMinute(), whole, nanos);
        } catch (DateTimeException e) {
            throw new IngestFailure("bad date/time '" + value + "': " + e.getMessage(), location);
        }
    }

    private static String digitsAsFhir(String digits) {
        StringBuilder text = new StringBuilder(digits.substring(0, 4));
        if (digits.length() >= 6) {
            text.append('-').append(digits, 4, 6);
        }
        if (digits.length() >= 8) {
            text.append('-').append(digits, 6, 8);
        }
        return text.toString();
    }
}
