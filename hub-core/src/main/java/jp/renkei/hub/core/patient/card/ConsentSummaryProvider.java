package jp.renkei.hub.core.patient.card;

import jp.renkei.hub.core.patient.EventNumber;

/** The seam to the consent registry: it answers for the (surviving) event number of a card's holder. */
public interface ConsentSummaryProvider {

    ConsentSummary summaryFor(EventNumber number);
}
