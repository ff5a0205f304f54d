package jp.renkei.hub.fhir.consent;

import java.util.Optional;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * Reads the store as the hub, for the rules that must look at a resource before deciding what the requester may
 * do with it. What is read here is never shown: it only feeds a decision.
 */
@Component
public class HubReads {

    private final DaoRegistry daos;
    private final DeletedVersions deletedVersions;

    public HubReads(DaoRegistry daos) {
        this.daos = daos;
        this.deletedVersions = new DeletedVersions(this::version);
    }

    /** The current version of {@code type/id}, a deletion stub included; empty when there is no such resource. */
    public Optional<Resource> current(String type, String id) {
        if (!daos.isResourceTypeSupported(type)) {
            return Optional.empty();
        }
        try {
            IBaseResource found = daos.getResourceDao(type).read(new IdType(type, id), new SystemRequestDetails(), true);
            return found instanceof Resource resource ? Optional.of(resource) : Optional.empty();
        } catch (BaseServerResponseException absentOrMalformed) {
            return Optional.empty();
        }
    }

    public Optional<IBaseResource> version(IdType versionedId) {
        try {
            return Optional.ofNullable(daos.getResourceDao(versionedId.getResourceType())
                    .read(versionedId, new SystemRequestDetails(), true));
        } catch (BaseServerResponseException unreadable) {
            return Optional.empty();
        }
    }

    public DeletedVersions deletedVersions() {
        return deletedVersions;
    }
}
