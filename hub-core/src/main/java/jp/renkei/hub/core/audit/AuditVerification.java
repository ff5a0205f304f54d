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
 * @param anchorsChecked  signed anchors (outside the database) compared with the rows they name
 * @param lastAnchoredSeq the highest row a valid anchor names, 0 when none: rows after it are covered by no anchor
 *                        yet, so cutting them off would not be noticed
 */
public record AuditVerification(long rowsChecked, List<AuditViolation> violations, long pending, long anchorsChecked,
                                long lastAnchoredSeq) {

    public AuditVerification {
        violations = List.copyOf(violations);
    }

    /** A result without anchors. */
    public AuditVerification(long rowsChecked, List<AuditViolation> violations, long pending) {
        this(rowsChecked, violations, pending, 0, 0);
    }

    /** A result with nothing pending. */
    public AuditVerification(long rowsChecked, List<AuditViolation> violations) {
        this(rowsChecked, violations, 0);
    }

    public boolean ok() {
        return violations.isEmpty();
    }
}
