package jp.renkei.hub.gateway.jahis;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.chrono.JapaneseChronology;
import java.time.chrono.JapaneseEra;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as JAHIS files write them: Gregorian {@code yyyyMMdd}, or a Japanese era letter with a two-digit year of
 * the era and {@code MMdd} ({@code S330303} = Shōwa 33-03-03 = 1958-03-03). The era arithmetic and its
 * boundaries are Java's {@link JapaneseChronology}: a date outside its era ({@code H310501}, {@code R010430})
 * is refused, not silently moved into the neighbouring era.
 */
public final class JapaneseEraDate {

    private static final Map<Character, JapaneseEra> ERAS = Map.of(
            'M', JapaneseEra.MEIJI, 'T', JapaneseEra.TAISHO, 'S', JapaneseEra.SHOWA,
            'H', JapaneseEra.HEISEI, 'R', JapaneseEra.REIWA);
    private static final Map<JapaneseEra, String> ERA_NAMES = Map.of(
            JapaneseEra.MEIJI, "Meiji", JapaneseEra.TAISHO, "Taisho", JapaneseEra.SHOWA, "Showa",
            JapaneseEra.HEISEI, "Heisei", JapaneseEra.REIWA, "Reiwa");
    private static final Pattern ERA_DATE = Pattern.compile("([A-Z])(\\d{2})(\\d{2})(\\d{2})");
    private static final Pattern GREGORIAN = Pattern.compile("\\d{8}");
    private static final DateTimeFormatter YYYYMMDD =
            DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

    private JapaneseEraDate() {
    }

    /**
     * @throws IllegalArgumentException naming what is wrong: the form, an unknown era letter, an impossible
     *                                  date, or a date outside its era
     */
    public static LocalDate parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty; expected yyyyMMdd or an era date such as S330303");
        }
        String value = text.strip();
        if (GREGORIAN.matcher(value).matches()) {
            try {
                return LocalDate.parse(value, YYYYMMDD);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + value + "' is not a calendar date (yyyyMMdd)");
            }
        }
        Matcher era = ERA_DATE.matcher(value);
        if (!era.matches()) {
            throw new IllegalArgumentException("'" + value
                    + "' is neither yyyyMMdd nor an era date (M/T/S/H/R + 2-digit year of the era + MMdd)");
        }
        JapaneseEra japaneseEra = ERAS.get(era.group(1).charAt(0));
        if (japaneseEra == null) {
            throw new IllegalArgumentException("'" + value + "' has the unknown era letter " + era.group(1)
                    + " (known: M Meiji, T Taisho, S Showa, H Heisei, R Reiwa)");
        }
        int year = Integer.parseInt(era.group(2)); // the year of the era
        int month = Integer.parseInt(era.group(3));
        int day = Integer.parseInt(era.group(4));
        if (year == 0) {
            throw new IllegalArgumentException("'" + value + "' has year 00; an era's first year is 01");
        }
        int gregorianYear = (japaneseEra == JapaneseEra.MEIJI ? 1867 : firstDay(japaneseEra).getYear() - 1) + year;
        try {
            LocalDate.of(gregorianYear, month, day);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + value + "' is not a calendar date (" + ERA_NAMES.get(japaneseEra)
                    + " " + year + " = " + gregorianYear + ", month " + month + ", day " + day + ")");
        }
        try {
            return LocalDate.from(JapaneseChronology.INSTANCE.date(japaneseEra, year, month, day));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + value + "' is not a date of the " + ERA_NAMES.get(japaneseEra)
                    + " era, which " + span(japaneseEra));
        }
    }

    /** When the era runs, in words, for error messages. */
    private static String span(JapaneseEra era) {
        JapaneseEra next = nextEra(era);
        String from = era == JapaneseEra.MEIJI ? "is supported from 1873-01-01 (Meiji 6)" : "began " + firstDay(era);
        return next == null ? from : from + " and ended " + firstDay(next).minusDays(1);
    }

    private static LocalDate firstDay(JapaneseEra era) {
        // In an era's first year, the day of the year counts from the era's first day.
        return LocalDate.from(JapaneseChronology.INSTANCE.dateYearDay(era, 1, 1));
    }

    private static JapaneseEra nextEra(JapaneseEra era) {
        JapaneseEra[] eras = JapaneseEra.values();
        for (int i = 0; i < eras.length - 1; i++) {
            if (eras[i] == era) {
                return eras[i + 1];
            }
        }
        return null;
    }
}
