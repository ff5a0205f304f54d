package jp.renkei.hub.core.audit;

/** What was attempted. */
public enum AuditAction {
    AUTHENTICATE, LOGOUT, READ, SEARCH, CREATE, UPDATE, DELETE, EXECUTE, ADMIN
}
