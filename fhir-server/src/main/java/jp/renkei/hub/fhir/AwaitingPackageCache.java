package jp.renkei.hub.fhir;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import ca.uhn.fhir.context.FhirVersionEnum;
import ca.uhn.fhir.jpa.packages.FindPackageAssetRequest;
import ca.uhn.fhir.jpa.packages.IHapiPackageCacheManager;
import ca.uhn.fhir.jpa.packages.NpmPackageAssetInfoJson;
import ca.uhn.fhir.jpa.packages.NpmPackageMetadataJson;
import ca.uhn.fhir.jpa.packages.NpmPackageSearchResultJson;
import ca.uhn.fhir.jpa.packages.PackageDeleteOutcomeJson;
import ca.uhn.fhir.jpa.packages.PackageInstallationSpec;
import ca.uhn.fhir.jpa.packages.PackageSearchSpec;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.springframework.data.domain.PageRequest;

/**
 * HAPI's package store as the rest of the hub sees it: every read of package content (the validation chain's
 * profiles, ValueSets and CodeSystems, through HAPI's {@code NpmJpaValidationSupport}) first waits until the
 * configured packages are stored ({@link ImplementationGuideInstaller#awaitStored}), so that nothing is ever
 * validated against a package that is half stored, nor caches its absence. Writes and the package list pass straight
 * through: the installer itself uses them.
 */
final class AwaitingPackageCache implements IHapiPackageCacheManager {

    private final IHapiPackageCacheManager store;
    private final Runnable awaitStored;

    AwaitingPackageCache(IHapiPackageCacheManager store, Runnable awaitStored) {
        this.store = store;
        this.awaitStored = awaitStored;
    }

    @Override
    public IBaseResource loadPackageAssetByUrl(FhirVersionEnum fhirVersion, String canonicalUrl) {
        awaitStored.run();
        return store.loadPackageAssetByUrl(fhirVersion, canonicalUrl);
    }

    @Override
    public List<IBaseResource> loadPackageAssetsByUrl(FhirVersionEnum fhirVersion, String canonicalUrl,
                                                      PageRequest page) {
        awaitStored.run();
        return store.loadPackageAssetsByUrl(fhirVersion, canonicalUrl, page);
    }

    @Override
    public List<IBaseResource> loadPackageAssetsByType(FhirVersionEnum fhirVersion, String resourceType) {
        awaitStored.run();
        return store.loadPackageAssetsByType(fhirVersion, resourceType);
    }

    @Override
    public List<NpmPackageAssetInfoJson> findPackageAssetInfoByUrl(FhirVersionEnum fhirVersion, String canonicalUrl) {
        awaitStored.run();
        return store.findPackageAssetInfoByUrl(fhirVersion, canonicalUrl);
    }

    @Override
    public IBaseResource findPackageAsset(FindPackageAssetRequest request) {
        awaitStored.run();
        return store.findPackageAsset(request);
    }

    @Override
    public List<IBaseResource> findPackageAssets(FindPackageAssetRequest request) {
        awaitStored.run();
        return store.findPackageAssets(request);
    }

    @Override
    public PackageContents loadPackageContents(String packageId, String version) {
        awaitStored.run();
        return store.loadPackageContents(packageId, version);
    }

    @Override
    public NpmPackageSearchResultJson search(PackageSearchSpec spec) {
        awaitStored.run();
        return store.search(spec);
    }

    @Override
    public NpmPackage loadPackage(String id, String version) throws IOException {
        awaitStored.run();
        return store.loadPackage(id, version);
    }

    @Override
    public NpmPackage loadPackage(String idAndVersion) throws IOException {
        awaitStored.run();
        return store.loadPackage(idAndVersion);
    }

    @Override
    public String getPackageId(String canonical) throws IOException {
        return store.getPackageId(canonical);
    }

    @Override
    public String getPackageUrl(String packageId) throws IOException {
        return store.getPackageUrl(packageId);
    }

    @Override
    public NpmPackageMetadataJson loadPackageMetadata(String packageId) {
        return store.loadPackageMetadata(packageId);
    }

    @Override
    public NpmPackage installPackage(PackageInstallationSpec spec) throws IOException {
        return store.installPackage(spec);
    }

    @Override
    public NpmPackage addPackageToCache(String id, String version, InputStream tgz, String sourceDescription)
            throws IOException {
        return store.addPackageToCache(id, version, tgz, sourceDescription);
    }

    @Override
    public PackageDeleteOutcomeJson uninstallPackage(String packageId, String version) {
        return store.uninstallPackage(packageId, version);
    }
}
