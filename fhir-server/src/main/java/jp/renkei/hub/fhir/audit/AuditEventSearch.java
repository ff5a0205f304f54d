package jp.renkei.hub.fhir.audit;

import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jp.renkei.hub.core.audit.AuditFilter;
import jp.renkei.hub.core.audit.AuditOutcome;
import org.apache.commons.lang3.StringUtils;

/** Turns the FHIR search parameters of {@code AuditEvent} into a search of the hub's audit trail. */
final class AuditEventSearch {

    private AuditEventSearch() {
    }

    /**
     * The filter for these parameters (each may be {@code null}), or empty when no event can match them,
     * e.g. {@code outcome=12}, which the hub never records.
     *
     * @throws InvalidRequestException for a parameter the audit trail cannot answer
     */
    static Optional<AuditFilter> filter(DateRangeParam date, ReferenceParam agent, ReferenceParam patient, TokenParam outcome) {
        AuditFilter filter = AuditFilter.any();
        if (date != null) {
            filter = filter.withFrom(instant(date.getLowerBoundAsInstant(), 0))
                    // HAPI's upper bound is the last millisecond included; the trail's "to" is exclusive.
                    .withTo(instant(date.getUpperBoundAsInstant(), 1));
        }
        if (agent != null) {
            unchained("agent", agent);
            // The actor's hub ID, bare or as a reference (Practitioner/dr-1).
            filter = filter.withActorId(agent.getIdPart());
        }
        if (patient != null) {
            unchained("patient", patient);
            // patient=123 means Patient/123 in FHIR; the trail also holds bare event numbers.
            String value = patient.getValue();
            filter = filter.withPatientRefs(value.contains("/") ? Set.of(value) : Set.of("Patient/" + value, value));
        }
        if (outcome != null && StringUtils.isNotBlank(outcome.getValue())) {
            Set<AuditOutcome> outcomes = outcomes(outcome.getValue());
            if (outcomes.isEmpty()) {
                return Optional.empty();
            }
            filter = filter.withOutcomes(outcomes);
        }
        return Optional.of(filter);
    }

    private static Set<AuditOutcome> outcomes(String code) {
        Set<String> known = Set.of("0", "4", "8", "12");
        if (!known.contains(code)) {
            throw new InvalidRequestException("outcome: '" + code + "' is not one of 0, 4, 8, 12");
        }
        return Arrays.stream(AuditOutcome.values())
                .filter(o -> AuditEventMapper.outcome(o).toCode().equals(code))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(AuditOutcome.class)));
    }

    private static void unchained(String name, ReferenceParam param) {
        if (StringUtils.isNotBlank(param.getChain())) {
            throw new InvalidRequestException(name + ": chained search (" + name + "." + param.getChain()
                    + ") is not supported for AuditEvent");
        }
        if (StringUtils.isBlank(param.getValue())) {
            throw new InvalidRequestException(name + ": a value is required");
        }
    }

    private static Instant instant(Date bound, long plusMillis) {
        return bound == null ? null : bound.toInstant().plusMillis(plusMillis);
    }
}
