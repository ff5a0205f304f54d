package jp.renkei.hub.core.audit;

import java.time.Instant;
import java.util.Set;

/**
 * Which events a search of the trail returns; a {@code null} (or empty) criterion matches every event.
 *
 * @param from       recorded at or after this instant
 * @param to         recorded before this instant
 * @param outcomes   any of these outcomes
 */
public record AuditFilter(
        Instant from, Instant to, String actorId, String facilityId, String patientRef, AuditAction action,
        Set<AuditOutcome> outcomes) {

    public AuditFilter {
        outcomes = outcomes == null || outcomes.isEmpty() ? Set.of() : Set.copyOf(outcomes);
    }

    /** Every event. */
    public static AuditFilter any() {
        return new AuditFilter(null, null, null, null, null, null, Set.of());
    }

    public AuditFilter withFrom(Instant value) {
        return new AuditFilter(value, to, actorId, facilityId, patientRef, action, outcomes);
    }

    public AuditFilter withTo(Instant value) {
        return new AuditFilter(from, value, actorId, facilityId, patientRef, action, outcomes);
    }

    public AuditFilter withActorId(String value) {
        return new AuditFilter(from, to, value, facilityId, patientRef, action, outcomes);
    }

    public AuditFilter withFacilityId(String value) {
        return new AuditFilter(from, to, actorId, value, patientRef, action, outcomes);
    }

    public AuditFilter withPatientRef(String value) {
        return new AuditFilter(from, to, actorId, facilityId, value, action, outcomes);
    }

    public AuditFilter withAction(AuditAction value) {
        return new AuditFilter(from, to, actorId, facilityId, patientRef, value, outcomes);
    }

    public AuditFilter withOutcomes(Set<AuditOutcome> values) {
        return new AuditFilter(from, to, actorId, facilityId, patientRef, action, values);
    }
}
