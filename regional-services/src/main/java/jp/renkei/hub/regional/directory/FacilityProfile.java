package jp.renkei.hub.regional.directory;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a facility tells the region's referral desks about itself, beyond the registry's name, kana, kind,
 * address and secondary medical area (hub-core's FacilityDetails, which stay the source of those). Every part
 * may still be missing ({@code null} or empty): the operator's completeness page lists what is.
 *
 * @param careType  only for facilities of kind CARE_FACILITY
 * @param updatedBy the hub ID of the administrator who saved it last
 */
public record FacilityProfile(String facilityId, CareFacilityType careType, Set<Department> departments,
                              Set<ServiceCode> services, Municipality municipality, Position position,
                              NewPatients newPatients, OpeningHours hours, ReferralDesk desk,
                              Instant updatedAt, String updatedBy) {

    public FacilityProfile {
        departments = departments.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(departments));
        services = services.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(services));
        hours = hours == null ? OpeningHours.NONE : hours;
    }

    /** A facility that has not saved a profile yet. */
    public static FacilityProfile empty(String facilityId) {
        return new FacilityProfile(facilityId, null, Set.of(), Set.of(), null, null, null, OpeningHours.NONE, null,
                null, null);
    }

    /** Departments in the code list's order (a Set.copyOf forgets it). */
    public List<Department> departmentList() {
        return Arrays.stream(Department.values()).filter(departments::contains).toList();
    }

    public List<ServiceCode> serviceList() {
        return Arrays.stream(ServiceCode.values()).filter(services::contains).toList();
    }

    public boolean isEmpty() {
        return updatedAt == null;
    }
}
