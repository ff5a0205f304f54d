package jp.renkei.hub.core.patient.card;

import java.util.List;

import jp.renkei.hub.core.patient.EventNumber;

/**
 * The answer while no consent registry is installed: nothing is recorded, so nothing may be assumed shared.
 * Registered by {@link ConsentSummaryDefaults} only when no other {@link ConsentSummaryProvider} exists.
 */
public class ConsentNotRecordedYet implements ConsentSummaryProvider {

    public static final String NOT_RECORDED = "NOT_RECORDED";

    @Override
    public ConsentSummary summaryFor(EventNumber number) {
        return new ConsentSummary(NOT_RECORDED, List.of());
    }
}
