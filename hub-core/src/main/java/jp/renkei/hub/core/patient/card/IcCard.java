package jp.renkei.hub.core.patient.card;

import java.time.Instant;

import jp.renkei.hub.core.patient.EventNumber;

/**
 * A health-passport IC card as the hub records it.
 *
 * @param eventNumber the number the card was issued for (follow merges to use it)
 * @param lostAt      when it was reported lost; null while ACTIVE
 */
public record IcCard(CardNumber cardNumber, EventNumber eventNumber, Status status, Instant issuedAt,
                     String issuedBy, Instant lostAt) {

    public enum Status { ACTIVE, LOST }
}
