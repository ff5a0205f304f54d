package jp.renkei.hub.gateway.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.model.ExpungeOptions;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Gives stored resources new IDs, in the caller's transaction: each is written under its new ID (source-record
 * identifiers keyed), every resource that referred to it is repointed, and the old one is deleted and expunged, so
 * that the old ID answers 404 and its history is gone (HAPI's expunge operation stays off for clients; the hub calls
 * it directly). Previous versions of the repointed resources keep the reference as it was.
 */
@Component
class ResourceRenames {

    private final DaoRegistry daos;
    private final FhirContext fhirContext;
    private final JdbcClient jdbc;
    private final IngestIds ids;

    ResourceRenames(DaoRegistry daos, JdbcClient jdbc, IngestIds ids) {
        this.daos = daos;
        this.fhirContext = daos.getFhirContext();
        this.jdbc = jdbc;
        this.ids = ids;
    }

    /**
     * @param renames old ID → new ID ({@code Type/id}), iterated in write order (a resource's reference targets
     *                first), e.g. a {@link java.util.LinkedHashMap}
     * @return the old IDs that were found and renamed (absent ones are skipped)
     */
    List<String> rename(Map<String, String> renames) {
        List<IdType> renamed = new ArrayList<>();
        renames.forEach((from, to) -> read(new IdType(from)).ifPresent(old -> {
            Resource copy = old.copy();
            copy.setId(new IdType(to));
            copy.getMeta().setVersionId(null).setLastUpdated(null);
            ItemReferences.repoint(fhirContext, copy, renames);
            ItemReferences.sealSourceIdentifiers(fhirContext, copy, ids);
            dao(copy.fhirType()).update(copy, new SystemRequestDetails());
            renamed.add(new IdType(from));
        }));
        for (IdType old : renamed) {
            for (IdType referrer : referrers(old)) {
                if (!renames.containsKey(referrer.getValue())) {
                    read(referrer).ifPresent(resource -> {
                        ItemReferences.repoint(fhirContext, resource, renames);
                        resource.setId(referrer);
                        dao(referrer.getResourceType()).update(resource, new SystemRequestDetails());
                    });
                }
            }
        }
        ExpungeOptions everything = new ExpungeOptions().setExpungeDeletedResources(true).setExpungeOldVersions(true);
        List<IdType> referrersFirst = new ArrayList<>(renamed);
        Collections.reverse(referrersFirst);
        for (IdType old : referrersFirst) {
            // Referrers first (reverse write order), so that referential integrity holds at every delete.
            dao(old.getResourceType()).delete(old, new SystemRequestDetails());
            dao(old.getResourceType()).forceExpungeInExistingTransaction(old, everything, new SystemRequestDetails());
        }
        return renamed.stream().map(IdType::getValue).toList();
    }

    /** Current resources whose indexed references point at {@code target} (HAPI's reference index). */
    private List<IdType> referrers(IdType target) {
        return jdbc.sql("""
                        SELECT DISTINCT source.res_type, source.fhir_id
                          FROM hfj_res_link link
                          JOIN hfj_resource targeted ON targeted.res_id = link.target_resource_id
                          JOIN hfj_resource source ON source.res_id = link.src_resource_id
                         WHERE targeted.res_type = ? AND targeted.fhir_id = ? AND source.res_deleted_at IS NULL""")
                .params(target.getResourceType(), target.getIdPart())
                .query((rs, n) -> new IdType(rs.getString(1), rs.getString(2))).list();
    }

    /** The current resource, or empty when it does not exist or is deleted. */
    Optional<Resource> read(IdType id) {
        try {
            return Optional.of((Resource) dao(id.getResourceType()).read(id.toUnqualifiedVersionless(),
                    new SystemRequestDetails()));
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return Optional.empty();
        }
    }

    @SuppressWarnings("unchecked")
    private IFhirResourceDao<IBaseResource> dao(String type) {
        return (IFhirResourceDao<IBaseResource>) daos.getResourceDao(type);
    }
}
