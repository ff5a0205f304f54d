/**
 * How searches are executed, not who may see what (that is the consent gate's): a patient's search whose whole
 * answer fits one page is answered without HAPI's search cache ({@link jp.renkei.hub.fhir.search.OnePageSearches}).
 */
package jp.renkei.hub.fhir.search;
