package jp.renkei.hub.fhir.audit;

import java.util.List;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jp.renkei.hub.core.audit.AuditQuery;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.fhir.FhirServerProperties;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import jp.renkei.hub.fhir.access.FhirRequesters;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;

/**
 * {@code AuditEvent} at {@code /fhir}: a read-only view of the hub's audit trail, the only source of audit
 * events (none are ever written through FHIR). Read by sequence number; search by date, agent, patient and
 * outcome, newest first, paged with {@code _count} and {@code _offset}.
 */
public class AuditEventResourceProvider implements IResourceProvider {

    private final AuditQuery query;
    private final FhirServerProperties properties;
    private final AuditEventMapper mapper = new AuditEventMapper();

    public AuditEventResourceProvider(AuditQuery query, FhirServerProperties properties) {
        this.query = query;
        this.properties = properties;
    }

    @Override
    public Class<AuditEvent> getResourceType() {
        return AuditEvent.class;
    }

    @Read
    public AuditEvent read(@IdParam IdType id, RequestDetails request) {
        requireHubAdministrator(request);
        if (!id.isIdPartValidLong()) {
            throw new ResourceNotFoundException(id);
        }
        return query.find(id.getIdPartAsLong()).map(mapper::toFhir).orElseThrow(() -> new ResourceNotFoundException(id));
    }

    @Search
    public List<AuditEvent> search(
            @OptionalParam(name = AuditEvent.SP_DATE) DateRangeParam date,
            @OptionalParam(name = AuditEvent.SP_AGENT) ReferenceParam agent,
            @OptionalParam(name = AuditEvent.SP_PATIENT) ReferenceParam patient,
            @OptionalParam(name = AuditEvent.SP_OUTCOME) TokenParam outcome,
            @Count Integer count,
            @Offset Integer offset,
            RequestDetails request) {
        requireHubAdministrator(request);
        if (offset != null && offset < 0) {
            throw new InvalidRequestException("_offset must not be negative");
        }
        if (count != null && count < 1) {
            return List.of();
        }
        // The same page size HAPI cuts the answer to, so that no fetched event is thrown away.
        int limit = Math.min(count == null ? properties.defaultPageSize() : Math.min(count, properties.maxPageSize()),
                AuditQuery.MAX_LIMIT);
        return AuditEventSearch.filter(date, agent, patient, outcome)
                .map(filter -> query.search(filter, limit, offset == null ? 0 : offset))
                .orElse(List.of())
                .stream()
                .map(mapper::toFhir)
                .toList();
    }

    /**
     * The HTTP rules guard the /fhir/AuditEvent paths; this also covers the same reads and searches reached
     * inside a batch or transaction Bundle posted to /fhir, which those rules cannot see.
     */
    private static void requireHubAdministrator(RequestDetails request) {
        boolean hubAdmin = FhirRequesters.of(request).map(r -> r.has(HubRole.HUB_ADMIN)).orElse(false);
        if (!hubAdmin) {
            throw new ForbiddenOperationException("The audit trail is for hub administrators only");
        }
    }
}
