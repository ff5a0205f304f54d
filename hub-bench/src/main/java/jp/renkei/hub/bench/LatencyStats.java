package jp.renkei.hub.bench;

import java.util.Arrays;

/**
 * Latency summary of one series of requests, in milliseconds. Percentiles use the nearest-rank method
 * (the smallest sample with at least p % of the samples at or below it), so every reported figure is a
 * latency that was actually observed, never an interpolation between two.
 */
public record LatencyStats(int count, double p50Ms, double p95Ms, double maxMs, double meanMs) {

    public static LatencyStats ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long sample : sorted) {
            sum += sample;
        }
        return new LatencyStats(sorted.length, millis(percentile(sorted, 50)), millis(percentile(sorted, 95)),
                millis(sorted[sorted.length - 1]), sum / sorted.length / 1e6);
    }

    /** As {@link #ofNanos}, but all zeros when nothing was measured (every request failed). */
    public static LatencyStats ofNanosOrEmpty(long[] nanos) {
        return nanos.length == 0 ? new LatencyStats(0, 0, 0, 0, 0) : ofNanos(nanos);
    }

    /** Nearest-rank percentile of an ascending array; {@code p} in (0, 100]. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
