/**
 * Facilities, people and roles, authentication, event management numbers with the patient
 * cross-reference, the hub's certificate authority, and the audit trail: what every other module stands
 * on. Depends on no other module. Its tables live in the PostgreSQL schema {@code hub}, migrated by Flyway.
 */
package jp.renkei.hub.core;
