package jp.renkei.hub.core.patient.card;

import java.util.List;

/**
 * What a desk needs to know about a patient's consent to sharing when their card is read.
 *
 * @param status     e.g. {@code NOT_RECORDED}; the consent registry defines the others
 * @param categories the categories of information the patient agreed to share
 */
public record ConsentSummary(String status, List<String> categories) {

    public ConsentSummary {
        categories = List.copyOf(categories);
    }
}
