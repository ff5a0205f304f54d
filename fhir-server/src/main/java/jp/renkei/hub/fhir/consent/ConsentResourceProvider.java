package jp.renkei.hub.fhir.consent;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jp.renkei.hub.consent.ConsentRecord;
import jp.renkei.hub.consent.ConsentRegistry;
import jp.renkei.hub.consent.ConsentVersion;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.web.ApiException;
import jp.renkei.hub.fhir.HubSystems;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import jp.renkei.hub.fhir.access.FhirRequesters;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.stereotype.Component;

/**
 * The consent registry as read-only FHIR {@code Consent} resources: read (and vread of earlier versions) by
 * consent ID, and search by the patient's event number ({@code Consent?patient.identifier=<event-number
 * system>|<number>}). Consents are recorded and changed through the registry's API, never through FHIR; the
 * registry decides who may read them (a facility that has the patient linked) and audits each read.
 */
@Component
public class ConsentResourceProvider implements IResourceProvider {

    private final ConsentRegistry registry;
    private final Clock clock;

    public ConsentResourceProvider(ConsentRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public Class<Consent> getResourceType() {
        return Consent.class;
    }

    @Read(version = true)
    public Consent read(@IdParam IdType id, RequestDetails request) {
        UUID consentId;
        try {
            consentId = UUID.fromString(id.getIdPart());
        } catch (IllegalArgumentException e) {
            throw new ResourceNotFoundException(id);
        }
        ConsentRecord record = call(() -> registry.consent(consentId, principal(request)));
        ConsentVersion version = record.current();
        if (id.hasVersionIdPart()) {
            version = record.versions().stream()
                    .filter(v -> Integer.toString(v.version()).equals(id.getVersionIdPart()))
                    .findFirst().orElseThrow(() -> new ResourceNotFoundException(id));
        }
        return ConsentResourceMapper.toFhir(record, version, clock.instant());
    }

    @Search
    public List<Consent> byPatient(
            @RequiredParam(name = Consent.SP_PATIENT, chainWhitelist = {"identifier"}) ReferenceParam patient,
            RequestDetails request) {
        String value = patient.getValue();
        String prefix = HubSystems.EVENT_NUMBER + "|";
        if (!"identifier".equals(patient.getChain()) || value == null || !value.startsWith(prefix)) {
            throw new InvalidRequestException("Search consents by the patient's event number: "
                    + "Consent?patient.identifier=" + prefix + "<number>");
        }
        String number = value.substring(prefix.length());
        return call(() -> registry.consentsOf(number, principal(request))).stream()
                .map(record -> ConsentResourceMapper.toFhir(record, record.current(), clock.instant()))
                .toList();
    }

    private static HubPrincipal principal(RequestDetails request) {
        return FhirRequesters.of(request).map(jp.renkei.hub.core.security.Requester::principal)
                .orElseThrow(() -> new AuthenticationException("Consents are shown to authenticated facilities only"));
    }

    /** The registry answers refusals as ApiException (problem+json on its REST API); FHIR wants its own. */
    private static <T> T call(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (ApiException e) {
            switch (e.status()) {
                case FORBIDDEN -> throw new ForbiddenOperationException(e.getMessage());
                case NOT_FOUND -> throw new ResourceNotFoundException(e.getMessage());
                default -> throw new InvalidRequestException(e.getMessage());
            }
        }
    }
}
