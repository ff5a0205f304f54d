package jp.renkei.hub.fhir.labtrend;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.regex.Pattern;

import org.fhir.ucum.Decimal;
import org.fhir.ucum.UcumEssenceService;
import org.fhir.ucum.UcumException;

/**
 * Decides whether two written units are the same unit, so that one lab series may hold both.
 *
 * <p>Notation first (the table, applied to each unit):
 * <table>
 *   <caption>Notation differences that are ignored</caption>
 *   <tr><th>Difference</th><th>Example</th><th>Written as</th></tr>
 *   <tr><td>full-width characters (NFKC)</td><td>ｍｇ／ｄＬ, ％</td><td>mg/dL, %</td></tr>
 *   <tr><td>micro sign µ (U+00B5) or Greek μ</td><td>µmol/L</td><td>umol/L</td></tr>
 *   <tr><td>spaces</td><td>mg / dL</td><td>mg/dL</td></tr>
 *   <tr><td>lower-case litre after a prefix, a slash or alone</td><td>mg/dl, ml, /ul</td><td>mg/dL, mL, /uL</td></tr>
 * </table>
 * Letter case is otherwise kept: {@code mU/mL} and {@code MU/mL} are a thousand million apart.
 *
 * <p>Then UCUM (the {@code org.fhir:ucum} library HAPI ships, with its UCUM essence): two units in different
 * notation that are both valid UCUM, comparable and convert with factor 1 (e.g. {@code mL} and
 * {@code cm3}) are the same. Anything else is a different unit: a series flags it and never mixes or
 * converts values silently — units that UCUM could convert (g/L and mg/dL) are reported as convertible but
 * still kept apart; mg/dL and mmol/L cannot be converted without the analyte's molar mass.
 */
public final class UnitNotation {

    private static final Pattern LOWER_LITRE = Pattern.compile("(?<=^|/|[dcmunpf])l(?![a-zA-Z])");
    private static final UcumEssenceService UCUM = loadUcum();

    /** How two units relate. */
    public enum Relation {
        /** Same notation after the table above. */
        SAME_NOTATION,
        /** Different notation, the same unit by UCUM (factor 1). */
        SAME_BY_UCUM,
        /** Different units that UCUM can convert; not converted. */
        CONVERTIBLE,
        /** Different units (or not UCUM, so nothing more can be said). */
        DIFFERENT
    }

    private UnitNotation() {
    }

    /** The unit in the notation the table makes uniform; {@code ""} for no unit. */
    public static String normalise(String unit) {
        if (unit == null) {
            return "";
        }
        String text = Normalizer.normalize(unit, Normalizer.Form.NFKC)
                .replace('\u00B5', 'u').replace('\u03BC', 'u').replaceAll("\\s+", "");
        return LOWER_LITRE.matcher(text).replaceAll("L");
    }

    public static Relation relate(String a, String b) {
        String x = normalise(a);
        String y = normalise(b);
        if (x.equals(y)) {
            return Relation.SAME_NOTATION;
        }
        if (x.isEmpty() || y.isEmpty() || UCUM.validate(x) != null || UCUM.validate(y) != null) {
            return Relation.DIFFERENT;
        }
        try {
            if (!UCUM.isComparable(x, y)) {
                return Relation.DIFFERENT;
            }
            Decimal one = new Decimal(1);
            return new BigDecimal(UCUM.convert(one, x, y).asDecimal()).compareTo(BigDecimal.ONE) == 0
                    ? Relation.SAME_BY_UCUM : Relation.CONVERTIBLE;
        } catch (UcumException | RuntimeException notComparable) {
            return Relation.DIFFERENT;
        }
    }

    private static UcumEssenceService loadUcum() {
        try (InputStream essence = UcumEssenceService.class.getResourceAsStream("/ucum-essence.xml")) {
            if (essence == null) {
                throw new IllegalStateException("ucum-essence.xml is missing from the org.fhir:ucum library");
            }
            return new UcumEssenceService(essence);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UcumException e) {
            throw new IllegalStateException("Cannot read the UCUM essence", e);
        }
    }
}
