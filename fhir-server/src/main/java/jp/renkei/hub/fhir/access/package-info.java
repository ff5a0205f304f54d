/**
 * What a facility may do through the FHIR API at all, before any consent is asked: the one table of offered
 * resource types, interactions and operations ({@link jp.renkei.hub.fhir.access.FhirSurface}), the requester
 * captured once per request ({@link jp.renkei.hub.fhir.access.FhirRequesters}), the write rule (a facility
 * changes only its own data, about its own patients) and the one answer for "hidden" and "absent".
 */
package jp.renkei.hub.fhir.access;
