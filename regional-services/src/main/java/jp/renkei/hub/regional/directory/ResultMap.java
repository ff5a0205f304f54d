package jp.renkei.hub.regional.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A search page drawn as SVG on the server: the positions of the page's facilities (dots numbered as in the
 * result list), the origin, and a scale bar, in an equirectangular projection centred on them (longitudes scaled by
 * the cosine of the centre's latitude, so a kilometre is as long across as up over a region). No tiles and no map
 * service: the picture is the positions alone.
 */
public final class ResultMap {

    /** The words the picture carries, in the page's language. */
    public record Labels(String title, String origin, String noPositions) {
    }

    static final int WIDTH = 640;
    static final int HEIGHT = 480;
    private static final int MARGIN = 48;
    private static final double KM_PER_DEGREE = Position.EARTH_RADIUS_KM * Math.PI / 180;

    private ResultMap() {
    }

    public static String svg(ResultPage page, Labels labels) {
        List<Position> points = new ArrayList<>();
        page.entries().stream().filter(e -> e.position() != null).forEach(e -> points.add(e.position()));
        if (page.origin() != null) {
            points.add(page.origin().position());
        }
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"directory-map\" role=\"img\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" aria-labelledby=\"directory-map-title\">")
                .append("<title id=\"directory-map-title\">").append(escape(labels.title())).append("</title>")
                .append("<rect class=\"map-ground\" x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" fill=\"#f6f8f4\" stroke=\"#8a9a8a\"/>");
        if (points.isEmpty()) {
            svg.append("<text x=\"").append(WIDTH / 2).append("\" y=\"").append(HEIGHT / 2)
                    .append("\" text-anchor=\"middle\" font-size=\"16\">").append(escape(labels.noPositions()))
                    .append("</text></svg>");
            return svg.toString();
        }
        Frame frame = Frame.around(points);
        if (page.origin() != null) {
            double[] o = frame.project(page.origin().position());
            svg.append(String.format(Locale.ROOT, "<g class=\"map-origin\"><rect x=\"%.1f\" y=\"%.1f\" width=\"14\""
                            + " height=\"14\" fill=\"#c0392b\" transform=\"rotate(45 %.1f %.1f)\"/>"
                            + "<text x=\"%.1f\" y=\"%.1f\" font-size=\"13\" font-weight=\"bold\">%s</text></g>",
                    o[0] - 7, o[1] - 7, o[0], o[1], o[0] + 12, o[1] - 10,
                    escape(labels.origin() + ": " + page.origin().label())));
        }
        int number = page.firstNumber();
        for (DirectoryEntry entry : page.entries()) {
            if (entry.position() != null) {
                double[] p = frame.project(entry.position());
                svg.append(String.format(Locale.ROOT, "<g class=\"map-facility\"><circle cx=\"%.1f\" cy=\"%.1f\""
                                + " r=\"10\" fill=\"#1f5f99\"/><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\""
                                + " font-size=\"11\" fill=\"#ffffff\">%d</text><text x=\"%.1f\" y=\"%.1f\""
                                + " font-size=\"12\">%s</text></g>",
                        p[0], p[1], p[0], p[1] + 4, number, p[0] + 13, p[1] + 4, escape(entry.name())));
            }
            number++;
        }
        frame.scaleBar(svg);
        return svg.append("</svg>").toString();
    }

    /** The projection: degrees to pixels, the same scale across and up. */
    private record Frame(double centreLatitude, double minX, double maxY, double pixelsPerKm) {

        static Frame around(List<Position> points) {
            double minLat = points.stream().mapToDouble(Position::latitude).min().orElseThrow();
            double maxLat = points.stream().mapToDouble(Position::latitude).max().orElseThrow();
            double centre = (minLat + maxLat) / 2;
            double cos = Math.cos(Math.toRadians(centre));
            double minX = points.stream().mapToDouble(p -> p.longitude() * cos * KM_PER_DEGREE).min().orElseThrow();
            double maxX = points.stream().mapToDouble(p -> p.longitude() * cos * KM_PER_DEGREE).max().orElseThrow();
            double minY = minLat * KM_PER_DEGREE;
            double maxY = maxLat * KM_PER_DEGREE;
            // at least 2 km across, so one facility alone is not drawn at an absurd scale
            double spanX = Math.max(maxX - minX, 2);
            double spanY = Math.max(maxY - minY, 2);
            double scale = Math.min((WIDTH - 2.0 * MARGIN - 160) / spanX, (HEIGHT - 2.0 * MARGIN) / spanY);
            double padX = ((WIDTH - 2.0 * MARGIN - 160) / scale - (maxX - minX)) / 2;
            double padY = ((HEIGHT - 2.0 * MARGIN) / scale - (maxY - minY)) / 2;
            return new Frame(centre, minX - padX, maxY + padY, scale);
        }

        double[] project(Position p) {
            double x = p.longitude() * Math.cos(Math.toRadians(centreLatitude)) * KM_PER_DEGREE;
            double y = p.latitude() * KM_PER_DEGREE;
            return new double[] {MARGIN + (x - minX) * pixelsPerKm, MARGIN + (maxY - y) * pixelsPerKm};
        }

        /** A bar of a round length (1, 2 or 5 × 10ⁿ km) near a quarter of the width, bottom left. */
        void scaleBar(StringBuilder svg) {
            double target = WIDTH / 4.0 / pixelsPerKm;
            double magnitude = Math.pow(10, Math.floor(Math.log10(target)));
            double km = magnitude;
            for (double step : new double[] {1, 2, 5}) {
                if (step * magnitude <= target) {
                    km = step * magnitude;
                }
            }
            double length = km * pixelsPerKm;
            int y = HEIGHT - 20;
            svg.append(String.format(Locale.ROOT, "<g class=\"map-scale\"><line x1=\"20\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\""
                            + " stroke=\"#222\" stroke-width=\"3\"/><line x1=\"20\" y1=\"%d\" x2=\"20\" y2=\"%d\""
                            + " stroke=\"#222\"/><line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#222\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" font-size=\"12\">%s km</text></g>",
                    y, 20 + length, y, y - 6, y + 6, 20 + length, y - 6, 20 + length, y + 6, 26 + length, y + 4,
                    km >= 1 ? String.valueOf((long) km) : String.valueOf(km)));
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
