/**
 * The consent gate's decision for one resource, split into small rules in the style of HAPI's
 * {@code IConsentService}: each permits, denies or passes to the next ({@link jp.renkei.hub.fhir.consent.rules.GateRule}).
 * The gate runs them in order: contained resources, deletion stubs, types that are not patient data, own data,
 * and last the consent decision per category and source. Each is tested on its own, without Spring.
 */
package jp.renkei.hub.fhir.consent.rules;
