package jp.renkei.hub.app.portal.patient;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jp.renkei.hub.fhir.labtrend.LabPoint;
import jp.renkei.hub.fhir.labtrend.LabSeries;

/**
 * Draws one lab series as an inline SVG on the server: the results as a line with points over a date axis, the
 * reference range (Observation.referenceRange of the newest result that has one) as a band, the unit on the
 * value axis, and every result outside its own reference range marked by a different shape (a diamond, not
 * colour alone). The chart names itself ({@code <title>}) and describes its content ({@code <desc>}) for
 * screen readers; the page shows the same numbers as a table. No inline style and no script (the portal's
 * Content-Security-Policy): look comes from classes in patient.css. Every text is XML-escaped.
 */
public final class LabTrendSvg {

    static final int WIDTH = 640;
    static final int HEIGHT = 270;
    static final int LEFT = 64;
    static final int RIGHT = 36;
    static final int TOP = 26;
    static final int BOTTOM = 44;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

    private LabTrendSvg() {
    }

    /** Whether a result lies outside its own reference range (or is flagged H/L/A by the laboratory). */
    public static boolean outOfRange(LabPoint point) {
        if (point.low() != null && point.value().compareTo(point.low()) < 0) {
            return true;
        }
        if (point.high() != null && point.value().compareTo(point.high()) > 0) {
            return true;
        }
        String flag = point.interpretation().toUpperCase(Locale.ROOT);
        return point.low() == null && point.high() == null && (flag.startsWith("H") || flag.startsWith("L")
                || flag.equals("A") || flag.equals("AA"));
    }

    /** The newest result that carries both ends of a reference range, or {@code null}. */
    static LabPoint rangeSource(List<LabPoint> points) {
        LabPoint found = null;
        for (LabPoint point : points) {
            if (point.low() != null && point.high() != null) {
                found = point;
            }
        }
        return found;
    }

    /**
     * @param id    unique on the page (the title's and description's element IDs derive from it)
     * @param name  the test's name, as the chart's title
     * @param series oldest first, at least one result
     */
    public static String svg(String id, String name, LabSeries series) {
        List<LabPoint> points = series.points();
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a chart needs at least one result");
        }
        String unit = series.unit();
        LabPoint range = rangeSource(points);
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (LabPoint p : points) {
            min = Math.min(min, p.value().doubleValue());
            max = Math.max(max, p.value().doubleValue());
        }
        if (range != null) {
            min = Math.min(min, range.low().doubleValue());
            max = Math.max(max, range.high().doubleValue());
        }
        double pad = max > min ? (max - min) * 0.08 : Math.max(Math.abs(max) * 0.1, 1);
        double[] ticks = ticks(min - pad, max + pad);
        double yMin = ticks[0];
        double yMax = ticks[ticks.length - 1];
        LocalDate first = day(points.get(0));
        LocalDate last = day(points.get(points.size() - 1));
        long span = Math.max(1, ChronoUnit.DAYS.between(first, last));
        LocalDate xStart = first.equals(last) ? first.minusDays(1) : first;
        long xSpan = first.equals(last) ? 2 : span;
        Scale scale = new Scale(xStart, xSpan, yMin, yMax);

        int outside = (int) points.stream().filter(LabTrendSvg::outOfRange).count();
        String titleId = id + "-title";
        String descId = id + "-desc";
        StringBuilder svg = new StringBuilder(4096 + points.size() * 300);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"lab-chart\" viewBox=\"0 0 ").append(WIDTH)
                .append(' ').append(HEIGHT).append("\" role=\"img\" aria-labelledby=\"").append(esc(titleId))
                .append(' ').append(esc(descId)).append("\" id=\"").append(esc(id)).append("\">");
        svg.append("<title id=\"").append(esc(titleId)).append("\">")
                .append(esc(name + "の推移" + (unit.isEmpty() ? "" : " (" + unit + ")"))).append("</title>");
        svg.append("<desc id=\"").append(esc(descId)).append("\">").append(esc(description(points, unit, range,
                outside))).append("</desc>");
        // plot area and reference band
        svg.append("<rect class=\"plot\" x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"")
                .append(WIDTH - LEFT - RIGHT).append("\" height=\"").append(HEIGHT - TOP - BOTTOM).append("\"/>");
        if (range != null) {
            double top = scale.y(range.high().doubleValue());
            double bottom = scale.y(range.low().doubleValue());
            svg.append("<rect class=\"ref-band\" x=\"").append(LEFT).append("\" y=\"").append(num(top))
                    .append("\" width=\"").append(WIDTH - LEFT - RIGHT).append("\" height=\"")
                    .append(num(Math.max(0.5, bottom - top))).append("\"><title>")
                    .append(esc("基準範囲 " + plain(range.low()) + "–" + plain(range.high()) + " " + unit))
                    .append("</title></rect>");
        }
        // value axis: grid lines, labels, unit
        for (double tick : ticks) {
            double y = scale.y(tick);
            svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                    .append("\" y1=\"").append(num(y)).append("\" y2=\"").append(num(y)).append("\"/>");
            svg.append("<text class=\"tick y\" x=\"").append(LEFT - 6).append("\" y=\"").append(num(y + 4))
                    .append("\" text-anchor=\"end\">").append(esc(label(tick, ticks))).append("</text>");
        }
        svg.append("<text class=\"unit\" x=\"4\" y=\"14\">")
                .append(esc(unit)).append("</text>");
        // date axis
        List<LocalDate> dates = dateTicks(first, last);
        DateTimeFormatter format = span > 400 ? MONTH : DAY;
        for (LocalDate date : dates) {
            double x = scale.x(date);
            svg.append("<line class=\"axis-tick\" x1=\"").append(num(x)).append("\" x2=\"").append(num(x))
                    .append("\" y1=\"").append(HEIGHT - BOTTOM).append("\" y2=\"").append(HEIGHT - BOTTOM + 5)
                    .append("\"/><text class=\"tick x\" x=\"").append(num(x)).append("\" y=\"")
                    .append(HEIGHT - BOTTOM + 20).append("\" text-anchor=\"middle\">").append(esc(format.format(date)))
                    .append("</text>");
        }
        svg.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                .append("\" y1=\"").append(HEIGHT - BOTTOM).append("\" y2=\"").append(HEIGHT - BOTTOM).append("\"/>");
        // the line, then the points on top
        if (points.size() > 1) {
            svg.append("<polyline class=\"trend-line\" points=\"");
            for (LabPoint p : points) {
                svg.append(num(scale.x(day(p)))).append(',').append(num(scale.y(p.value().doubleValue()))).append(' ');
            }
            svg.setLength(svg.length() - 1);
            svg.append("\"/>");
        }
        for (LabPoint p : points) {
            double x = scale.x(day(p));
            double y = scale.y(p.value().doubleValue());
            boolean out = outOfRange(p);
            String tip = DAY.format(day(p)) + " " + plain(p.value()) + " " + unit + (out ? " (基準範囲外)" : "");
            if (out) {
                svg.append("<path class=\"point out\" d=\"M").append(num(x)).append(',').append(num(y - 6))
                        .append(" L").append(num(x + 6)).append(',').append(num(y)).append(" L").append(num(x))
                        .append(',').append(num(y + 6)).append(" L").append(num(x - 6)).append(',').append(num(y))
                        .append(" Z\">");
            } else {
                svg.append("<circle class=\"point\" cx=\"").append(num(x)).append("\" cy=\"").append(num(y))
                        .append("\" r=\"4\">");
            }
            svg.append("<title>").append(esc(tip)).append("</title>").append(out ? "</path>" : "</circle>");
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private static String description(List<LabPoint> points, String unit, LabPoint range, int outside) {
        LabPoint latest = points.get(points.size() - 1);
        return points.size() + "件の結果 (" + DAY.format(day(points.get(0))) + "〜" + DAY.format(day(latest))
                + ")。最新 " + plain(latest.value()) + " " + unit
                + (range == null ? "。基準範囲の記載はありません。"
                : "、基準範囲 " + plain(range.low()) + "–" + plain(range.high()) + " " + unit + "。")
                + (outside == 0 ? "基準範囲外の結果はありません。" : "基準範囲外の結果は" + outside + "件 (ひし形の点) です。");
    }

    private record Scale(LocalDate start, long days, double yMin, double yMax) {
        double x(LocalDate date) {
            return LEFT + (WIDTH - LEFT - RIGHT) * (double) ChronoUnit.DAYS.between(start, date) / days;
        }

        double y(double value) {
            return TOP + (HEIGHT - TOP - BOTTOM) * (yMax - value) / (yMax - yMin);
        }
    }

    /** Up to five date labels, evenly spread from the first to the last result. */
    static List<LocalDate> dateTicks(LocalDate first, LocalDate last) {
        long span = ChronoUnit.DAYS.between(first, last);
        List<LocalDate> dates = new ArrayList<>();
        if (span == 0) {
            dates.add(first);
            return dates;
        }
        int steps = (int) Math.min(4, span);
        for (int i = 0; i <= steps; i++) {
            dates.add(first.plusDays(Math.round((double) span * i / steps)));
        }
        return dates;
    }

    /** Round tick values covering [low, high]: steps of 1, 2 or 5 × 10^n, four to seven ticks. */
    static double[] ticks(double low, double high) {
        double raw = (high - low) / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * magnitude >= raw) {
                step = m * magnitude;
                break;
            }
        }
        double start = Math.floor(low / step) * step;
        double end = Math.ceil(high / step) * step;
        int count = (int) Math.round((end - start) / step) + 1;
        double[] ticks = new double[count];
        for (int i = 0; i < count; i++) {
            ticks[i] = start + i * step;
        }
        return ticks;
    }

    private static String label(double tick, double[] ticks) {
        double step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
        int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step) - 1e-9);
        return BigDecimal.valueOf(tick).setScale(decimals, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static LocalDate day(LabPoint point) {
        return point.when().toLocalDate();
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private static String num(double value) {
        return BigDecimal.valueOf(value).setScale(1, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
