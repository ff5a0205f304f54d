package jp.renkei.hub.core.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * @param totp         the 6-digit code from the authenticator app, when the person has enrolled
 * @param recoveryCode instead of {@code totp}, one of the person's single-use recovery codes
 * @param facilityId   the facility to act for; may be left out when the person belongs to only one
 */
public record LoginRequest(
        @NotBlank @Size(max = 100) String login,
        @NotBlank @Size(max = 200) String password,
        @Size(max = 10) String totp,
        @Size(max = 40) String recoveryCode,
        @Size(max = 64) String facilityId) {
}
