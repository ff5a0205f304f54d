package jp.renkei.hub.core.audit;

import java.util.List;

/**
 * The result of checking the trail's hash chain.
 *
 * @param rowsChecked how many rows were re-hashed
 * @param violations  what was found wrong, in sequence order; at most
 *                    {@link AuditVerifier#MAX_LISTED_VIOLATIONS} are listed
 */
public record AuditVerification(long rowsChecked, List<AuditViolation> violations) {

    public AuditVerification {
        violations = List.copyOf(violations);
    }

    public boolean ok() {
        return violations.isEmpty();
    }
}
