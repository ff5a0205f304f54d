package jp.renkei.hub.consent.api;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jp.renkei.hub.consent.ConsentCategory;
import jp.renkei.hub.consent.ConsentTerms;
import jp.renkei.hub.consent.FacilityScope;
import jp.renkei.hub.consent.ObtainedVia;
import jp.renkei.hub.consent.ScannedForm;
import jp.renkei.hub.consent.ValidityPeriod;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.web.ApiException;

/** Request bodies of the consent API and their translation into the registry's values. */
public final class ConsentRequests {

    private ConsentRequests() {
    }

    public enum ScopeKind { ALL, LISTED }

    @Schema(description = "ALL participating facilities, or LISTED with the facility IDs")
    public record Scope(@NotNull ScopeKind scope, List<String> facilityIds) {
    }

    public record RecordRequest(@NotBlank String eventNumber, @NotNull ConsentCategory category,
                                @NotNull @Valid Scope grantees, @NotNull @Valid Scope sources,
                                @NotNull Instant validFrom, Instant validUntil, @NotNull ObtainedVia obtainedVia,
                                @Schema(description = "PDF, JPEG or PNG, base64, at most 5 MB") String scannedForm) {
    }

    public record AmendRequest(@NotNull @Valid Scope grantees, @NotNull @Valid Scope sources,
                               @NotNull Instant validFrom, Instant validUntil, @NotNull ObtainedVia obtainedVia,
                               @Schema(description = "PDF, JPEG or PNG, base64, at most 5 MB") String scannedForm,
                               String reason) {
    }

    public record WithdrawRequest(@NotBlank String reason) {
    }

    /**
     * The terms as the API reads them: scopes checked against the facility registry (ALL without IDs, LISTED with
     * registered ones), the period, how obtained. Also used by the web portal's consent desk, so it accepts
     * exactly what the API accepts.
     */
    public static ConsentTerms terms(Scope grantees, Scope sources, Instant validFrom, Instant validUntil,
                              ObtainedVia obtainedVia, FacilityRegistry facilities) {
        return new ConsentTerms(scope("grantees", grantees, facilities), scope("sources", sources, facilities),
                new ValidityPeriod(validFrom, validUntil), obtainedVia);
    }

    static ScannedForm form(String base64) {
        return base64 == null || base64.isBlank() ? null : ScannedForm.fromBase64(base64);
    }

    private static FacilityScope scope(String field, Scope scope, FacilityRegistry facilities) {
        List<String> ids = scope.facilityIds() == null ? List.of() : scope.facilityIds();
        if (scope.scope() == ScopeKind.ALL) {
            if (!ids.isEmpty()) {
                throw ApiException.invalid(field + ".facilityIds", "must be empty when the scope is ALL");
            }
            return FacilityScope.everyFacility();
        }
        if (ids.isEmpty()) {
            throw ApiException.invalid(field + ".facilityIds", "must list at least one facility when the scope is LISTED");
        }
        for (String id : ids) {
            if (id == null || !isUuid(id) || facilities.find(id).isEmpty()) {
                throw ApiException.invalid(field + ".facilityIds", "'" + id + "' is not a registered facility");
            }
        }
        return FacilityScope.only(Set.copyOf(ids.stream().map(id -> UUID.fromString(id).toString()).toList()));
    }

    private static boolean isUuid(String text) {
        try {
            UUID.fromString(text);
            return text.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
