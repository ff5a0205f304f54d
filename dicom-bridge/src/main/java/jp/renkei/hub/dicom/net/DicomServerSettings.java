package jp.renkei.hub.dicom.net;

import java.time.Duration;

/**
 * How the DICOM listener runs.
 *
 * @param aeTitle            the hub's own (called) AE title
 * @param bindAddress        interface to listen on; null for all
 * @param port               TCP port; 0 picks a free one
 * @param maxPduLength       largest P-DATA-TF the hub receives, announced in the association (and the largest
 *                           it sends)
 * @param associationTimeout ARTIM: how long a connection may take to send its A-ASSOCIATE-RQ
 * @param idleTimeout        how long an association may stay silent before the hub aborts it
 * @param maxAssociations    associations served at once; more are rejected (transient, local limit exceeded)
 */
public record DicomServerSettings(String aeTitle, String bindAddress, int port, int maxPduLength,
                                  Duration associationTimeout, Duration idleTimeout, int maxAssociations) {

    public DicomServerSettings {
        if (maxPduLength < 4096 || maxPduLength > 16 * 1024 * 1024) {
            throw new IllegalArgumentException("max PDU length must be between 4 KiB and 16 MiB, not " + maxPduLength);
        }
        if (maxAssociations < 1) {
            throw new IllegalArgumentException("max associations must be at least 1");
        }
    }
}
