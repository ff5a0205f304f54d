package jp.renkei.hub.app.monitoring;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code renkei.monitoring.*} (docs/configuration.md).
 *
 * @param auditPendingMaxAge the audit chain is DOWN when an event has waited longer than this to be chained
 *                           (normally well under a second)
 * @param ss2MissedPolls     the SS-MIX2 poller is DOWN when it has not completed a clean pass for this many poll
 *                           intervals (plus a minute for a long pass)
 */
@ConfigurationProperties("renkei.monitoring")
public record MonitoringProperties(@DefaultValue("60s") Duration auditPendingMaxAge,
                                   @DefaultValue("3") int ss2MissedPolls) {
}
