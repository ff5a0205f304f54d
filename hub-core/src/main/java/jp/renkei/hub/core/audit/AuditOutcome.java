package jp.renkei.hub.core.audit;

/** How it ended: done, refused by authentication or authorization, or failed for another reason. */
public enum AuditOutcome {
    SUCCESS, UNAUTHENTICATED, DENIED, FAILED
}
