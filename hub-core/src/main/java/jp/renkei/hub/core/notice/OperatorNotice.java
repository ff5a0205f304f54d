package jp.renkei.hub.core.notice;

import java.time.Instant;
import java.util.UUID;

/**
 * Something the hub's operators must act on.
 *
 * @param topic      the module or area it belongs to (e.g. {@code vpn}); pages list their own topic
 * @param facilityId the facility concerned, if any
 * @param message    one Japanese sentence saying what happened and what to do
 */
public record OperatorNotice(UUID id, String topic, String facilityId, Severity severity, String message,
                             Instant raisedAt, Instant acknowledgedAt, String acknowledgedBy) {

    public enum Severity { INFO, WARNING, CRITICAL }

    public boolean open() {
        return acknowledgedAt == null;
    }
}
