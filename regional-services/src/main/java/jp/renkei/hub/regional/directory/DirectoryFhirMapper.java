package jp.renkei.hub.regional.directory;

import java.time.DayOfWeek;
import java.util.List;

import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.fhir.HubSystems;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Reference;

/**
 * A facility's directory entry as FHIR: a Location (where it is: address, position, opening hours, managed by the
 * facility's Organization) and a HealthcareService (what it offers: kind, services, departments, hours, whether it
 * takes new patients, the referral desk's contact), both identified by the facility's hub ID and rewritten whole
 * from the registry and the profile on every change.
 */
final class DirectoryFhirMapper {

    static final String MUNICIPALITY_EXTENSION = "https://renkei-hub.jp/fhir/StructureDefinition/municipality";
    static final String MEDICAL_AREA_EXTENSION = "https://renkei-hub.jp/fhir/StructureDefinition/secondary-medical-area";
    private static final String PHYSICAL_TYPE = "http://terminology.hl7.org/CodeSystem/location-physical-type";

    private DirectoryFhirMapper() {
    }

    static Location location(Facility facility, FacilityProfile profile, String organizationId) {
        var details = facility.details();
        Location location = new Location();
        location.addIdentifier().setSystem(HubSystems.FACILITY).setValue(facility.id());
        location.setStatus(facility.status() == FacilityStatus.ACTIVE ? Location.LocationStatus.ACTIVE
                : Location.LocationStatus.INACTIVE);
        location.setMode(Location.LocationMode.INSTANCE);
        location.setName(details.name());
        location.addAlias(details.nameKana());
        location.setPhysicalType(new CodeableConcept(new Coding(PHYSICAL_TYPE, "bu", "Building")));
        location.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setUse(ContactPoint.ContactPointUse.WORK)
                .setValue(details.contact().phone());
        location.setAddress(address(facility));
        if (profile.municipality() != null) {
            location.addExtension(MUNICIPALITY_EXTENSION, new Coding(DirectorySystems.MUNICIPALITY,
                    profile.municipality().code(), profile.municipality().name()));
        }
        location.addExtension(MEDICAL_AREA_EXTENSION, new Coding(DirectorySystems.MEDICAL_AREA, details.region(),
                details.region()));
        if (profile.position() != null) {
            location.getPosition().setLatitude(profile.position().latitude())
                    .setLongitude(profile.position().longitude());
        }
        location.setManagingOrganization(new Reference("Organization/" + organizationId));
        for (DayOfWeek day : DayOfWeek.values()) {
            for (TimeRange range : profile.hours().on(day)) {
                var hours = location.addHoursOfOperation().addDaysOfWeek(daysOfWeek(day));
                if (range.opens() == 0 && range.closes() == 24 * 60) {
                    hours.setAllDay(true);
                } else {
                    hours.setOpeningTime(fhirTime(range.opens())).setClosingTime(fhirTime(range.closes()));
                }
            }
        }
        return location;
    }

    static HealthcareService service(Facility facility, FacilityProfile profile, String organizationId,
                                     String locationId) {
        var details = facility.details();
        HealthcareService service = new HealthcareService();
        service.addIdentifier().setSystem(HubSystems.FACILITY).setValue(facility.id());
        service.setActive(facility.status() == FacilityStatus.ACTIVE);
        service.setProvidedBy(new Reference("Organization/" + organizationId));
        service.addLocation(new Reference("Location/" + locationId));
        service.setName(details.name());
        CodeableConcept category = service.addCategory();
        category.addCoding(new Coding(DirectorySystems.FACILITY_KIND, facility.kind().name(), null));
        if (profile.careType() != null) {
            category.addCoding(new Coding(DirectorySystems.CARE_FACILITY_TYPE, profile.careType().code(),
                    profile.careType().japanese()));
        }
        for (ServiceCode code : profile.serviceList()) {
            service.addType(new CodeableConcept(new Coding(DirectorySystems.SERVICE, code.code(), code.japanese())));
        }
        for (Department department : profile.departmentList()) {
            service.addSpecialty(new CodeableConcept(new Coding(DirectorySystems.DEPARTMENT, department.code(),
                    department.japanese())));
        }
        ReferralDesk desk = profile.desk();
        if (desk != null) {
            service.setExtraDetails(desk.name() + (desk.person() == null ? "" : "（担当: " + desk.person() + "）"));
            service.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE)
                    .setUse(ContactPoint.ContactPointUse.WORK).setValue(desk.phone());
            if (desk.fax() != null) {
                service.addTelecom().setSystem(ContactPoint.ContactPointSystem.FAX)
                        .setUse(ContactPoint.ContactPointUse.WORK).setValue(desk.fax());
            }
            if (desk.email() != null) {
                service.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL)
                        .setUse(ContactPoint.ContactPointUse.WORK).setValue(desk.email());
            }
        }
        if (profile.newPatients() != null) {
            Acceptance acceptance = profile.newPatients().acceptance();
            service.addCharacteristic(new CodeableConcept(new Coding(DirectorySystems.NEW_PATIENTS,
                    acceptance.name().toLowerCase(java.util.Locale.ROOT), switch (acceptance) {
                        case YES -> "新規患者受け入れ可";
                        case NO -> "新規患者受け入れ不可";
                        case ASK -> "新規患者受け入れ要相談";
                    })));
            service.setComment(profile.newPatients().note());
        }
        for (DayOfWeek day : DayOfWeek.values()) {
            for (TimeRange range : profile.hours().on(day)) {
                var time = service.addAvailableTime().addDaysOfWeek(HealthcareService.DaysOfWeek.fromCode(
                        daysOfWeek(day).toCode()));
                if (range.opens() == 0 && range.closes() == 24 * 60) {
                    time.setAllDay(true);
                } else {
                    time.setAvailableStartTime(fhirTime(range.opens())).setAvailableEndTime(fhirTime(range.closes()));
                }
            }
        }
        return service;
    }

    private static Address address(Facility facility) {
        var address = facility.details().address();
        return new Address().setUse(Address.AddressUse.WORK)
                .setText(address.prefecture() + address.city() + address.line())
                .setPostalCode(address.postalCode()).setState(address.prefecture()).setCity(address.city())
                .setLine(List.of(new org.hl7.fhir.r4.model.StringType(address.line()))).setCountry("JP");
    }

    private static Location.DaysOfWeek daysOfWeek(DayOfWeek day) {
        return Location.DaysOfWeek.fromCode(day.name().substring(0, 3).toLowerCase(java.util.Locale.ROOT));
    }

    /** FHIR time has no 24:00: a period closing at midnight closes at 23:59:59. */
    private static String fhirTime(int minutes) {
        return minutes >= 24 * 60 ? "23:59:59" : TimeRange.clock(minutes) + ":00";
    }
}
