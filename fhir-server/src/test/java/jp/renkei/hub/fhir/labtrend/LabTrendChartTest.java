package jp.renkei.hub.fhir.labtrend;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class LabTrendChartTest {

    @Test
    void rendersAPngOfTheDocumentedSizeWithTheSeriesDrawn() throws Exception {
        List<LabSeries> series = LabSeries.of(List.of(
                UnitNotationTest.point("1", "2025-01-10", "6.2", "%", "A"),
                UnitNotationTest.point("2", "2025-04-10", "6.8", "%", "B"),
                UnitNotationTest.point("3", "2025-07-10", "7.4", "%", "A")));
        byte[] png = LabTrendChart.png("HbA1c (NGSP)", series);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(LabTrendChart.WIDTH);
        assertThat(image.getHeight()).isEqualTo(LabTrendChart.HEIGHT);
        // the series colour (first palette entry) appears: something was drawn, not only an empty frame
        boolean lineDrawn = false;
        for (int x = 0; x < image.getWidth() && !lineDrawn; x++) {
            for (int y = 0; y < image.getHeight() && !lineDrawn; y++) {
                lineDrawn = (image.getRGB(x, y) & 0xFFFFFF) == 0x1f77b4;
            }
        }
        assertThat(lineDrawn).isTrue();
    }

    @Test
    void differentUnitsGetTheirOwnAxes() {
        List<LabSeries> series = LabSeries.of(List.of(
                UnitNotationTest.point("1", "2025-01-10", "110", "mg/dL", "A"),
                UnitNotationTest.point("2", "2025-02-10", "6.1", "mmol/L", "B")));
        var plot = LabTrendChart.chart("Glu", series).getXYPlot();
        assertThat(plot.getRangeAxisCount()).isEqualTo(2);
        assertThat(plot.getRangeAxis(0).getLabel()).isEqualTo("mg/dL");
        assertThat(plot.getRangeAxis(1).getLabel()).isEqualTo("mmol/L");
    }
}
