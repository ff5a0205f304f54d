package jp.renkei.hub.fhir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.packages.IHapiPackageCacheManager;
import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;
import ca.uhn.fhir.jpa.packages.PackageInstallationSpec;
import ca.uhn.fhir.jpa.packages.PackageInstallationSpec.InstallModeEnum;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Installs the configured FHIR NPM packages (e.g. JP Core) into the JPA package cache before the server
 * takes requests, so that {@code $validate} resolves their profiles. Dependencies are never fetched: the
 * hub reaches no package registry, and {@code hl7.fhir.r4.core} is built into HAPI.
 *
 * <p>A package CodeSystem that claims an international terminology's canonical URL with only a few of its codes
 * (JP-CLINS 1.5.2 declares {@code http://loinc.org} with two codes) is left out ({@link InternationalTerminologies}):
 * installed, it would make every other LOINC code an error.
 *
 * <p>A configured path that does not exist or is not a readable package stops start-up: running without a
 * profile the operator asked for would make validation silently weaker.
 *
 * <p>The install (HAPI parses, re-encodes and stores every file of the package: about a quarter of a first
 * start-up's main thread) runs on a thread of its own from the moment this bean exists, beside the rest of the
 * application context's start, and {@link #afterSingletonsInstantiated} waits for it: the web server opens only
 * after the packages are in the store, so the first {@code /fhir/metadata} (whose supported profiles come from
 * them) and the first {@code $validate} see them, and a failed install still stops start-up. It is a scanned
 * component (not one of {@code FhirServerConfig}'s imports) so that Spring makes it, and starts the install, early:
 * scanned components are made before the beans of imported configurations, and {@link PackageInstallTrigger} makes it
 * as soon as HAPI's entity manager factory exists. The profiles the CapabilityStatement lists are taken from each
 * package's index on the way ({@link InstalledProfiles}), so the first {@code /fhir/metadata} parses none of them.
 *
 * <p>On a restart a package already in the store costs reading the file and its index only: the international
 * terminologies' CodeSystems are left out (and the package packed again) only for an install.
 */
@Component
public class ImplementationGuideInstaller implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ImplementationGuideInstaller.class);

    private final IPackageInstallerSvc installer;
    private final IHapiPackageCacheManager packageCache;
    private final IValidationSupport validationSupport;
    private final InstalledProfiles profiles;
    private final CompletableFuture<Void> installed;

    public ImplementationGuideInstaller(IPackageInstallerSvc installer, IHapiPackageCacheManager packageCache,
                                        FhirServerProperties properties, DaoRegistry daoRegistry,
                                        IValidationSupport validationSupport, InstalledProfiles profiles) {
        this.installer = installer;
        this.packageCache = packageCache;
        this.validationSupport = validationSupport;
        this.profiles = profiles;
        List<Path> files = packageFiles(properties.igPackagePaths());
        if (files.isEmpty()) {
            installed = CompletableFuture.completedFuture(null);
            return;
        }
        // HAPI creates its DAOs (and the resource-type table rows behind them) lazily on first use: done here on
        // the main thread, so that the install thread only uses beans that are complete.
        daoRegistry.getResourceDao("Binary");
        installed = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            log.info("Installing {} FHIR package(s) beside the rest of the start", files.size());
            try {
                files.forEach(this::install);
                installed.complete(null);
            } catch (Throwable e) {
                installed.completeExceptionally(e);
            }
        }, "fhir-package-install");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void afterSingletonsInstantiated() {
        try {
            installed.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
        // Whatever the rest of the start looked up in the validation chain while the install ran is looked up again.
        validationSupport.invalidateCaches();
        warmUpFormats();
    }

    /**
     * The first {@code /fhir/metadata} names the formats, for which HAPI looks for its RDF parser's libraries (a class
     * search of a few hundred milliseconds): done here on a thread of its own while the web server starts.
     */
    private void warmUpFormats() {
        Thread thread = new Thread(() -> validationSupport.getFhirContext().isFormatRdfSupported(),
                "fhir-format-warmup");
        thread.setDaemon(true);
        thread.start();
    }

    static List<Path> packageFiles(List<Path> configured) {
        List<Path> files = new ArrayList<>();
        for (Path path : configured) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> entries = Files.list(path)) {
                    entries.filter(p -> p.getFileName().toString().endsWith(".tgz")).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot list FHIR package directory " + path, e);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new IllegalStateException("Configured FHIR package " + path.toAbsolutePath()
                        + " does not exist (renkei.fhir.ig-packages)");
            }
        }
        return files;
    }

    private void install(Path packageFile) {
        long started = System.nanoTime();
        try {
            // Read once: parsed for its name, version and index, and stored as it is unless something is left out.
            byte[] contents = Files.readAllBytes(packageFile);
            NpmPackage npm = NpmPackage.fromPackage(new ByteArrayInputStream(contents));
            profiles.add(npm);
            if (isInstalled(npm.name(), npm.version())) {
                // A released package version never changes: what the store holds is what the file holds.
                log.info("FHIR package {}#{} already installed", npm.name(), npm.version());
                return;
            }
            List<String> leftOut = InternationalTerminologies.leaveOut(npm);
            if (!leftOut.isEmpty()) {
                contents = InternationalTerminologies.repacked(npm);
                log.info("FHIR package {}#{}: its CodeSystems {} claim an international terminology with a few of its"
                        + " codes and are left out", npm.name(), npm.version(), leftOut);
            }
            installer.install(new PackageInstallationSpec()
                    .setName(npm.name())
                    .setVersion(npm.version())
                    .setPackageContents(contents)
                    .setInstallMode(InstallModeEnum.STORE_ONLY)
                    .setFetchDependencies(false));
            log.info("FHIR package {}#{} available for validation ({} ms, from {})",
                    npm.name(), npm.version(), (System.nanoTime() - started) / 1_000_000, packageFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read FHIR package " + packageFile, e);
        }
    }

    private boolean isInstalled(String name, String version) {
        try {
            return packageCache.loadPackageMetadata(name).getVersions().containsKey(version);
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }
}
