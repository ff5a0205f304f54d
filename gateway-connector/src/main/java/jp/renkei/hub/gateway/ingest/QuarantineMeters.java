package jp.renkei.hub.gateway.ingest;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jp.renkei.hub.core.monitoring.PeriodicReading;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@code renkei_ingest_quarantine_held}: inputs held in the quarantine, waiting for a fix and re-processing. */
@Component
public class QuarantineMeters implements MeterBinder {

    private final PeriodicReading<Long> held;

    public QuarantineMeters(JdbcClient jdbc, Clock clock) {
        this.held = new PeriodicReading<>(() -> jdbc.sql(
                        "SELECT count(*) FROM hub.gateway_quarantine WHERE status = '" + Quarantine.HELD + "'")
                .query(Long.class).single(), Duration.ofSeconds(5), clock);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("renkei.ingest.quarantine.held", held, reading -> {
                    Long count = reading.get();
                    return count == null ? Double.NaN : count;
                })
                .description("Inputs held in the gateway quarantine (all facilities)")
                .register(registry);
    }
}
