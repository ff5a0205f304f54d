package jp.renkei.hub.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.packages.IHapiPackageCacheManager;
import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;
import ca.uhn.fhir.jpa.packages.NpmPackageMetadataJson;
import ca.uhn.fhir.jpa.packages.PackageInstallationSpec;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.junit.jupiter.api.Test;

/** The installer against fakes of HAPI's package store: what it stores, and what a restart still gets. */
class ImplementationGuideInstallerTest {

    private static final Path JP_FHIR = Path.of("../../shared/testdata/jp-fhir");
    private static final String JP_PATIENT = "http://jpfhir.jp/fhir/core/StructureDefinition/JP_Patient";
    private static final String CLINS_LAB = "http://jpfhir.jp/fhir/eCS/StructureDefinition/JP_Observation_LabResult_eCS";

    private final List<PackageInstallationSpec> installs = new ArrayList<>();
    private final AtomicInteger cacheInvalidations = new AtomicInteger();

    @Test
    void aFirstStartStoresThePackagesWithoutTheTwoCodeLoincAndListsTheirProfiles() throws IOException {
        InstalledProfiles profiles = new InstalledProfiles();

        start(Set.of(), profiles);

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

        start(Set.of("jp-core.r4", "jp-eCSCLINS.r4"), profiles);

        assertThat(installs).isEmpty();
        assertThat(profiles.of("Patient")).contains(JP_PATIENT);
        assertThat(profiles.of("Observation")).contains(CLINS_LAB);
    }

    private void start(Set<String> inStore, InstalledProfiles profiles) {
        ImplementationGuideInstaller installer = new ImplementationGuideInstaller(
                installer(),
                store(inStore),
                new FhirServerProperties(List.of(JP_FHIR.toString()), 20, 200, "", true),
                new DaoRegistry() {
                    @Override
                    public IFhirResourceDao getResourceDao(String resourceType) {
                        return null;
                    }
                },
                validationSupport(), profiles);
        installer.afterSingletonsInstantiated();
    }

    private IPackageInstallerSvc installer() {
        return (IPackageInstallerSvc) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {IPackageInstallerSvc.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("install")) {
                        throw new AssertionError("the installer is not expected to call " + method.getName());
                    }
                    installs.add((PackageInstallationSpec) args[0]);
                    return null;
                });
    }

    /** The package store: which package names hold the file's version. */
    private static IHapiPackageCacheManager store(Set<String> installedNames) {
        return (IHapiPackageCacheManager) Proxy.newProxyInstance(ImplementationGuideInstallerTest.class.getClassLoader(),
                new Class<?>[] {IHapiPackageCacheManager.class}, (proxy, method, args) -> {
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
