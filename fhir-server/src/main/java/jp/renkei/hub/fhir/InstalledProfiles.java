package jp.renkei.hub.fhir;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.springframework.stereotype.Component;

/**
 * The resource profiles of the installed FHIR packages, per resource type, as the CapabilityStatement lists them
 * ({@code rest.resource.supportedProfile}). Taken from each package's index (a profile's URL, type and derivation),
 * which {@link ImplementationGuideInstaller} reads on every start anyway: HAPI's own list parses every
 * StructureDefinition of every package back from the package store (seconds of a start-up, and the first
 * {@code /fhir/metadata} waited for it).
 */
@Component
public class InstalledProfiles {

    private final Set<String> resourceTypes;
    private final Map<String, SortedSet<String>> byType = new ConcurrentHashMap<>();

    public InstalledProfiles() {
        this.resourceTypes = FhirContext.forR4Cached().getResourceTypes();
    }

    /** Adds the package's constraints on resource types (not its extensions, data types or logical models). */
    void add(NpmPackage npm) throws IOException {
        for (NpmPackage.PackageResourceInformation entry : npm.listIndexedResources("StructureDefinition")) {
            String type = entry.getStatedType();
            if (entry.getUrl() != null && "constraint".equals(entry.getDerivation()) && resourceTypes.contains(type)) {
                byType.computeIfAbsent(type, t -> new TreeSet<>()).add(entry.getUrl());
            }
        }
    }

    /** The profiles on this resource type, sorted by URL; none when no package constrains it. */
    public List<String> of(String resourceType) {
        SortedSet<String> urls = byType.get(resourceType);
        return urls == null ? List.of() : List.copyOf(urls);
    }
}
