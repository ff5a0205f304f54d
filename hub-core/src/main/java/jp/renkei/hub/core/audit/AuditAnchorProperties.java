package jp.renkei.hub.core.audit;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Audit anchoring ({@code renkei.audit.anchors.*}).
 *
 * @param enabled   whether this node makes anchors (every interval and at shutdown); verification reads the
 *                  anchor files either way
 * @param interval  how often the chain's head is signed when the chain has advanced (once per cluster)
 * @param directory where the anchor files are written; empty: {@code ${renkei.home}/audit-anchors}
 * @param copyTo    a second directory every anchor is also appended to (a WORM or NFS mount, off this server);
 *                  empty: none
 */
@ConfigurationProperties("renkei.audit.anchors")
public record AuditAnchorProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5m") Duration interval,
        Path directory,
        Path copyTo) {

    public AuditAnchorProperties {
        if (interval.isNegative() || interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("renkei.audit.anchors.interval must be at least 1s, is " + interval);
        }
    }
}
