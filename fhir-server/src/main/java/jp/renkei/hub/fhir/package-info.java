/**
 * The hub's FHIR R4 store: a HAPI FHIR JPA server on PostgreSQL, served at {@code /fhir}.
 *
 * <p>Owns the JPA wiring, the RESTful server and its interceptors, and the loading of
 * implementation-guide packages (JP Core) from a configured path. The consent gate on every
 * FHIR path and the summary/history operations will live here as well.
 */
package jp.renkei.hub.fhir;
