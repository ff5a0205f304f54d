package jp.renkei.hub.app.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.packages.IHapiPackageCacheManager;
import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jp.renkei.hub.app.support.TestPaths;
import jp.renkei.hub.dicom.store.FileSystemObjectStore;
import jp.renkei.hub.fhir.FhirServerProperties;
import jp.renkei.hub.fhir.ImplementationGuideInstaller;
import jp.renkei.hub.fhir.InstalledProfiles;
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

    @Test
    void packagesThatCouldNotBeStoredAreDownAndSayWhy() {
        IPackageInstallerSvc failingStore = (IPackageInstallerSvc) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {IPackageInstallerSvc.class}, (proxy, method, args) -> {
                    throw new IllegalStateException("the database refused the package");
                });
        IHapiPackageCacheManager emptyStore = (IHapiPackageCacheManager) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {IHapiPackageCacheManager.class}, (proxy, method, args) -> {
                    throw new ResourceNotFoundException("not installed");
                });
        IValidationSupport chain = (IValidationSupport) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {IValidationSupport.class}, (proxy, method, args) -> null);
        ImplementationGuideInstaller installer = new ImplementationGuideInstaller(failingStore, emptyStore,
                new FhirServerProperties(List.of(TestPaths.JP_CORE_PACKAGE), 20, 200, "", true, false),
                new DaoRegistry() {
                    @Override
                    public IFhirResourceDao getResourceDao(String resourceType) {
                        return null;
                    }
                }, chain, new InstalledProfiles());
        installer.afterSingletonsInstantiated();
        FhirPackagesHealthIndicator indicator = new FhirPackagesHealthIndicator(installer);
        assertThat(indicator.health().getStatus()).as("the store waits for the web server").isEqualTo(Status.UP);
        assertThat(indicator.health().getDetails()).containsEntry("store", "under way");

        assertThatThrownBy(installer::awaitStored).hasMessageContaining("the database refused the package");

        assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(indicator.health().getDetails().get("reasonJa").toString()).contains("FHIRパッケージを保存できませんでした");
    }
}
