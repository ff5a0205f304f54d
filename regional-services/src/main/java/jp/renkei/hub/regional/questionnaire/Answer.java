package jp.renkei.hub.regional.questionnaire;

import java.util.List;

/**
 * The checked answer to one item: {@code Boolean} (yes/no), {@code BigDecimal} (number), {@code LocalDate} (date),
 * {@link FhirQuestionnaires.Choice} (each ticked option) or {@code String} (text).
 */
public record Answer(String linkId, List<Object> values) {

    public Answer {
        values = List.copyOf(values);
    }
}
