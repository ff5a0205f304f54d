package jp.renkei.hub.fhir;

import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import ca.uhn.fhir.util.FhirTerser;
import org.hl7.fhir.instance.model.api.IBase;

/**
 * HAPI's JPA CapabilityStatement with each resource's {@code supportedProfile} taken from {@link InstalledProfiles}
 * (the installed packages' indexes) instead of from the validation chain, which would parse every installed
 * StructureDefinition for it. HAPI reads nothing else from the chain here, so it gets none.
 */
class PackageProfilesCapabilityStatement extends JpaCapabilityStatementProvider {

    private final InstalledProfiles profiles;

    PackageProfilesCapabilityStatement(RestfulServer server, IFhirSystemDao<?, ?> systemDao,
                                       JpaStorageSettings storageSettings, ISearchParamRegistry searchParamRegistry,
                                       InstalledProfiles profiles) {
        super(server, systemDao, storageSettings, searchParamRegistry, null);
        this.profiles = profiles;
    }

    @Override
    protected void postProcessRestResource(FhirTerser terser, IBase resource, String resourceName) {
        super.postProcessRestResource(terser, resource, resourceName);
        for (String url : profiles.of(resourceName)) {
            terser.addElement(resource, "supportedProfile", url);
        }
    }
}
