package jp.renkei.hub.core.facility.api;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jp.renkei.hub.core.facility.AeTitle;
import jp.renkei.hub.core.facility.FacilityContact;
import jp.renkei.hub.core.facility.FacilityDetails;
import jp.renkei.hub.core.facility.InvalidFacilityField;
import jp.renkei.hub.core.facility.PostalAddress;
import jp.renkei.hub.core.web.ApiException;
import org.hibernate.validator.constraints.UniqueElements;

/**
 * A facility's details as sent by a client: the {@code details} of an application and the body of
 * {@code PUT /api/admin/facilities/{id}}. The constraints are the domain's own (same patterns and limits),
 * checked here so that every offending field is reported at once.
 */
public record FacilityDetailsRequest(
        @Schema(example = "福島中央総合病院")
        @NotBlank @Size(max = FacilityDetails.NAME_MAX) String name,
        @Schema(example = "フクシマチュウオウソウゴウビョウイン")
        @NotBlank @Size(max = FacilityDetails.NAME_MAX)
        @Pattern(regexp = FacilityDetails.KANA_PATTERN, message = FacilityDetails.KANA_RULE) String nameKana,
        @NotNull @Valid Address address,
        @Schema(description = "secondary medical area", example = "県北")
        @NotBlank @Size(max = FacilityDetails.REGION_MAX) String region,
        @NotNull @Valid Contact contact,
        @Schema(description = "DICOM AE titles of the facility's imaging systems, unique across the hub")
        @UniqueElements
        List<@NotNull @Pattern(regexp = AeTitle.PATTERN, message = AeTitle.RULE) String> aeTitles) {

    public record Address(
            @Schema(example = "960-8611")
            @NotBlank @Pattern(regexp = PostalAddress.POSTAL_CODE_PATTERN, message = PostalAddress.POSTAL_CODE_RULE)
            String postalCode,
            @Schema(example = "福島県") @NotBlank @Size(max = PostalAddress.PREFECTURE_MAX) String prefecture,
            @Schema(example = "福島市") @NotBlank @Size(max = PostalAddress.CITY_MAX) String city,
            @Schema(example = "大町1-1") @NotBlank @Size(max = PostalAddress.LINE_MAX) String line) {
    }

    public record Contact(
            @Schema(example = "024-521-1111")
            @NotBlank @Size(max = FacilityContact.PHONE_MAX)
            @Pattern(regexp = FacilityContact.PHONE_PATTERN, message = FacilityContact.PHONE_RULE) String phone,
            @Size(max = FacilityContact.EMAIL_MAX)
            @Pattern(regexp = FacilityContact.EMAIL_PATTERN, message = FacilityContact.EMAIL_RULE) String email) {
    }

    /**
     * The details in the domain's terms. The domain checks again what the constraints above checked, and
     * a little more strictly (a full-width space is blank to it); what it refuses is reported against the
     * field as the client named it, {@code fieldPrefix} locating the details in the request body.
     */
    FacilityDetails toDetails(String fieldPrefix) {
        try {
            return new FacilityDetails(name, nameKana,
                    new PostalAddress(address.postalCode(), address.prefecture(), address.city(), address.line()),
                    region,
                    new FacilityContact(contact.phone(), contact.email()),
                    aeTitles == null ? List.of() : aeTitles.stream().map(AeTitle::new).toList());
        } catch (InvalidFacilityField e) {
            throw ApiException.invalid(fieldPrefix + e.field(), e.problem());
        }
    }
}
