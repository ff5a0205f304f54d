package jp.renkei.hub.gateway.jahis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code renkei.gateway.jahis}: directories where a pharmacy's system drops TC files, one facility per directory.
 *
 * @param drops        the drop directories; none by default
 * @param pollInterval how often the directories are read
 * @param settleTime   a file must be this old (last modified) before it is read, so a file still being written
 *                     is left alone
 */
@ConfigurationProperties("renkei.gateway.jahis")
public record JahisDropProperties(List<Drop> drops, Duration pollInterval, Duration settleTime) {

    public JahisDropProperties {
        drops = drops == null ? List.of() : List.copyOf(drops);
        pollInterval = pollInterval == null ? Duration.ofSeconds(30) : pollInterval;
        settleTime = settleTime == null ? Duration.ofSeconds(5) : settleTime;
    }

    /** One drop directory and the facility (hub ID of a pharmacy) whose files it receives. */
    public record Drop(String facilityId, Path path) {
    }
}
