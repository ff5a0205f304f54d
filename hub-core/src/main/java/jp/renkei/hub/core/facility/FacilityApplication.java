package jp.renkei.hub.core.facility;

import java.util.Objects;

/**
 * A request to join the network: what kind of facility, its medical-institution code where its kind has
 * one ({@code null} otherwise) and its details.
 */
public record FacilityApplication(FacilityKind kind, MedicalInstitutionCode medicalInstitutionCode,
                                  FacilityDetails details) {

    public FacilityApplication {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(details, "details");
        kind.codeProblem(medicalInstitutionCode).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }
}
