package jp.renkei.hub.core.auth;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.RequestAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/auth")
@Tag(name = "Authentication", description = "Login with password and second factor, activation, two-factor enrolment")
public class AuthController {

    public record Activation(@NotBlank @Size(max = 100) String login, @NotBlank @Size(max = 40) String activationCode,
                             @NotBlank @Size(max = 200) String password) {
    }

    public record TotpConfirmation(@NotBlank @Size(max = 10) String code) {
    }

    private final LoginService logins;
    private final AccountCredentials credentials;
    private final TwoFactorEnrolment enrolment;
    private final SessionStore sessions;

    public AuthController(LoginService logins, AccountCredentials credentials, TwoFactorEnrolment enrolment,
                          SessionStore sessions) {
        this.logins = logins;
        this.credentials = credentials;
        this.enrolment = enrolment;
        this.sessions = sessions;
    }

    @PostMapping("/login")
    @Operation(summary = "Log in",
            description = "200 with a bearer token; 401 when the credentials are wrong or the second factor is"
                    + " missing; 403 with an enrolment token when two-factor enrolment must come first")
    public ResponseEntity<?> login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        http.setAttribute(RequestAttributes.AUDITED, Boolean.TRUE); // the login service audits each attempt itself
        LoginResult result = logins.login(request, RequestAttributes.sourceIp(http));
        if (result instanceof LoginResult.Success success) {
            return ResponseEntity.ok(success);
        }
        if (result instanceof LoginResult.TotpRequired) {
            return problem(HttpStatus.UNAUTHORIZED,
                    "Two-factor code required: send 'totp' (or a 'recoveryCode')", Map.of("secondFactor", "totp"));
        }
        if (result instanceof LoginResult.TotpEnrolmentRequired enrol) {
            return problem(HttpStatus.FORBIDDEN,
                    "Two-factor authentication must be set up first: use the enrolmentToken with"
                            + " POST /api/auth/totp/enrol, then /api/auth/totp/confirm, then log in again",
                    Map.of("enrolmentToken", enrol.enrolmentToken(), "expiresAt", enrol.expiresAt().toString()));
        }
        if (result instanceof LoginResult.FacilityChoiceRequired choice) {
            return problem(HttpStatus.BAD_REQUEST,
                    "You belong to several facilities: send 'facilityId'", Map.of("facilityIds", choice.facilityIds()));
        }
        boolean locked = ((LoginResult.Failed) result).locked();
        return problem(HttpStatus.UNAUTHORIZED, locked
                ? "Account locked after repeated failures: ask your facility administrator to unlock it"
                : "Login failed: wrong login, password or code", Map.of());
    }

    @PostMapping("/activate")
    @Operation(summary = "Set the first password of an invited account with its activation code")
    public ResponseEntity<Void> activate(@Valid @RequestBody Activation activation) {
        credentials.activate(activation.login(), activation.activationCode(), activation.password());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/logout")
    @Operation(summary = "End this session")
    public ResponseEntity<Void> logout(HttpServletRequest http) {
        RequestAttributes.bearerToken(http).ifPresent(sessions::end);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/totp/enrol")
    @Operation(summary = "Start two-factor enrolment: secret, otpauth URI and QR code (PNG data URI)")
    public TwoFactorEnrolment.Started enrol(@AuthenticationPrincipal HubPrincipal principal) {
        return enrolment.start(principal.id());
    }

    @PostMapping("/totp/confirm")
    @Operation(summary = "Confirm enrolment with a first code; returns ten single-use recovery codes, shown once")
    public Map<String, List<String>> confirm(@AuthenticationPrincipal HubPrincipal principal,
                                             @Valid @RequestBody TotpConfirmation confirmation) {
        return Map.of("recoveryCodes", enrolment.confirm(principal.id(), confirmation.code().trim()));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, Map<String, ?> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        properties.forEach(problem::setProperty);
        return ResponseEntity.status(status).body(problem);
    }
}
