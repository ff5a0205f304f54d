package jp.renkei.hub.gateway.mllp;

import jp.renkei.hub.gateway.ingest.IngestResult;

/**
 * What the MLLP listener hands each message to: the bytes as received, from the facility the connection's client
 * certificate belongs to. Returns only when the outcome is durable (stored, or kept in quarantine); in the hub
 * this is {@code Hl7MessageIngest#receive}.
 */
@FunctionalInterface
public interface Hl7MessageReceiver {

    IngestResult receive(String facilityId, byte[] message);
}
