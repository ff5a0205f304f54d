package jp.renkei.hub.fhir;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the FHIR endpoint ({@code renkei.fhir.*}).
 *
 * @param igPackages      FHIR NPM package files ({@code .tgz}) or directories holding them, installed at start-up
 *                        so that their profiles are available to {@code $validate}; never embedded in the product
 * @param defaultPageSize search page size when the client does not ask for one
 * @param maxPageSize     upper bound on {@code _count}
 * @param serverAddress   the public base URL written into bundles; empty means "derived from each request"
 * @param unloggedSearchCache HAPI's search cache (paging) in PostgreSQL unlogged tables: searches wait for no WAL
 *                        flush; see {@link SearchCacheTables}
 * @param awaitPackageStore  whether the web server opens only once the packages are stored (by default it opens
 *                        as soon as they are read, and reads of package content wait for the store; see
 *                        {@link ImplementationGuideInstaller}); the AOT cache's training start sets it, so that the
 *                        cache covers the store
 */
@ConfigurationProperties("renkei.fhir")
public record FhirServerProperties(
        @DefaultValue List<String> igPackages,
        @DefaultValue("20") int defaultPageSize,
        @DefaultValue("200") int maxPageSize,
        @DefaultValue("") String serverAddress,
        @DefaultValue("true") boolean unloggedSearchCache,
        @DefaultValue("false") boolean awaitPackageStore) {

    /** Package locations as file-system paths, relative to the working directory (not classpath resources). */
    public List<Path> igPackagePaths() {
        return igPackages.stream().filter(p -> !p.isBlank()).map(String::trim).map(Path::of).toList();
    }
}
