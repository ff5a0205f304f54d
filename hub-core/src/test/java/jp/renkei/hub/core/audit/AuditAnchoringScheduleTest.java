package jp.renkei.hub.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jp.renkei.hub.core.testsupport.HubCoreTestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Anchoring as configured, in a context of its own with anchoring on (the shared test context has it off): the
 * schedule anchors once the interval has passed, and closing the context anchors the last events, before the
 * database goes away.
 */
class AuditAnchoringScheduleTest {

    @TempDir
    Path home;

    @Test
    void theScheduleAnchorsAfterTheIntervalAndShutdownAnchorsTheLastEvents() throws InterruptedException {
        long lastBeforeClose;
        Instant closing;
        Path anchors = home.resolve("audit-anchors");
        try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(HubCoreTestApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties("renkei.home=" + home, "server.port=0", "renkei.audit.anchors.interval=2s",
                        "renkei.tls.host-names=localhost")
                .run()) {
            AuditTrail trail = hub.getBean(AuditTrail.class);
            AuditAnchorFiles files = hub.getBean(AuditAnchorFiles.class);
            assertThat(files.directory()).isEqualTo(anchors);
            long first = trail.record(AuditEntries.read(AuditEntries.unique("scheduled"), "Patient/1"));

            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (anchoredSeqs(files).stream().noneMatch(seq -> seq >= first) && Instant.now().isBefore(deadline)) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
            assertThat(anchoredSeqs(files)).as("anchored by the schedule").anyMatch(seq -> seq >= first);

            // Right after an anchor the next is not due for 2 s: only the shutdown can anchor this one now.
            lastBeforeClose = trail.record(AuditEntries.read(AuditEntries.unique("at-shutdown"), "Patient/2"));
            closing = Instant.now();
        }

        List<AuditAnchor> made = new AuditAnchorFiles(anchors, null).readAll().stream()
                .map(found -> AuditAnchor.parse(found.line())).toList();
        assertThat(made).as("anchored at shutdown").filteredOn(anchor -> anchor.seq() == lastBeforeClose)
                .singleElement().satisfies(anchor -> assertThat(anchor.anchoredAt()).isAfterOrEqualTo(closing));
    }

    private static List<Long> anchoredSeqs(AuditAnchorFiles files) {
        return files.readAll().stream().map(found -> AuditAnchor.parse(found.line()).seq()).toList();
    }
}
