package jp.renkei.hub.app.monitoring;

import java.time.Clock;
import java.time.Duration;

import jp.renkei.hub.core.audit.AuditBacklog;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code auditChain}: the appender keeps chaining the audit events committed with their data; DOWN when one has
 * waited longer than {@code renkei.monitoring.audit-pending-max-age}. (Whether the chain verifies is the audit
 * verification's job: /api/admin/audit/verify.)
 */
@Component
class AuditChainHealthIndicator implements HealthIndicator {

    private final AuditBacklog backlog;
    private final MonitoringProperties properties;
    private final Clock clock;

    AuditChainHealthIndicator(AuditBacklog backlog, MonitoringProperties properties, Clock clock) {
        this.backlog = backlog;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Health health() {
        AuditBacklog.State state = backlog.read();
        Duration waiting = state.oldestPending().map(oldest -> Duration.between(oldest, clock.instant()))
                .orElse(Duration.ZERO);
        Health.Builder health = waiting.compareTo(properties.auditPendingMaxAge()) > 0
                ? new Verdict("audit events have waited " + waiting.toSeconds() + " s to be chained (more than "
                        + properties.auditPendingMaxAge().toSeconds() + " s): the audit appender is stuck",
                        "監査イベントが " + waiting.toSeconds() + " 秒間ハッシュチェーンに連結されていません（上限 "
                                + properties.auditPendingMaxAge().toSeconds() + " 秒）。監査の追記処理が止まっています").down()
                : Health.up();
        health.withDetail("pendingRows", state.pendingRows()).withDetail("oldestPendingSeconds", waiting.toSeconds());
        state.lastChained().ifPresent(last -> health.withDetail("lastChainedAt", last.toString()));
        return health.build();
    }
}
