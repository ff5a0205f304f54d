package jp.renkei.hub.app.portal.directory;

import java.time.DayOfWeek;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jp.renkei.hub.regional.directory.Department;
import jp.renkei.hub.regional.directory.FacilityProfile;
import jp.renkei.hub.regional.directory.ProfileRequest;
import jp.renkei.hub.regional.directory.ServiceCode;

/** The profile form's fields as text: from a saved profile, or as entered when the save was refused. */
record ProfileForm(String careFacilityType, List<String> departments, List<String> services, String municipalityCode,
                   String municipalityName, String latitude, String longitude, String acceptance,
                   String acceptanceNote, Map<DayOfWeek, String> hours, String deskName, String deskPhone,
                   String deskFax, String deskEmail, String deskPerson) {

    static ProfileForm of(FacilityProfile p) {
        Map<DayOfWeek, String> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            hours.put(day, p.hours().text(day));
        }
        var desk = p.desk();
        return new ProfileForm(p.careType() == null ? "" : p.careType().code(),
                p.departmentList().stream().map(Department::code).toList(),
                p.serviceList().stream().map(ServiceCode::code).toList(),
                p.municipality() == null ? "" : p.municipality().code(),
                p.municipality() == null ? "" : p.municipality().name(),
                p.position() == null ? "" : String.valueOf(p.position().latitude()),
                p.position() == null ? "" : String.valueOf(p.position().longitude()),
                p.newPatients() == null ? "" : p.newPatients().acceptance().name(),
                p.newPatients() == null || p.newPatients().note() == null ? "" : p.newPatients().note(), hours,
                desk == null ? "" : desk.name(), desk == null ? "" : desk.phone(),
                desk == null || desk.fax() == null ? "" : desk.fax(),
                desk == null || desk.email() == null ? "" : desk.email(),
                desk == null || desk.person() == null ? "" : desk.person());
    }

    static ProfileForm of(ProfileRequest r) {
        Map<DayOfWeek, String> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            hours.put(day, String.join(", ", r.hours().getOrDefault(day.name(), List.of())));
        }
        return new ProfileForm(r.careFacilityType(), r.departments() == null ? List.of() : r.departments(),
                r.services() == null ? List.of() : r.services(), r.municipalityCode(), r.municipalityName(),
                r.latitude(), r.longitude(), r.acceptance(), r.acceptanceNote(), hours, r.deskName(), r.deskPhone(),
                r.deskFax(), r.deskEmail(), r.deskPerson());
    }
}
