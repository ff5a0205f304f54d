/**
 * The source-neutral ingest core shared by SS-MIX2 files, pushed HL7 v2.5 messages and JAHIS records: a parser
 * and mapper turn one input into {@link jp.renkei.hub.gateway.ingest.MappedRecord}s (or an
 * {@link jp.renkei.hub.gateway.ingest.IngestFailure} naming where it went wrong);
 * {@link jp.renkei.hub.gateway.ingest.IngestStore} writes each record atomically, idempotently and
 * newest-version-wins as the hub, attributed to the source facility; what cannot be parsed or mapped goes to the
 * {@link jp.renkei.hub.gateway.ingest.Quarantine}.
 */
package jp.renkei.hub.gateway.ingest;
