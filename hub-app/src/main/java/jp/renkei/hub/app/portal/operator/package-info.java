/**
 * The hub operator's portal pages ({@code /portal/operator/**}, role HUB_ADMIN): facility applications and their
 * lifecycle ({@code FacilityRegistry}), the audit trail's search and chain verification ({@code AuditQuery},
 * {@code AuditVerifier}) and the gateway ingest quarantine ({@code Quarantine}, {@code QuarantineReprocessing}).
 * The controllers are thin: every rule is the domain's, as the REST API uses it.
 */
package jp.renkei.hub.app.portal.operator;
