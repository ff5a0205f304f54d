package jp.renkei.hub.regional.pathway;

import java.util.List;
import java.util.Optional;
import jp.renkei.hub.core.security.HubRole;

/**
 * A stage's assessment sheet for one profession (e.g. the visiting nurse's sheet of the maintenance stage); stored
 * answers are FHIR QuestionnaireResponses of the Questionnaire this sheet describes.
 *
 * @param profession who fills it in: people with this role at a facility named for the stage
 */
public record Sheet(String code, String title, HubRole profession, List<SheetItem> items) {

    public Sheet {
        items = List.copyOf(items);
    }

    public Optional<SheetItem> item(String linkId) {
        return items.stream().filter(i -> i.linkId().equals(linkId)).findFirst();
    }
}
