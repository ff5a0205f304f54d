package jp.renkei.hub.fhir.consent;

import java.util.Optional;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Deletions in a history and deleted instances: an empty stub that still names the resource. It is shown to
 * whoever may see the version before the deletion, and changed only by whoever owned that version; so every
 * decision about a stub is made on that version.
 */
public final class DeletedVersions {

    /** Reads one version of a resource as the hub, or empty when it cannot be read. */
    @FunctionalInterface
    public interface VersionReader {
        Optional<IBaseResource> read(IdType versionedId);
    }

    private final VersionReader reader;

    public DeletedVersions(VersionReader reader) {
        this.reader = reader;
    }

    public static boolean isDeleted(Resource resource) {
        return ResourceMetadataKeyEnum.DELETED_AT.get(resource) != null;
    }

    /** The version before {@code deleted}'s deletion, if there is a readable one that is not itself a deletion. */
    public Optional<Resource> before(Resource deleted) {
        IdType id = deleted.getIdElement();
        if (!id.hasVersionIdPart() || !id.isVersionIdPartValidLong() || id.getVersionIdPartAsLong() < 2) {
            return Optional.empty();
        }
        IdType previous = new IdType(deleted.fhirType(), id.getIdPart(), String.valueOf(id.getVersionIdPartAsLong() - 1));
        return reader.read(previous)
                .filter(Resource.class::isInstance)
                .map(Resource.class::cast)
                .filter(resource -> !isDeleted(resource));
    }

    /** The resource to decide on: {@code resource} itself, or for a deletion the version before it. */
    public Optional<Resource> decisive(Resource resource) {
        return isDeleted(resource) ? before(resource) : Optional.of(resource);
    }
}
