package jp.renkei.hub.gateway.ss2;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code renkei.gateway.ss2.*}: the SS-MIX2 storage roots polled for new and changed files, one per facility.
 *
 * @param roots        the facilities' storage roots (none by default: nothing is polled)
 * @param pollInterval the pause between the end of one poll and the start of the next
 * @param workers      threads per poll
 */
@ConfigurationProperties("renkei.gateway.ss2")
public record Ss2Properties(List<Root> roots, Duration pollInterval, Integer workers) {

    /** One facility's storage root. */
    public record Root(String facilityId, Path path) {
    }

    public Ss2Properties {
        roots = roots == null ? List.of() : List.copyOf(roots);
        pollInterval = pollInterval == null ? Duration.ofMinutes(1) : pollInterval;
        workers = workers == null ? 1 : workers;
    }
}
