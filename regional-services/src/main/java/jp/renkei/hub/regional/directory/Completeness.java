package jp.renkei.hub.regional.directory;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** How complete each facility's profile is, for the hub operator: which parts are still missing. */
@Service
public class Completeness {

    /**
     * One facility's state.
     *
     * @param percent share of the parts its kind needs that are filled in, rounded down
     * @param savedAt when the profile was last saved, {@code null} if never
     */
    public record Row(String facilityId, String name, FacilityKind kind, FacilityStatus status, int percent,
                      List<ProfileField> missing, Instant savedAt) {
    }

    private final FacilityRegistry registry;
    private final ProfileStore profiles;

    Completeness(FacilityRegistry registry, ProfileStore profiles) {
        this.registry = registry;
        this.profiles = profiles;
    }

    /** Every facility that may keep a profile, least complete first. */
    @Transactional(readOnly = true)
    public List<Row> rows() {
        Map<String, FacilityProfile> all = profiles.all();
        return registry.list(null, null, null).stream()
                .filter(f -> Profiles.PROFILE_STATUSES.contains(f.status()) && f.kind() != FacilityKind.HUB_OPERATOR)
                .map(f -> row(f, all.getOrDefault(f.id(), FacilityProfile.empty(f.id()))))
                .sorted(Comparator.comparingInt(Row::percent).thenComparing(Row::name))
                .toList();
    }

    static Row row(Facility facility, FacilityProfile profile) {
        List<ProfileField> needed = Arrays.stream(ProfileField.values()).filter(f -> f.appliesTo(facility.kind())).toList();
        List<ProfileField> missing = needed.stream().filter(f -> !f.filledIn(profile)).toList();
        int percent = (needed.size() - missing.size()) * 100 / needed.size();
        return new Row(facility.id(), facility.details().name(), facility.kind(), facility.status(), percent, missing,
                profile.updatedAt());
    }
}
