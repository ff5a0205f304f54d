package jp.renkei.hub.regional.directory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jp.renkei.hub.core.facility.Facility;

/**
 * The search itself, over listings already loaded: filters, distance, order and page. Kept free of storage so
 * that its rules are tested on their own.
 */
final class DirectoryQuery {

    private static final Comparator<DirectoryEntry> BY_KANA = Comparator.comparing(DirectoryEntry::nameKana)
            .thenComparing(DirectoryEntry::facilityId);

    private DirectoryQuery() {
    }

    /**
     * @param facilities the ACTIVE facilities of the directory
     * @param profiles   saved profiles by facility ID (a facility without one has an empty profile)
     * @param origin     resolved origin, or {@code null}
     */
    static ResultPage run(List<Facility> facilities, Map<String, FacilityProfile> profiles, SearchCriteria criteria,
                          Origin origin) {
        String nameKey = NameKey.of(criteria.name());
        List<DirectoryEntry> matches = new ArrayList<>();
        for (Facility facility : facilities) {
            FacilityProfile profile = profiles.getOrDefault(facility.id(), FacilityProfile.empty(facility.id()));
            if (!matches(facility, profile, criteria, nameKey)) {
                continue;
            }
            Double distance = null;
            if (origin != null) {
                if (profile.position() == null) {
                    if (criteria.radiusKm() != null) {
                        continue;
                    }
                } else {
                    distance = origin.position().distanceKm(profile.position());
                    if (criteria.radiusKm() != null && distance > criteria.radiusKm()) {
                        continue;
                    }
                }
            }
            matches.add(DirectoryEntry.of(facility, profile, distance));
        }
        Comparator<DirectoryEntry> order = origin == null ? BY_KANA
                : Comparator.comparing(DirectoryEntry::distanceKm, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(BY_KANA);
        matches.sort(order);
        int from = (int) Math.min((long) criteria.page() * criteria.size(), matches.size());
        int to = Math.min(from + criteria.size(), matches.size());
        return new ResultPage(List.copyOf(matches.subList(from, to)), criteria.page(), criteria.size(),
                matches.size(), origin);
    }

    private static boolean matches(Facility facility, FacilityProfile profile, SearchCriteria criteria, String nameKey) {
        boolean anyKind = criteria.kinds().isEmpty() && criteria.careTypes().isEmpty();
        if (!anyKind && !criteria.kinds().contains(facility.kind())
                && (profile.careType() == null || !criteria.careTypes().contains(profile.careType()))) {
            return false;
        }
        if (!profile.departments().containsAll(criteria.departments())
                || !profile.services().containsAll(criteria.services())) {
            return false;
        }
        if (criteria.municipality() != null && (profile.municipality() == null
                || !profile.municipality().code().equals(criteria.municipality()))) {
            return false;
        }
        if (criteria.area() != null && !NameKey.of(facility.details().region()).equals(NameKey.of(criteria.area()))) {
            return false;
        }
        if (!criteria.accepting().isEmpty() && (profile.newPatients() == null
                || !criteria.accepting().contains(profile.newPatients().acceptance()))) {
            return false;
        }
        if (criteria.openOn() != null && !profile.hours().openAt(criteria.openOn(), criteria.openAt())) {
            return false;
        }
        return NameKey.matches(nameKey, facility.details().name(), facility.details().nameKana());
    }
}
