/**
 * The hub's own meters (Micrometer), exposed by hub-app at {@code /actuator/prometheus}: requests per interface,
 * ingest outcomes per channel, consent decisions, audit appends. The modules record through {@link
 * jp.renkei.hub.core.monitoring.HubMeters} so that names and tags are defined once; tags are bounded enums, never
 * patient, event-number, facility or other identifiers (docs/operations.md "Monitoring").
 */
package jp.renkei.hub.core.monitoring;
