package jp.renkei.hub.core.monitoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value read from the database for gauges, at most once per {@code maxAge}: several gauges share one query and
 * a scrape every few seconds costs one query, not one per gauge. A failing read gives {@code null} (the gauges
 * show NaN) and is tried again on the next scrape.
 */
public final class PeriodicReading<T> {

    private static final Logger log = LoggerFactory.getLogger(PeriodicReading.class);

    private final Supplier<T> read;
    private final Duration maxAge;
    private final Clock clock;
    private T value;
    private Instant readAt = Instant.MIN;

    public PeriodicReading(Supplier<T> read, Duration maxAge, Clock clock) {
        this.read = read;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** The value, read again when older than {@code maxAge}; null when the read failed. */
    public synchronized T get() {
        Instant now = clock.instant();
        if (value == null || now.isAfter(readAt.plus(maxAge))) {
            try {
                value = read.get();
                readAt = now;
            } catch (RuntimeException e) {
                log.warn("Could not read a monitored value: {}", e.getMessage());
                value = null;
            }
        }
        return value;
    }
}
