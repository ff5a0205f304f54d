package jp.renkei.hub.core.audit;

import java.util.Set;
import java.util.UUID;

/** Audit entries for tests, each test marking its own with a unique value: the test database is shared. */
final class AuditEntries {

    private AuditEntries() {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    static AuditEntry read(String actorId, String patientRef) {
        return new AuditEntry("PERSON", actorId, "fac-0101", Set.of("NURSE", "DOCTOR"), patientRef,
                AuditAction.READ, "GET /fhir/Observation/42", AuditOutcome.SUCCESS, 200,
                "TREAT", "192.0.2.10", null);
    }

    static AuditEntry of(String actorId, String facilityId, String patientRef, AuditAction action, AuditOutcome outcome) {
        return new AuditEntry("PERSON", actorId, facilityId, Set.of("DOCTOR"), patientRef, action,
                "GET /fhir/Patient", outcome, outcome == AuditOutcome.SUCCESS ? 200 : 403, null, "192.0.2.11",
                outcome == AuditOutcome.SUCCESS ? null : "no consent");
    }
}
