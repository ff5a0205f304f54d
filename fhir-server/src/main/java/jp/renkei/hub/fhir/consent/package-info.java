/**
 * The consent gate of the FHIR API: which facility each resource came from, which consent category it belongs
 * to, and which resources a requester may see.
 */
package jp.renkei.hub.fhir.consent;
