package jp.renkei.hub.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.packages.IHapiPackageCacheManager;
import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;
import ca.uhn.fhir.jpa.packages.NpmPackageMetadataJson;
import ca.uhn.fhir.jpa.packages.PackageInstallationSpec;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.support.StaticApplicationContext;

/**
 * The installer against fakes of HAPI's package store: what it stores, what a restart still gets, and that start-up
 * waits for the packages to be read but only reads of package content wait for their store.
 */
class ImplementationGuideInstallerTest {

    private static final Path JP_FHIR = Path.of("../../shared/testdata/jp-fhir");
    private static final String JP_PATIENT = "http://jpfhir.jp/fhir/core/StructureDefinition/JP_Patient";
    private static final String CLINS_LAB = "http://jpfhir.jp/fhir/eCS/StructureDefinition/JP_Observation_LabResult_eCS";

    private final List<PackageInstallationSpec> installs = new CopyOnWriteArrayList<>();
    private final AtomicInteger cacheInvalidations = new AtomicInteger();
    private final AtomicInteger storeCalls = new AtomicInteger();
    private final StaticApplicationContext application = new StaticApplicationContext();
    /** What the fake HAPI installer does before it records an install. */
    private Runnable storing = () -> { };

    @Test
    void aFirstStartStoresThePackagesWithoutTheTwoCodeLoincAndListsTheirProfiles() throws IOException {
        InstalledProfiles profiles = new InstalledProfiles();

        ImplementationGuideInstaller installer = start(Set.of(), profiles);
        installer.awaitStored();

        assertThat(installer.storeState()).isEqualTo(ImplementationGuideInstaller.StoreState.DONE);
        assertThat(installs).extracting(PackageInstallationSpec::getName)
                .containsExactlyInAnyOrder("jp-core.r4", "jp-eCSCLINS.r4");
        PackageInstallationSpec clins = installs.stream().filter(s -> s.getName().equals("jp-eCSCLINS.r4"))
                .findFirst().orElseThrow();
        NpmPackage stored = NpmPackage.fromPackage(new ByteArrayInputStream(clins.getPackageContents()));
        assertThat(stored.listResources("CodeSystem")).isNotEmpty()
                .doesNotContain("CodeSystem-jp-codeSystem-eCS-document-code.json");
        assertThat(profiles.of("Patient")).contains(JP_PATIENT);
        assertThat(profiles.of("Observation")).contains(CLINS_LAB);
        assertThat(cacheInvalidations).hasValue(1);
    }

    @Test
    void aRestartStoresNothingAndStillListsTheProfiles() throws IOException {
        InstalledProfiles profiles = new InstalledProfiles();

        ImplementationGuideInstaller installer = start(Set.of("jp-core.r4", "jp-eCSCLINS.r4"), profiles);
        installer.awaitStored();

        assertThat(installer.storeState()).isEqualTo(ImplementationGuideInstaller.StoreState.DONE);
        assertThat(installs).isEmpty();
        assertThat(profiles.of("Patient")).contains(JP_PATIENT);
        assertThat(profiles.of("Observation")).contains(CLINS_LAB);
    }

    @Test
    void startUpGoesOnWhileThePackagesAreStoredAndAReadOfPackageContentWaitsForTheStore() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        storing = () -> await(release);
        InstalledProfiles profiles = new InstalledProfiles();

        ImplementationGuideInstaller installer = start(Set.of(), profiles);

        assertThat(installer.storeState()).isEqualTo(ImplementationGuideInstaller.StoreState.UNDER_WAY);
        assertThat(profiles.of("Observation")).as("the CapabilityStatement's profiles are known before the store")
                .contains(CLINS_LAB);
        installer.onApplicationEvent(new ContextRefreshedEvent(new StaticApplicationContext(application)));
        Thread.sleep(300);
        assertThat(storeCalls).as("the store waits for the web server, not a child context").hasValue(0);
        installer.onApplicationEvent(new ContextRefreshedEvent(application));
        for (int i = 0; i < 100 && storeCalls.get() == 0; i++) {
            Thread.sleep(100);
        }
        assertThat(storeCalls).as("the store began with the web server").hasValue(1);
        AwaitingPackageCache gated = new AwaitingPackageCache(store(Set.of()), installer::awaitStored);
        CompletableFuture<IBaseResource> read = CompletableFuture.supplyAsync(
                () -> gated.loadPackageAssetByUrl(FhirVersionEnum.R4, JP_PATIENT));
        Thread.sleep(300);
        assertThat(read).as("a read of package content while the store is under way").isNotDone();
        assertThatThrownBy(() -> gated.loadPackageMetadata("jp-core.r4")).as("the package list does not wait")
                .isInstanceOf(ResourceNotFoundException.class);

        release.countDown();

        assertThat(read.get(10, TimeUnit.SECONDS)).extracting(r -> r.getIdElement().getIdPart()).isEqualTo("JP_Patient");
        assertThat(installer.storeState()).isEqualTo(ImplementationGuideInstaller.StoreState.DONE);
        assertThat(installs).hasSize(2);
        assertThat(cacheInvalidations).as("emptied before any waiting read goes on").hasValue(1);
    }

    @Test
    void aReadOfPackageContentBeforeTheWebServerOpensBeginsTheStore() throws Exception {
        ImplementationGuideInstaller installer = start(Set.of(), new InstalledProfiles());
        AwaitingPackageCache gated = new AwaitingPackageCache(store(Set.of()), installer::awaitStored);

        CompletableFuture<IBaseResource> read = CompletableFuture.supplyAsync(
                () -> gated.loadPackageAssetByUrl(FhirVersionEnum.R4, JP_PATIENT));

        assertThat(read.get(20, TimeUnit.SECONDS)).isNotNull();
        assertThat(installs).hasSize(2);
    }

    @Test
    void aStoreThatFailsMakesEveryReadOfPackageContentFailWithItsCause() {
        storing = () -> {
            throw new IllegalStateException("the database refused the package");
        };
        ImplementationGuideInstaller installer = start(Set.of(), new InstalledProfiles());
        AwaitingPackageCache gated = new AwaitingPackageCache(store(Set.of()), installer::awaitStored);

        assertThatThrownBy(() -> gated.loadPackageAssetByUrl(FhirVersionEnum.R4, JP_PATIENT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("could not be stored").hasMessageContaining("the database refused the package");
        assertThat(installer.storeState()).isEqualTo(ImplementationGuideInstaller.StoreState.FAILED);
        assertThat(cacheInvalidations).hasValue(0);
    }

    @Test
    void aStoreCutShortByTheShutdownIsNoFailure() {
        CountDownLatch closed = new CountDownLatch(1);
        storing = () -> {
            await(closed);
            throw new IllegalStateException("Session/EntityManager is closed");
        };
        ImplementationGuideInstaller installer = start(Set.of(), new InstalledProfiles());
        installer.onApplicationEvent(new ContextRefreshedEvent(application));

        installer.destroy();
        closed.countDown();

        assertThatThrownBy(installer::awaitStored).hasMessageContaining("shutting down");
        assertThat(installer.storeState()).isEqualTo(ImplementationGuideInstaller.StoreState.FAILED);
    }

    @Test
    void anUnreadablePackageStopsStartUp(@TempDir Path packages) throws IOException {
        Files.write(packages.resolve("broken.tgz"), new byte[] {0x1f, (byte) 0x8b, 1, 2, 3});

        assertThatThrownBy(() -> start(Set.of(), new InstalledProfiles(), packages))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("broken.tgz");
        assertThat(installs).isEmpty();
    }

    @Test
    void configuredToAwaitTheStoreStartUpGoesOnOnlyOnceThePackagesAreStored() {
        storing = () -> sleep(200);

        ImplementationGuideInstaller installer = start(Set.of(), new InstalledProfiles(), JP_FHIR, true);

        assertThat(installer.storeState()).isEqualTo(ImplementationGuideInstaller.StoreState.DONE);
        assertThat(installs).hasSize(2);
    }

    private ImplementationGuideInstaller start(Set<String> inStore, InstalledProfiles profiles) {
        return start(inStore, profiles, JP_FHIR);
    }

    private ImplementationGuideInstaller start(Set<String> inStore, InstalledProfiles profiles, Path packages) {
        return start(inStore, profiles, packages, false);
    }

    private ImplementationGuideInstaller start(Set<String> inStore, InstalledProfiles profiles, Path packages,
                                               boolean awaitStore) {
        ImplementationGuideInstaller installer = new ImplementationGuideInstaller(
                installer(),
                store(inStore),
                new FhirServerProperties(List.of(packages.toString()), 20, 200, "", true, awaitStore),
                new DaoRegistry() {
                    @Override
                    public IFhirResourceDao getResourceDao(String resourceType) {
                        return null;
                    }
                },
                validationSupport(), profiles);
        installer.setApplicationContext(application);
        installer.afterSingletonsInstantiated();
        return installer;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private IPackageInstallerSvc installer() {
        return (IPackageInstallerSvc) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {IPackageInstallerSvc.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("install")) {
                        throw new AssertionError("the installer is not expected to call " + method.getName());
                    }
                    storeCalls.incrementAndGet();
                    storing.run();
                    installs.add((PackageInstallationSpec) args[0]);
                    return null;
                });
    }

    /** The package store: which package names hold the file's version (and JP_Patient for a read of content). */
    private static IHapiPackageCacheManager store(Set<String> installedNames) {
        return (IHapiPackageCacheManager) Proxy.newProxyInstance(ImplementationGuideInstallerTest.class.getClassLoader(),
                new Class<?>[] {IHapiPackageCacheManager.class}, (proxy, method, args) -> {
                    if (method.getName().equals("loadPackageAssetByUrl") && JP_PATIENT.equals(args[1])) {
                        return new StructureDefinition().setUrl(JP_PATIENT).setId("JP_Patient");
                    }
                    if (!method.getName().equals("loadPackageMetadata")) {
                        throw new AssertionError("the installer is not expected to call " + method.getName());
                    }
                    String name = (String) args[0];
                    if (!installedNames.contains(name)) {
                        throw new ResourceNotFoundException(name);
                    }
                    NpmPackageMetadataJson metadata = new NpmPackageMetadataJson();
                    for (String version : List.of("1.1.2", "1.x.x-temp")) {
                        NpmPackageMetadataJson.Version entry = new NpmPackageMetadataJson.Version();
                        entry.setVersion(version);
                        metadata.addVersion(entry);
                    }
                    return metadata;
                });
    }

    private IValidationSupport validationSupport() {
        FhirContext fhir = FhirContext.forR4Cached();
        return (IValidationSupport) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {IValidationSupport.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "invalidateCaches" -> {
                        cacheInvalidations.incrementAndGet();
                        yield null;
                    }
                    case "getFhirContext" -> fhir;
                    default -> throw new AssertionError("the installer is not expected to call " + method.getName());
                });
    }
}
