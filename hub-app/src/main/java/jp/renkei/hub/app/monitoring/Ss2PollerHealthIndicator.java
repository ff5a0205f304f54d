package jp.renkei.hub.app.monitoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jp.renkei.hub.gateway.ss2.Ss2StoragePoller;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code ss2Poller}: with storage roots configured, the SS-MIX2 poller runs and has read every root without an
 * error within the last {@code renkei.monitoring.ss2-missed-polls} poll intervals (plus a minute for a long
 * pass); without roots it has nothing to do.
 */
@Component
class Ss2PollerHealthIndicator implements HealthIndicator {

    private static final Duration LONG_PASS = Duration.ofMinutes(1);

    private final Ss2StoragePoller poller;
    private final MonitoringProperties properties;
    private final Clock clock;

    Ss2PollerHealthIndicator(Ss2StoragePoller poller, MonitoringProperties properties, Clock clock) {
        this.poller = poller;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Health health() {
        Ss2StoragePoller.State state = poller.state();
        if (state.roots() == 0) {
            return Health.up().withDetail("roots", 0).build();
        }
        if (!state.running()) {
            return new Verdict("the SS-MIX2 poller is not running: new storage files are not read",
                    "SS-MIX2ポーラーが停止しています。新しいストレージのファイルは取り込まれません").down()
                    .withDetail("roots", state.roots()).build();
        }
        Duration allowed = state.interval().multipliedBy(Math.max(1, properties.ss2MissedPolls())).plus(LONG_PASS);
        Instant since = state.lastSuccess().or(state::startedAt).orElseThrow();
        Health.Builder health;
        if (Duration.between(since, clock.instant()).compareTo(allowed) > 0) {
            health = new Verdict("no SS-MIX2 poll has read every storage root since " + since
                    + " (see the log for the failing root)", since + " 以降、SS-MIX2の全ストレージを読めたポーリングがありません"
                    + "（失敗したストレージはログを参照）").down();
        } else {
            health = Health.up();
        }
        health.withDetail("roots", state.roots()).withDetail("pollInterval", state.interval().toString());
        state.lastSuccess().ifPresent(last -> health.withDetail("lastSuccessfulPoll", last.toString()));
        return health.build();
    }
}
