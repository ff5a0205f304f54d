package jp.renkei.hub.core.person;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A facility administrator's request to give a person an account in their facility. */
public record PersonInvitation(
        @NotBlank @Size(min = 3, max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+",
                message = "may contain only letters, digits, '.', '_' and '-'") String login,
        @NotBlank @Email @Size(max = 254) String email,
        @NotBlank @Size(max = 100) String displayName,
        @Size(max = 100) @Pattern(regexp = "[\\p{InKatakana}\\u30FC\\u3000 ]*",
                message = "must be written in katakana") String nameKana,
        @NotNull Profession profession,
        boolean facilityAdmin) {
}
