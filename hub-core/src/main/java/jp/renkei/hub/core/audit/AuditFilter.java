package jp.renkei.hub.core.audit;

import java.time.Instant;
import java.util.Set;

/**
 * Which events a search of the trail returns; a {@code null} or empty criterion matches every event.
 *
 * @param from        recorded at or after this instant
 * @param to          recorded before this instant
 * @param patientRefs concerning any of these patients (as stored, e.g. {@code Patient/123} or an event number)
 * @param outcomes    ending in any of these outcomes
 */
public record AuditFilter(
        Instant from, Instant to, String actorId, String facilityId, Set<String> patientRefs, AuditAction action,
        Set<AuditOutcome> outcomes) {

    public AuditFilter {
        patientRefs = patientRefs == null ? Set.of() : Set.copyOf(patientRefs);
        outcomes = outcomes == null ? Set.of() : Set.copyOf(outcomes);
    }

    /** Every event. */
    public static AuditFilter any() {
        return new AuditFilter(null, null, null, null, Set.of(), null, Set.of());
    }

    public AuditFilter withFrom(Instant value) {
        return new AuditFilter(value, to, actorId, facilityId, patientRefs, action, outcomes);
    }

    public AuditFilter withTo(Instant value) {
        return new AuditFilter(from, value, actorId, facilityId, patientRefs, action, outcomes);
    }

    public AuditFilter withActorId(String value) {
        return new AuditFilter(from, to, value, facilityId, patientRefs, action, outcomes);
    }

    public AuditFilter withFacilityId(String value) {
        return new AuditFilter(from, to, actorId, value, patientRefs, action, outcomes);
    }

    /** Concerning this one patient; {@code null} for any patient. */
    public AuditFilter withPatientRef(String value) {
        return withPatientRefs(value == null ? Set.of() : Set.of(value));
    }

    public AuditFilter withPatientRefs(Set<String> values) {
        return new AuditFilter(from, to, actorId, facilityId, values, action, outcomes);
    }

    public AuditFilter withAction(AuditAction value) {
        return new AuditFilter(from, to, actorId, facilityId, patientRefs, value, outcomes);
    }

    public AuditFilter withOutcomes(Set<AuditOutcome> values) {
        return new AuditFilter(from, to, actorId, facilityId, patientRefs, action, values);
    }
}
