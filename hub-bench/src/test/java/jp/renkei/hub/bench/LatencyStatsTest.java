package jp.renkei.hub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    private static final long MS = 1_000_000L;

    @Test
    void nearestRankPercentilesOfOneToHundredMilliseconds() {
        List<Long> samples = new ArrayList<>();
        for (long i = 1; i <= 100; i++) {
            samples.add(i * MS);
        }
        Collections.shuffle(samples, new Random(7)); // input order must not matter

        LatencyStats stats = LatencyStats.ofNanos(samples.stream().mapToLong(Long::longValue).toArray());

        assertThat(stats.count()).isEqualTo(100);
        assertThat(stats.p50Ms()).isEqualTo(50.0);
        assertThat(stats.p95Ms()).isEqualTo(95.0);
        assertThat(stats.maxMs()).isEqualTo(100.0);
        assertThat(stats.meanMs()).isCloseTo(50.5, within(1e-9));
    }

    @Test
    void percentilesAreObservedValuesNotInterpolations() {
        long[] sorted = {10, 20, 30, 40};

        assertThat(LatencyStats.percentile(sorted, 50)).isEqualTo(20);  // rank ceil(2.0) = 2
        assertThat(LatencyStats.percentile(sorted, 51)).isEqualTo(30);  // rank ceil(2.04) = 3
        assertThat(LatencyStats.percentile(sorted, 95)).isEqualTo(40);  // rank ceil(3.8) = 4
        assertThat(LatencyStats.percentile(sorted, 100)).isEqualTo(40);
        assertThat(LatencyStats.percentile(sorted, 1)).isEqualTo(10);
    }

    @Test
    void slowOutliersShowInP95AndMaxButNotP50() {
        long[] nanos = new long[20];
        for (int i = 0; i < 19; i++) {
            nanos[i] = 5 * MS;
        }
        nanos[19] = 900 * MS;

        LatencyStats stats = LatencyStats.ofNanos(nanos);

        assertThat(stats.p50Ms()).isEqualTo(5.0);
        assertThat(stats.p95Ms()).isEqualTo(5.0); // rank 19 of 20
        assertThat(stats.maxMs()).isEqualTo(900.0);
    }

    @Test
    void singleSampleIsEveryPercentile() {
        LatencyStats stats = LatencyStats.ofNanos(new long[] {3 * MS});

        assertThat(stats.p50Ms()).isEqualTo(3.0);
        assertThat(stats.p95Ms()).isEqualTo(3.0);
        assertThat(stats.maxMs()).isEqualTo(3.0);
    }

    @Test
    void rejectsNoSamplesAndPercentilesOutOfRange() {
        assertThatThrownBy(() -> LatencyStats.ofNanos(new long[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LatencyStats.percentile(new long[] {1}, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LatencyStats.percentile(new long[] {1}, 101)).isInstanceOf(IllegalArgumentException.class);
    }
}
