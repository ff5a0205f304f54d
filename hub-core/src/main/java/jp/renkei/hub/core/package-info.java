/**
 * Facilities, people and roles, authentication, event management numbers with the patient
 * cross-reference, and the audit trail: what every other module stands on. Depends on no other module.
 */
package jp.renkei.hub.core;
