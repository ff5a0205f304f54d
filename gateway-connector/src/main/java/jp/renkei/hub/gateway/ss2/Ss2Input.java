package jp.renkei.hub.gateway.ss2;

import java.time.LocalDateTime;

import jp.renkei.hub.gateway.hl7.Hl7Message;
import jp.renkei.hub.gateway.ingest.IngestIds;
import jp.renkei.hub.gateway.ingest.SourceRef;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Resource;

/**
 * One SS-MIX2 message with what identifies it, from the file name (storage) or from the message itself (pushed):
 * the unit a mapper maps.
 *
 * @param careDate {@code yyyyMMdd}, or {@code -} for undated data
 */
public record Ss2Input(String facilityId, String localPatientId, String dataType, String orderNumber,
                       String careDate, LocalDateTime version, boolean cancelled, SourceRef source,
                       Hl7Message message) {

    /** SS-MIX2's order number for data without an order. */
    static final String NO_ORDER = "999999999999999";

    /**
     * The idempotency key: patient, data type and order number; data without an order (all nines) is one record
     * per care date.
     */
    public String recordKey() {
        String key = localPatientId + "/" + dataType + "/" + orderNumber;
        return orderNumber.equals(NO_ORDER) ? key + "/" + careDate : key;
    }

    /** Sets the deterministic ID and the source-record identifier of an item of this record. */
    public <R extends Resource> R identify(R resource, String item) {
        resource.setId(IngestIds.itemId(facilityId, resource.fhirType(), recordKey(), item));
        return resource;
    }

    public Identifier sourceIdentifier(String item) {
        return IngestIds.sourceIdentifier(facilityId, recordKey(), item);
    }
}
