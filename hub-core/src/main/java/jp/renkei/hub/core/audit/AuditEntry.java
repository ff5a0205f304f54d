package jp.renkei.hub.core.audit;

import java.util.Set;

/**
 * One event for the audit trail, as the caller knows it. The trail adds sequence number, time and hashes.
 *
 * @param actorKind   PERSON, SYSTEM or ANONYMOUS
 * @param actorId     the person's or device's hub ID; for a failed login, the login name tried
 * @param facilityId  the acting facility, if known
 * @param roles       the roles the actor acted with
 * @param patientRef  the patient concerned, if any (e.g. {@code Patient/123} or an event number)
 * @param action      what was attempted
 * @param resource    what it was attempted on (HTTP method and path, FHIR type, admin object)
 * @param outcome     how it ended
 * @param status      HTTP status or 0 when there is none
 * @param purpose     purpose of use (e.g. TREAT), if given
 * @param sourceIp    the client's address
 * @param detail      a short explanation (reason for a denial, what changed)
 */
public record AuditEntry(
        String actorKind, String actorId, String facilityId, Set<String> roles, String patientRef,
        AuditAction action, String resource, AuditOutcome outcome, int status,
        String purpose, String sourceIp, String detail) {

    public AuditEntry {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }
}
