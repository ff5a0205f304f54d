package jp.renkei.hub.app.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import jp.renkei.hub.dicom.store.FileSystemObjectStore;
import jp.renkei.hub.gateway.ss2.Ss2Properties;
import jp.renkei.hub.gateway.ss2.Ss2StoragePoller;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/** The health indicators' verdicts on a broken or stale subsystem, without a running hub. */
class SubsystemHealthTest {

    @Test
    void anObjectStoreThatCannotStageIsDown(@TempDir Path root) throws Exception {
        DicomStoreHealthIndicator indicator = new DicomStoreHealthIndicator(new FileSystemObjectStore(root), Duration.ZERO);
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        DicomStoreHealthIndicator reusing = new DicomStoreHealthIndicator(new FileSystemObjectStore(root),
                Duration.ofMinutes(1));
        assertThat(reusing.health().getStatus()).isEqualTo(Status.UP);

        Files.delete(root.resolve("staging"));
        Files.writeString(root.resolve("staging"), "a file where the staging directory was");

        assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(indicator.health().getDetails()).containsEntry("writable", false).containsKeys("reason", "reasonJa");
        assertThat(reusing.health().getStatus()).as("a writable verdict is reused within its period")
                .isEqualTo(Status.UP);
        try (var files = Files.list(root.resolve("objects"))) {
            assertThat(files).as("the probe never commits").isEmpty();
        }
    }

    @Test
    void aPollerWithoutACleanPassForThreeIntervalsIsDown(@TempDir Path root) {
        Instant started = Instant.parse("2026-12-03T00:00:00Z");
        Ss2StoragePoller poller = new Ss2StoragePoller(new Ss2Properties(List.of(new Ss2Properties.Root(
                "00000000-0000-0000-0000-000000000001", root.resolve("absent"))), Duration.ofHours(1), 1), null,
                Clock.fixed(started, ZoneOffset.UTC), null);
        assertThat(healthAt(poller, started).getStatus()).as("configured, not running").isEqualTo(Status.DOWN);

        poller.start();
        try {
            poller.pollOnce(); // the root is absent: not a clean pass
            // three intervals and the minute for a long pass are allowed
            assertThat(healthAt(poller, started.plus(Duration.ofMinutes(181))).getStatus()).isEqualTo(Status.UP);
            Health late = healthAt(poller, started.plus(Duration.ofMinutes(182)));
            assertThat(late.getStatus()).isEqualTo(Status.DOWN);
            assertThat(late.getDetails()).containsKey("reasonJa").doesNotContainKey("lastSuccessfulPoll");
        } finally {
            poller.stop();
        }
    }

    private static Health healthAt(Ss2StoragePoller poller, Instant now) {
        return new Ss2PollerHealthIndicator(poller, new MonitoringProperties(Duration.ofSeconds(60), 3),
                Clock.fixed(now, ZoneOffset.UTC)).health();
    }

    @Test
    void withoutRootsThePollerHasNothingToDo() {
        Ss2StoragePoller poller = new Ss2StoragePoller(new Ss2Properties(List.of(), null, 1), null, Clock.systemUTC(), null);

        assertThat(new Ss2PollerHealthIndicator(poller, new MonitoringProperties(Duration.ofSeconds(60), 3),
                Clock.systemUTC()).health().getStatus()).isEqualTo(Status.UP);
    }
}
