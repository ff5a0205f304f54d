package jp.renkei.hub.regional.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.renkei.hub.core.facility.FacilityKind;
import org.junit.jupiter.api.Test;

/** The SVG map: numbered dots where the positions are (east right, north up), the origin, a round scale bar. */
class ResultMapTest {

    private static final ResultMap.Labels LABELS = new ResultMap.Labels("地図", "起点", "位置なし");

    private static DirectoryEntry entry(String id, String name, double lat, double lon) {
        return DirectoryEntry.of(DirectoryFixtures.facility(id, FacilityKind.CLINIC, name, "クリニック", "福島市", "県北"),
                DirectoryFixtures.profile(id, lat, lon, Set.of(), Set.of(), null, java.util.Map.of()), null);
    }

    @Test
    void dotsAreNumberedAsTheListAndPlacedByPosition() {
        List<DirectoryEntry> entries = List.of(entry("a", "西の<診療所>", 37.75, 140.40),
                entry("b", "東の病院", 37.75, 140.50), entry("c", "北の医院", 37.85, 140.45));
        ResultPage page = new ResultPage(entries, 1, 3, 9, new Origin("o", "福島駅前", new Position(37.70, 140.45)));

        String svg = ResultMap.svg(page, LABELS);

        Matcher dots = Pattern.compile("<circle cx=\"([0-9.]+)\" cy=\"([0-9.]+)\"[^>]*/><text[^>]*>(\\d+)</text>")
                .matcher(svg);
        double[][] xy = new double[3][];
        int i = 0;
        while (dots.find()) {
            xy[i] = new double[] {Double.parseDouble(dots.group(1)), Double.parseDouble(dots.group(2))};
            assertThat(dots.group(3)).isEqualTo(String.valueOf(4 + i));
            i++;
        }
        assertThat(i).isEqualTo(3);
        assertThat(xy[1][0]).as("east is right").isGreaterThan(xy[0][0]);
        assertThat(xy[2][1]).as("north is up").isLessThan(xy[0][1]);
        // same scale across and up: 0.1° of longitude at 37.8°N is cos(37.8°)·11.1 km ≈ 8.8 km; 0.1° of latitude 11.1 km
        double across = xy[1][0] - xy[0][0];
        double up = xy[0][1] - xy[2][1];
        assertThat(across / up).isCloseTo(Math.cos(Math.toRadians(37.775)), org.assertj.core.data.Offset.offset(0.02));
        assertThat(svg).contains("起点: 福島駅前").contains("西の&lt;診療所&gt;").contains("class=\"map-scale\"")
                .containsPattern(">(1|2|5)0* km</text>").doesNotContain("http://tile").doesNotContain("<image");
    }

    @Test
    void aPageWithoutPositionsSaysSo() {
        assertThat(ResultMap.svg(new ResultPage(List.of(), 0, 20, 0, null), LABELS)).contains("位置なし")
                .doesNotContain("<circle");
    }
}
