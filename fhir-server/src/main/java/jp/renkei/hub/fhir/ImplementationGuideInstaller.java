package jp.renkei.hub.fhir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.stereotype.Component;

/**
 * Installs the configured FHIR NPM packages (e.g. JP Core) into the JPA package cache, so that {@code $validate}
 * resolves their profiles. Dependencies are never fetched: the hub reaches no package registry, and
 * {@code hl7.fhir.r4.core} is built into HAPI.
 *
 * <p>A package CodeSystem that claims an international terminology's canonical URL with only a few of its codes
 * (JP-CLINS 1.5.2 declares {@code http://loinc.org} with two codes) is left out ({@link InternationalTerminologies}):
 * installed, it would make every other LOINC code an error.
 *
 * <p>A configured path that does not exist or is not a readable package stops start-up: running without a
 * profile the operator asked for would make validation silently weaker.
 *
 * <p>The work runs on a thread of its own from the moment this bean exists, beside the rest of the application
 * context's start, in two steps. <em>Reading</em> each package (its name, version and index, from which
 * {@link InstalledProfiles} takes the profiles the CapabilityStatement lists) takes a fraction of a second, and
 * {@link #afterSingletonsInstantiated} waits for it: an unreadable package stops start-up, and the first
 * {@code /fhir/metadata} lists every profile. <em>Storing</em> a package that is not yet in the store (HAPI parses,
 * re-encodes and stores every file of it: about 5 s of CPU for JP-CLINS) is not needed by the first request, and a
 * start-up uses both cores of a 2-core machine throughout: the store begins once the web server is open
 * ({@link ContextRefreshedEvent}), or earlier when something reads package content. Whatever reads package content
 * waits for the store ({@link AwaitingPackageCache}, through which the validation chain reads it), so a
 * {@code $validate} sent while the store is under way is answered, a few seconds later, against the complete
 * packages, never against half of them. A store that fails leaves those reads failing with the cause (never a weaker
 * validation) and is logged.
 * It is a scanned component (not one of {@code FhirServerConfig}'s imports) so that Spring makes it, and starts the
 * work, early: scanned components are made before the beans of imported configurations, and
 * {@link PackageInstallTrigger} makes it as soon as HAPI's entity manager factory exists.
 *
 * <p>On a restart a package already in the store costs reading the file and its index only: the international
 * terminologies' CodeSystems are left out (and the package packed again) only for an install.
 */
@Component
public class ImplementationGuideInstaller implements SmartInitializingSingleton,
        ApplicationListener<ContextRefreshedEvent>, ApplicationContextAware, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ImplementationGuideInstaller.class);

    private final IPackageInstallerSvc installer;
    private final IHapiPackageCacheManager packageCache;
    private final IValidationSupport validationSupport;
    private final InstalledProfiles profiles;
    /** Every package read (its profiles listed) and checked against the store. */
    private final CompletableFuture<Void> read = new CompletableFuture<>();
    /** The store may begin: the web server is open, or something reads package content, or start-up awaits it. */
    private final CompletableFuture<Void> storeMayBegin = new CompletableFuture<>();
    /** Every package in the store, and the validation chain's caches emptied of what was looked up before. */
    private final CompletableFuture<Void> stored = new CompletableFuture<>();
    private final Thread worker;
    private final boolean awaitStore;
    private ApplicationContext context;
    private volatile boolean closing;

    public ImplementationGuideInstaller(IPackageInstallerSvc installer, IHapiPackageCacheManager packageCache,
                                        FhirServerProperties properties, DaoRegistry daoRegistry,
                                        IValidationSupport validationSupport, InstalledProfiles profiles) {
        this.installer = installer;
        this.packageCache = packageCache;
        this.validationSupport = validationSupport;
        this.profiles = profiles;
        this.awaitStore = properties.awaitPackageStore();
        if (awaitStore) {
            storeMayBegin.complete(null);
        }
        List<Path> files = packageFiles(properties.igPackagePaths());
        if (files.isEmpty()) {
            read.complete(null);
            stored.complete(null);
            worker = null;
            return;
        }
        // HAPI creates its DAOs (and the resource-type table rows behind them) lazily on first use: done here on
        // the main thread, so that the install thread only uses beans that are complete.
        daoRegistry.getResourceDao("Binary");
        worker = new Thread(() -> work(files), "fhir-package-install");
        worker.setDaemon(true);
        worker.start();
    }

    private void work(List<Path> files) {
        log.info("Reading {} FHIR package(s) beside the rest of the start", files.size());
        List<PackageFile> toStore = new ArrayList<>();
        try {
            for (Path file : files) {
                read(file).ifPresent(toStore::add);
            }
            read.complete(null);
        } catch (Throwable e) {
            read.completeExceptionally(e);
            stored.completeExceptionally(e);
            return;
        }
        try {
            if (!toStore.isEmpty()) {
                storeMayBegin.join();
                log.info("Storing {} FHIR package(s): validation against them waits for this", toStore.size());
            }
            toStore.forEach(this::store);
            // Whatever the start looked up in the validation chain before the store is looked up again.
            validationSupport.invalidateCaches();
            stored.complete(null);
        } catch (Throwable e) {
            if (closing) {
                // HAPI stores a package in one transaction: the one under way is rolled back, stored again next time.
                log.info("The store of the FHIR packages was cut short by the shutdown; what was not stored is stored"
                        + " at the next start ({})", e.toString());
                stored.completeExceptionally(new IllegalStateException("The hub is shutting down", e));
                return;
            }
            log.error("The FHIR packages could not be stored: reading them (validation) fails until the hub is"
                    + " restarted", e);
            stored.completeExceptionally(new IllegalStateException(
                    "The configured FHIR packages could not be stored at start-up (" + e + ")", e));
        }
    }

    @Override
    public void afterSingletonsInstantiated() {
        join(awaitStore ? stored : read);
        warmUpFormats();
    }

    /** The web server is open: the store begins (the start-up's CPU is no longer needed for the first request). */
    @Override
    public void onApplicationEvent(ContextRefreshedEvent event) {
        // A child context's refresh reaches this listener too: only this application's own counts.
        if (event.getApplicationContext() == context) {
            storeMayBegin.complete(null);
        }
    }

    /** Called before HAPI's beans close (they are this bean's dependencies): a store cut short is no failure. */
    @Override
    public void destroy() {
        closing = true;
    }

    @Override
    public void setApplicationContext(ApplicationContext context) {
        this.context = context;
    }

    /**
     * Returns once every configured package is in the store (at once after that, and on the install's own thread),
     * beginning the store if it is still waiting for the web server; throws the store's failure if it failed.
     */
    public void awaitStored() {
        if (Thread.currentThread() != worker) {
            storeMayBegin.complete(null);
            join(stored);
        }
    }

    /** Where the store of the configured packages is. */
    public StoreState storeState() {
        if (!stored.isDone()) {
            return StoreState.UNDER_WAY;
        }
        return stored.isCompletedExceptionally() ? StoreState.FAILED : StoreState.DONE;
    }

    public enum StoreState { UNDER_WAY, DONE, FAILED }

    private static void join(CompletableFuture<Void> step) {
        try {
            step.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
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

    /** The package file read, its profiles listed; the package when it is not yet in the store. */
    private Optional<PackageFile> read(Path packageFile) {
        try {
            // Read once: parsed for its name, version and index, and stored as it is unless something is left out.
            byte[] contents = Files.readAllBytes(packageFile);
            NpmPackage npm = NpmPackage.fromPackage(new ByteArrayInputStream(contents));
            profiles.add(npm);
            if (isInstalled(npm.name(), npm.version())) {
                // A released package version never changes: what the store holds is what the file holds.
                log.info("FHIR package {}#{} already installed", npm.name(), npm.version());
                return Optional.empty();
            }
            return Optional.of(new PackageFile(npm, contents));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read FHIR package " + packageFile, e);
        }
    }

    private void store(PackageFile file) {
        long started = System.nanoTime();
        NpmPackage npm = file.npm();
        try {
            List<String> leftOut = InternationalTerminologies.leaveOut(npm);
            byte[] contents = leftOut.isEmpty() ? file.contents() : InternationalTerminologies.repacked(npm);
            if (!leftOut.isEmpty()) {
                log.info("FHIR package {}#{}: its CodeSystems {} claim an international terminology with a few of its"
                        + " codes and are left out", npm.name(), npm.version(), leftOut);
            }
            installer.install(new PackageInstallationSpec()
                    .setName(npm.name())
                    .setVersion(npm.version())
                    .setPackageContents(contents)
                    .setInstallMode(InstallModeEnum.STORE_ONLY)
                    .setFetchDependencies(false));
            log.info("FHIR package {}#{} available for validation ({} ms)",
                    npm.name(), npm.version(), (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store FHIR package " + npm.name() + "#" + npm.version(), e);
        }
    }

    private record PackageFile(NpmPackage npm, byte[] contents) {
    }

    private boolean isInstalled(String name, String version) {
        try {
            return packageCache.loadPackageMetadata(name).getVersions().containsKey(version);
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }
}
