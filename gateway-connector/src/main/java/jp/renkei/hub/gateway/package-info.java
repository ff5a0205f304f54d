/**
 * Ingest from hospitals and pharmacies: SS-MIX2 standardized storage and HL7 v2.5 (files and MLLP),
 * JAHIS e-medication-notebook records, mapped to JP Core FHIR resources attributed to their source.
 */
package jp.renkei.hub.gateway;
