package jp.renkei.hub.regional.directory;

import java.util.List;

import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.PostalAddress;

/**
 * One facility as the directory shows it: the registry's name, reading, kind, address, secondary medical area
 * and phone, with its profile, and its distance from the search's origin when there is one.
 *
 * @param distanceKm great-circle distance from the origin; {@code null} without origin or position
 */
public record DirectoryEntry(String facilityId, String name, String nameKana, FacilityKind kind,
                             CareFacilityType careType, PostalAddress address, String area, String phone,
                             Municipality municipality, Position position, Double distanceKm,
                             List<Department> departments, List<ServiceCode> services, OpeningHours hours,
                             NewPatients newPatients, ReferralDesk desk) {

    static DirectoryEntry of(Facility facility, FacilityProfile profile, Double distanceKm) {
        var details = facility.details();
        return new DirectoryEntry(facility.id(), details.name(), details.nameKana(), facility.kind(), profile.careType(),
                details.address(), details.region(), details.contact().phone(), profile.municipality(),
                profile.position(), distanceKm, profile.departmentList(), profile.serviceList(), profile.hours(),
                profile.newPatients(), profile.desk());
    }
}
