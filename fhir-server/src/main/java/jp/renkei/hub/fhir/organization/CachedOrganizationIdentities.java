package jp.renkei.hub.fhir.organization;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.api.svc.ResolveIdentityMode;
import ca.uhn.fhir.jpa.dao.index.IdHelperService;
import ca.uhn.fhir.jpa.model.cross.IResourceLookup;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import org.hl7.fhir.instance.model.api.IIdType;

/**
 * HAPI's resolution of FHIR IDs to database keys, from HAPI's in-memory cache for Organizations.
 *
 * <p>Every bundle a gateway sends names its Organization ({@link OrganizationMatchUrls} turns the identifier into
 * {@code Organization/<id>}), and HAPI (8.8) resolves that ID with a database query per bundle: with deletes enabled
 * it trusts its cache of ID look-ups for no resource type, since a cached look-up would not see a later delete.
 * The query, built through the Criteria API each time, was about 6 % of a write's request-thread CPU. Organizations
 * are the hub's registry: the FHIR API offers them read-only to every requester ({@code docs/security.md}) and the
 * hub's own synchronisation updates them, never deletes them; an ID's database key never changes. So an
 * Organization's look-up may come from HAPI's cache (filled by HAPI's own queries; the deleted flag it holds is still
 * checked as the caller asks). Every other type resolves as HAPI does.
 */
public class CachedOrganizationIdentities extends IdHelperService {

    /** HAPI's bean ({@code JpaConfig#idHelperService}). */
    public static final String BEAN = "idHelperService";

    @Override
    public Map<IIdType, IResourceLookup<JpaPid>> resolveResourceIdentities(RequestPartitionId partition,
                                                                         Collection<IIdType> ids,
                                                                         ResolveIdentityMode mode) {
        if (mode.isUseCache(true)) {
            return super.resolveResourceIdentities(partition, ids, mode);
        }
        List<IIdType> organizations = new ArrayList<>();
        List<IIdType> others = new ArrayList<>(ids.size());
        for (IIdType id : ids) {
            (isOrganization(id) ? organizations : others).add(id);
        }
        if (organizations.isEmpty()) {
            return super.resolveResourceIdentities(partition, ids, mode);
        }
        Map<IIdType, IResourceLookup<JpaPid>> resolved =
                new HashMap<>(super.resolveResourceIdentities(partition, organizations, cacheOk(mode)));
        if (!others.isEmpty()) {
            resolved.putAll(super.resolveResourceIdentities(partition, others, mode));
        }
        return resolved;
    }

    private static boolean isOrganization(IIdType id) {
        return "Organization".equals(id.getResourceType());
    }

    /** The same treatment of deleted resources, with HAPI's cache allowed. */
    static ResolveIdentityMode cacheOk(ResolveIdentityMode mode) {
        if (mode.isFailOnDeleted()) {
            return ResolveIdentityMode.failOnDeleted().cacheOk();
        }
        return mode.isIncludeDeleted()
                ? ResolveIdentityMode.includeDeleted().cacheOk()
                : ResolveIdentityMode.excludeDeleted().cacheOk();
    }
}
