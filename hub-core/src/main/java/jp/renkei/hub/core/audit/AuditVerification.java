package jp.renkei.hub.core.audit;

import java.util.List;

/**
 * The result of checking the trail's hash chain.
 *
 * @param rowsChecked how many rows were re-hashed
 * @param violations  what was found wrong, in sequence order; at most
 *                    {@link AuditVerifier#MAX_LISTED_VIOLATIONS} are listed
 * @param pending     events committed with their request's data and not yet chained when checked: not part of
 *                    the chain yet (so neither checked nor a violation); the appender chains them within moments
 */
public record AuditVerification(long rowsChecked, List<AuditViolation> violations, long pending) {

    public AuditVerification {
        violations = List.copyOf(violations);
    }

    /** A result with nothing pending. */
    public AuditVerification(long rowsChecked, List<AuditViolation> violations) {
        this(rowsChecked, violations, 0);
    }

    public boolean ok() {
        return violations.isEmpty();
    }
}
