package jp.renkei.hub.core.facility.api;

import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.MedicalInstitutionCode;

/** What any user of the network may know about an active facility: enough to find and name it. */
public record FacilityDirectoryEntry(String id, MedicalInstitutionCode medicalInstitutionCode, String name,
                                     String nameKana, FacilityKind kind, String region) {

    static FacilityDirectoryEntry of(Facility facility) {
        return new FacilityDirectoryEntry(facility.id(), facility.medicalInstitutionCode(),
                facility.details().name(), facility.details().nameKana(), facility.kind(), facility.details().region());
    }
}
