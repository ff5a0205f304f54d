package jp.renkei.hub.regional.pathway;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import jp.renkei.hub.core.facility.FacilityKind;

/**
 * A disease pathway as data (脳卒中, 大腿骨頸部骨折, 糖尿病 …): its stages in order, each with goals and sheets.
 * Read from a template file ({@link TemplateFile}); a pathway keeps the code and version it was started from.
 *
 * @param ownerKinds which kinds of facility may start it (the pathway owner, usually a hospital)
 * @param digest     SHA-256 of the file's bytes, to notice a changed file under an unchanged version
 */
public record PathwayTemplate(String code, int version, String title, String condition, Set<FacilityKind> ownerKinds,
                              List<Stage> stages, String digest) {

    public PathwayTemplate {
        ownerKinds = Set.copyOf(ownerKinds);
        stages = List.copyOf(stages);
    }

    public Optional<Stage> stage(String code) {
        return stages.stream().filter(s -> s.code().equals(code)).findFirst();
    }

    /** The canonical URL of a sheet's Questionnaire: {@code <base>/<template>/<sheet>}, versioned by the template. */
    public String sheetUrl(Sheet sheet) {
        return FhirPathways.QUESTIONNAIRE_BASE + code + "/" + sheet.code();
    }

    /** Every sheet item with this linkId, for a trend across stages (the first one gives the scale). */
    public Optional<SheetItem> anyItem(String linkId) {
        return stages.stream().flatMap(s -> s.sheets().stream()).flatMap(s -> s.items().stream())
                .filter(i -> i.linkId().equals(linkId)).findFirst();
    }
}
