package jp.renkei.hub.regional.directory;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The region's facility directory: every ACTIVE facility (not the hub operator) with its profile. Directory data
 * is not patient data, so every authenticated principal reads all of it. A region has hundreds to a few
 * thousand facilities: each search reads them and their profiles (two queries) and filters in memory, which
 * also makes the distance order exact.
 */
@Service
public class DirectorySearch {

    private final FacilityRegistry registry;
    private final ProfileStore profiles;

    DirectorySearch(FacilityRegistry registry, ProfileStore profiles) {
        this.registry = registry;
        this.profiles = profiles;
    }

    @Transactional(readOnly = true)
    public ResultPage search(SearchCriteria criteria) {
        List<Facility> facilities = listed();
        Map<String, FacilityProfile> all = profiles.all();
        return DirectoryQuery.run(facilities, all, criteria, origin(criteria, facilities, all));
    }

    /** One facility's entry, if it is in the directory. */
    @Transactional(readOnly = true)
    public DirectoryEntry entry(String facilityId) {
        Facility facility = registry.find(facilityId).filter(DirectorySearch::listed)
                .orElseThrow(() -> new NoSuchFacility(facilityId));
        return DirectoryEntry.of(facility, profiles.find(facilityId).orElse(FacilityProfile.empty(facilityId)), null);
    }

    /** The secondary medical areas the directory's facilities belong to, for a choice list. */
    @Transactional(readOnly = true)
    public List<String> areas() {
        return listed().stream().map(f -> f.details().region()).distinct().sorted().toList();
    }

    /** Facilities a search may start from: those of the directory with a position, in kana order. */
    @Transactional(readOnly = true)
    public List<DirectoryEntry> origins() {
        Map<String, FacilityProfile> all = profiles.all();
        return listed().stream().filter(f -> all.containsKey(f.id()) && all.get(f.id()).position() != null)
                .map(f -> DirectoryEntry.of(f, all.get(f.id()), null))
                .sorted(java.util.Comparator.comparing(DirectoryEntry::nameKana)).toList();
    }

    private List<Facility> listed() {
        return registry.list(FacilityStatus.ACTIVE, null, null).stream().filter(DirectorySearch::listed).toList();
    }

    private static boolean listed(Facility facility) {
        return facility.status() == FacilityStatus.ACTIVE && facility.kind() != FacilityKind.HUB_OPERATOR;
    }

    private static Origin origin(SearchCriteria criteria, List<Facility> facilities, Map<String, FacilityProfile> all) {
        if (criteria.point() != null) {
            Position p = criteria.point();
            return new Origin(null, String.format(Locale.ROOT, "%.5f, %.5f", p.latitude(), p.longitude()), p);
        }
        if (criteria.from() == null) {
            return null;
        }
        Optional<Facility> from = facilities.stream().filter(f -> f.id().equals(criteria.from())).findFirst();
        if (from.isEmpty()) {
            throw InvalidInput.of("from", "起点の施設 " + criteria.from() + " は施設ディレクトリにありません");
        }
        FacilityProfile profile = all.get(criteria.from());
        if (profile == null || profile.position() == null) {
            throw InvalidInput.of("from", "起点の施設「" + from.get().details().name() + "」には位置（緯度・経度）が登録されていません");
        }
        return new Origin(from.get().id(), from.get().details().name(), profile.position());
    }
}
