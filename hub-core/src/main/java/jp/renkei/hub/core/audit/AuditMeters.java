package jp.renkei.hub.core.audit;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jp.renkei.hub.core.monitoring.PeriodicReading;
import org.springframework.stereotype.Component;

/**
 * Gauges of the audit chain's backlog: {@code renkei_audit_pending_rows} and
 * {@code renkei_audit_pending_oldest_seconds} (age of the oldest unchained event, 0 when none).
 */
@Component
public class AuditMeters implements MeterBinder {

    private final PeriodicReading<AuditBacklog.State> backlog;
    private final Clock clock;

    public AuditMeters(AuditBacklog backlog, Clock clock) {
        this.backlog = new PeriodicReading<>(backlog::read, Duration.ofSeconds(5), clock);
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("renkei.audit.pending.rows", backlog, reading -> {
                    AuditBacklog.State state = reading.get();
                    return state == null ? Double.NaN : state.pendingRows();
                })
                .description("Audit events committed but not yet in the hash chain")
                .register(registry);
        Gauge.builder("renkei.audit.pending.oldest", backlog, reading -> {
                    AuditBacklog.State state = reading.get();
                    return state == null ? Double.NaN : state.oldestPending()
                            .map(oldest -> Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0))
                            .orElse(0.0);
                })
                .description("Age of the oldest audit event waiting to be chained")
                .baseUnit("seconds")
                .register(registry);
    }
}
