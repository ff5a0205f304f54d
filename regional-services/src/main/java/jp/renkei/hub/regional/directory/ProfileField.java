package jp.renkei.hub.regional.directory;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;

import jp.renkei.hub.core.facility.FacilityKind;

/**
 * The parts of a profile the operator checks for completeness, and which kinds of facility need each: departments
 * only where doctors or dentists see patients, the care-facility type only for care facilities.
 */
public enum ProfileField {
    CARE_TYPE(EnumSet.of(FacilityKind.CARE_FACILITY), p -> p.careType() != null),
    DEPARTMENTS(EnumSet.of(FacilityKind.HOSPITAL, FacilityKind.CLINIC, FacilityKind.DENTAL_CLINIC),
            p -> !p.departments().isEmpty()),
    SERVICES(null, p -> !p.services().isEmpty()),
    MUNICIPALITY(null, p -> p.municipality() != null),
    POSITION(null, p -> p.position() != null),
    NEW_PATIENTS(null, p -> p.newPatients() != null),
    HOURS(null, p -> !p.hours().isEmpty()),
    DESK(null, p -> p.desk() != null);

    private final Set<FacilityKind> kinds;
    private final Predicate<FacilityProfile> filled;

    /** @param kinds the kinds that need the field; {@code null}: every kind */
    ProfileField(Set<FacilityKind> kinds, Predicate<FacilityProfile> filled) {
        this.kinds = kinds;
        this.filled = filled;
    }

    public boolean appliesTo(FacilityKind kind) {
        return kinds == null || kinds.contains(kind);
    }

    public boolean filledIn(FacilityProfile profile) {
        return filled.test(profile);
    }
}
