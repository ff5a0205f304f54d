/**
 * SS-MIX2 standardized storage and the HL7 v2.5 messages in it (or pushed by a gateway): the storage layout and
 * file-name rules ({@link jp.renkei.hub.gateway.ss2.Ss2FileName}, {@link jp.renkei.hub.gateway.ss2.Ss2StorageWalker}),
 * one mapper per data type to JP Core ({@link jp.renkei.hub.gateway.ss2.Ss2Mappers}), the pipeline from bytes to
 * stored records ({@link jp.renkei.hub.gateway.ss2.Ss2Pipeline}), the entry point for pushed messages
 * ({@link jp.renkei.hub.gateway.ss2.Hl7MessageIngest}), and incremental ingest of a storage root with a ledger
 * ({@link jp.renkei.hub.gateway.ss2.Ss2FileIngest}).
 */
package jp.renkei.hub.gateway.ss2;
