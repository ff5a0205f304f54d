/**
 * Patients' consents to share their data across facilities, the one place that decides whether a
 * request may see a piece of data, and the FHIR Consent view of each record. Depends on hub-core only.
 */
package jp.renkei.hub.consent;
