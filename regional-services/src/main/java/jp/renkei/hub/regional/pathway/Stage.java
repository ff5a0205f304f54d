package jp.renkei.hub.regional.pathway;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import jp.renkei.hub.core.facility.FacilityKind;

/**
 * One stage of a pathway (急性期, 回復期, 維持期・在宅 …): which kinds of facility may take it, its goals and its
 * assessment sheets.
 */
public record Stage(String code, String title, Set<FacilityKind> facilityKinds, List<StageGoal> goals,
                    List<Sheet> sheets) {

    public Stage {
        facilityKinds = Set.copyOf(facilityKinds);
        goals = List.copyOf(goals);
        sheets = List.copyOf(sheets);
    }

    public Optional<Sheet> sheet(String code) {
        return sheets.stream().filter(s -> s.code().equals(code)).findFirst();
    }
}
