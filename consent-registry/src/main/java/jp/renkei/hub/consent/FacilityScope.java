package jp.renkei.hub.consent;

import java.util.Set;
import java.util.TreeSet;

/**
 * A set of facilities a consent speaks of: every participating facility, or the listed ones only.
 *
 * @param facilityIds empty when {@code all}
 */
public record FacilityScope(boolean all, Set<String> facilityIds) {

    public FacilityScope {
        facilityIds = Set.copyOf(facilityIds);
        if (all != facilityIds.isEmpty()) {
            throw new IllegalArgumentException("a scope is either ALL or a non-empty list of facilities");
        }
    }

    public static FacilityScope everyFacility() {
        return new FacilityScope(true, Set.of());
    }

    public static FacilityScope only(Set<String> facilityIds) {
        return new FacilityScope(false, facilityIds);
    }

    public boolean covers(String facilityId) {
        return all || facilityIds.contains(facilityId);
    }

    /** Whether some facility is in both scopes. */
    public boolean overlaps(FacilityScope other) {
        return all || other.all || facilityIds.stream().anyMatch(other.facilityIds::contains);
    }

    @Override
    public String toString() {
        return all ? "ALL" : new TreeSet<>(facilityIds).toString();
    }
}
