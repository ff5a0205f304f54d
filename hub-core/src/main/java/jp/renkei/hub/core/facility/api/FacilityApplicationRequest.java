package jp.renkei.hub.core.facility.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jp.renkei.hub.core.facility.FacilityApplication;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.MedicalInstitutionCode;
import jp.renkei.hub.core.web.ApiException;

/** Body of {@code POST /api/admin/facilities}. */
public record FacilityApplicationRequest(
        @NotNull FacilityKind kind,
        @Schema(description = "10-digit medical-institution code; required for hospitals, clinics, dental clinics "
                + "and pharmacies, optional for visiting-nurse stations, absent otherwise", example = "0710100017")
        String medicalInstitutionCode,
        @NotNull @Valid FacilityDetailsRequest details) {

    /**
     * The application in the domain's terms; a code that is malformed or does not fit the kind is refused
     * here, naming the field.
     */
    FacilityApplication toApplication() {
        var facilityDetails = details.toDetails("details.");
        try {
            MedicalInstitutionCode code =
                    medicalInstitutionCode == null ? null : new MedicalInstitutionCode(medicalInstitutionCode);
            return new FacilityApplication(kind, code, facilityDetails);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("medicalInstitutionCode", e.getMessage());
        }
    }
}
