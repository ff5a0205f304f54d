package jp.renkei.hub.fhir.labtrend;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Date;
import java.util.List;

import javax.imageio.ImageIO;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.data.time.Millisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/**
 * Draws a lab trend as a PNG with JFreeChart: time on the x axis, one line per unit series, each series on its
 * own value axis labelled with its unit (so results in different units are never drawn on one scale), and the
 * latest reference range of the main series as a shaded band.
 */
public final class LabTrendChart {

    public static final int WIDTH = 800;
    public static final int HEIGHT = 400;
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd)};

    private LabTrendChart() {
    }

    /** The chart as PNG bytes, {@link #WIDTH}×{@link #HEIGHT} pixels. */
    public static byte[] png(String title, List<LabSeries> series) {
        BufferedImage image = chart(title, series).createBufferedImage(WIDTH, HEIGHT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static JFreeChart chart(String title, List<LabSeries> series) {
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        XYPlot plot = new XYPlot();
        DateAxis time = new DateAxis("日付");
        time.setLabelFont(font);
        plot.setDomainAxis(time);
        for (int i = 0; i < series.size(); i++) {
            LabSeries one = series.get(i);
            TimeSeries line = new TimeSeries(one.unit().isEmpty() ? "(単位なし)" : one.unit());
            for (LabPoint point : one.points()) {
                line.addOrUpdate(new Millisecond(Date.from(point.when().toInstant())), point.value());
            }
            NumberAxis axis = new NumberAxis(one.unit());
            axis.setAutoRangeIncludesZero(false);
            axis.setLabelFont(font);
            XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
            renderer.setSeriesPaint(0, COLOURS[i % COLOURS.length]);
            renderer.setSeriesStroke(0, new BasicStroke(2f));
            plot.setDataset(i, new TimeSeriesCollection(line));
            plot.setRangeAxis(i, axis);
            plot.mapDatasetToRangeAxis(i, i);
            plot.setRenderer(i, renderer);
        }
        if (!series.isEmpty()) {
            series.get(0).points().stream().filter(p -> p.low() != null && p.high() != null)
                    .reduce((first, second) -> second)
                    .ifPresent(p -> {
                        IntervalMarker range = new IntervalMarker(p.low().doubleValue(), p.high().doubleValue());
                        range.setPaint(new Color(0x2ca02c));
                        range.setAlpha(0.12f);
                        plot.addRangeMarker(0, range, Layer.BACKGROUND);
                    });
        }
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(null, font, plot, series.size() > 1);
        chart.setTitle(new TextTitle(title, font.deriveFont(Font.BOLD, 14f)));
        chart.setBackgroundPaint(Color.WHITE);
        if (series.size() > 1) {
            chart.addSubtitle(new TextTitle("単位の異なる結果は別の軸に表示しています (units differ: not mixed)", font));
        }
        return chart;
    }
}
