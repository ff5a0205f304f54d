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
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jp.renkei.hub.core.audit.AuditQuery;
import jp.renkei.hub.fhir.FhirServerProperties;
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
    public AuditEvent read(@IdParam IdType id) {
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
            @Offset Integer offset) {
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
}
