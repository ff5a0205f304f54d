package jp.renkei.hub.gateway.mllp;

import jp.renkei.hub.core.monitoring.HubInterface;
import jp.renkei.hub.core.monitoring.HubMeters;
import jp.renkei.hub.gateway.ingest.IngestResult;

/**
 * Times each pushed message from receipt to a durable outcome, tagged with the acknowledgement the sender gets
 * ({@code AA}, {@code AE}, {@code AR}; {@code AE} also when processing failed). The message type is not a tag:
 * senders choose it, so it is not bounded.
 */
record MeteredReceiver(Hl7MessageReceiver receiver, HubMeters meters) implements Hl7MessageReceiver {

    @Override
    public IngestResult receive(String facilityId, byte[] message) {
        long started = System.nanoTime();
        String acknowledgement = "AE";
        try {
            IngestResult result = receiver.receive(facilityId, message);
            acknowledgement = switch (result.status()) {
                case STORED, SKIPPED -> "AA";
                case QUARANTINED -> "AE";
                case REJECTED -> "AR";
            };
            return result;
        } finally {
            meters.request(HubInterface.MLLP, "message", acknowledgement, System.nanoTime() - started);
        }
    }
}
