package jp.renkei.hub.regional.pathway;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A pathway drawn as SVG on the server (no script): the stages as a row of boxes coloured by status with their
 * facilities' number of records and goals achieved, and a trend chart of one number item (e.g. Barthel Index)
 * over every stage's records, each point labelled with its stage.
 */
public final class PathwayCharts {

    /** The words the pictures carry, in the page's language. */
    public record Labels(Map<StageStatus, String> status, String records, String goals, String noValues) {

        public static final Labels JA = new Labels(Map.of(StageStatus.NOT_STARTED, "未開始",
                StageStatus.IN_PROGRESS, "記録中", StageStatus.DONE, "完了"), "記録", "目標達成", "記録された値はありません");
    }

    static final int STAGE_WIDTH = 200;
    static final int STAGE_GAP = 40;
    static final int HEIGHT = 120;
    static final int TREND_WIDTH = 640;
    static final int TREND_HEIGHT = 260;
    private static final int MARGIN = 48;
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("M/d");

    private PathwayCharts() {
    }

    /** One box per stage, left to right in the template's order, arrows between them. */
    public static String progress(PathwayTemplate template, Pathway pathway, List<StageRecord> shown, Labels labels) {
        int n = template.stages().size();
        int width = n * STAGE_WIDTH + (n - 1) * STAGE_GAP + 2;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"pathway-progress\" role=\"img\" viewBox=\"0 0 ")
                .append(width).append(' ').append(HEIGHT).append("\" width=\"").append(width).append("\" height=\"")
                .append(HEIGHT).append("\" aria-labelledby=\"pathway-progress-title\"><title id=\"pathway-progress-title\">")
                .append(escape(template.title())).append(": ");
        List<String> summary = new ArrayList<>();
        template.stages().forEach(s -> summary.add(s.title() + " " + labels.status().get(pathway.status(s.code()))));
        svg.append(escape(String.join("、", summary))).append("</title>");
        for (int i = 0; i < n; i++) {
            Stage stage = template.stages().get(i);
            StageStatus status = pathway.status(stage.code());
            int x = 1 + i * (STAGE_WIDTH + STAGE_GAP);
            String fill = switch (status) {
                case NOT_STARTED -> "#f2f2f2";
                case IN_PROGRESS -> "#fff4d6";
                case DONE -> "#dff0dc";
            };
            String stroke = switch (status) {
                case NOT_STARTED -> "#8a8a8a";
                case IN_PROGRESS -> "#b7791f";
                case DONE -> "#2f7d32";
            };
            long records = shown.stream().filter(r -> r.stageCode().equals(stage.code())).count();
            svg.append("<g class=\"pathway-stage stage-").append(status.name().toLowerCase(Locale.ROOT))
                    .append("\" data-stage=\"").append(escape(stage.code())).append("\">")
                    .append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"10\" width=\"%d\" height=\"100\" rx=\"8\""
                            + " fill=\"%s\" stroke=\"%s\" stroke-width=\"2\"/>", x, STAGE_WIDTH, fill, stroke))
                    .append(text(x + 12, 36, 16, "bold", stage.title()))
                    .append(text(x + 12, 60, 14, "normal", labels.status().get(status)))
                    .append(text(x + 12, 82, 13, "normal", labels.records() + " " + records));
            pathway.completion(stage.code()).ifPresent(done -> svg.append(text(x + 12, 102, 13, "normal",
                    labels.goals() + " " + done.goals().values().stream().filter(Boolean::booleanValue).count()
                            + "/" + done.goals().size())));
            svg.append("</g>");
            if (i < n - 1) {
                int ax = x + STAGE_WIDTH + 6;
                svg.append(String.format(Locale.ROOT, "<path d=\"M%d 60 L%d 60 M%d 52 L%d 60 L%d 68\" stroke=\"#555\""
                        + " stroke-width=\"2\" fill=\"none\"/>", ax, ax + STAGE_GAP - 12, ax + STAGE_GAP - 20,
                        ax + STAGE_GAP - 12, ax + STAGE_GAP - 20));
            }
        }
        return svg.append("</svg>").toString();
    }

    /** The number item's values over time, oldest first, on the item's own scale (min–max) when it has one. */
    public static String trend(PathwayTemplate template, List<StageRecord> shown, String linkId, Labels labels) {
        SheetItem item = template.anyItem(linkId).filter(i -> i.kind().numeric()).orElseThrow(() ->
                new InvalidPathway("item", "'" + linkId + "' is not a number item of " + template.code()));
        List<StageRecord> points = shown.stream().filter(r -> r.answers().get(linkId) != null).toList();
        String title = item.text() + (item.unit().isEmpty() ? "" : " (" + item.unit() + ")");
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"pathway-trend\" role=\"img\" viewBox=\"0 0 ")
                .append(TREND_WIDTH).append(' ').append(TREND_HEIGHT).append("\" width=\"").append(TREND_WIDTH)
                .append("\" height=\"").append(TREND_HEIGHT).append("\" aria-labelledby=\"trend-").append(escape(linkId))
                .append("\"><title id=\"trend-").append(escape(linkId)).append("\">").append(escape(title));
        points.forEach(r -> svg.append(escape("、" + day(r) + " " + value(r, linkId))));
        svg.append("</title>").append(String.format(Locale.ROOT, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\""
                + " fill=\"#ffffff\" stroke=\"#999\"/>", TREND_WIDTH, TREND_HEIGHT))
                .append(text(MARGIN, 24, 15, "bold", title));
        if (points.isEmpty()) {
            return svg.append(text(MARGIN, TREND_HEIGHT / 2, 14, "normal", labels.noValues())).append("</svg>")
                    .toString();
        }
        double min = item.min() != null ? item.min().doubleValue()
                : points.stream().mapToDouble(r -> number(r, linkId)).min().orElse(0);
        double max = item.max() != null ? item.max().doubleValue()
                : points.stream().mapToDouble(r -> number(r, linkId)).max().orElse(1);
        if (max <= min) {
            max = min + 1;
        }
        int left = MARGIN;
        int right = TREND_WIDTH - 24;
        int top = 44;
        int bottom = TREND_HEIGHT - 44;
        svg.append(String.format(Locale.ROOT, "<path d=\"M%d %d L%d %d L%d %d\" stroke=\"#555\" fill=\"none\"/>",
                left, top, left, bottom, right, bottom));
        svg.append(text(4, top + 5, 12, "normal", format(min, max, max)))
                .append(text(4, bottom + 4, 12, "normal", format(min, max, min)));
        StringBuilder line = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            StageRecord r = points.get(i);
            double x = points.size() == 1 ? (left + right) / 2.0 : left + 20 + i * (right - left - 40.0)
                    / (points.size() - 1);
            double y = bottom - (number(r, linkId) - min) / (max - min) * (bottom - top);
            line.append(line.isEmpty() ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
            dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"#1f5f99\"/>", x, y))
                    .append(textAt(x, y - 10, "middle", value(r, linkId)))
                    .append(textAt(x, bottom + 18, "middle", day(r)))
                    .append(textAt(x, bottom + 34, "middle", template.stage(r.stageCode()).map(Stage::title)
                            .orElse(r.stageCode())));
        }
        svg.append("<path d=\"").append(line).append("\" stroke=\"#1f5f99\" stroke-width=\"2\" fill=\"none\"/>")
                .append(dots);
        return svg.append("</svg>").toString();
    }

    /** The number items with at least one value among the records, in the template's order. */
    public static List<SheetItem> trendItems(PathwayTemplate template, List<StageRecord> shown) {
        List<SheetItem> items = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        template.stages().stream().flatMap(s -> s.sheets().stream()).flatMap(s -> s.items().stream())
                .filter(i -> i.kind().numeric() && !seen.contains(i.linkId()))
                .filter(i -> shown.stream().anyMatch(r -> r.answers().containsKey(i.linkId())))
                .forEach(i -> {
                    seen.add(i.linkId());
                    items.add(i);
                });
        return items;
    }

    private static double number(StageRecord r, String linkId) {
        Object v = r.answers().get(linkId);
        return v instanceof BigDecimal d ? d.doubleValue() : ((Number) v).doubleValue();
    }

    private static String value(StageRecord r, String linkId) {
        return PathwayStore.text(r.answers().get(linkId));
    }

    private static String day(StageRecord r) {
        return DAY.format(r.recordedAt().atZone(JAPAN));
    }

    private static String format(double min, double max, double v) {
        return (max - min) >= 10 && v == Math.rint(v) ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String text(int x, int y, int size, String weight, String content) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" font-weight=\"%s\">%s</text>",
                x, y, size, weight, escape(content));
    }

    private static String textAt(double x, double y, String anchor, String content) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"%s\">%s</text>",
                x, y, anchor, escape(content));
    }

    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
