package jp.renkei.hub.core.patient.card;

import jp.renkei.hub.core.patient.EventNumber;

/** What reading a card tells the desk: the holder's (surviving) number and their consent summary. */
public record CardLookup(EventNumber eventNumber, ConsentSummary consent) {
}
