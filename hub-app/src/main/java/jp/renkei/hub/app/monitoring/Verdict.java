package jp.renkei.hub.app.monitoring;

import org.springframework.boot.actuate.health.Health;

/** A subsystem's problem, in English and Japanese, as the details {@code reason} and {@code reasonJa}. */
record Verdict(String reason, String reasonJa) {

    Health.Builder down() {
        return Health.down().withDetail("reason", reason).withDetail("reasonJa", reasonJa);
    }
}
