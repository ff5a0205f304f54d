package jp.renkei.hub.core.auth;

import java.time.Clock;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jp.renkei.hub.core.person.Membership;
import jp.renkei.hub.core.person.Person;
import jp.renkei.hub.core.person.PersonStore;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/me")
@Tag(name = "My account")
public class MeController {

    public record Me(Person person, String actingFacilityId, java.util.Set<HubRole> roles, List<Membership> memberships,
                     boolean passwordRotationDue) {
    }

    public record PasswordChange(@NotBlank @Size(max = 200) String currentPassword,
                                 @NotBlank @Size(max = 200) String newPassword) {
    }

    private final PersonStore people;
    private final AccountCredentials credentials;
    private final AuthProperties properties;
    private final Clock clock;

    public MeController(PersonStore people, AccountCredentials credentials, AuthProperties properties, Clock clock) {
        this.people = people;
        this.credentials = credentials;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "Who am I: account, acting facility, roles, memberships, password rotation reminder")
    public Me me(@AuthenticationPrincipal HubPrincipal principal) {
        if (principal.kind() != HubPrincipal.Kind.PERSON) {
            throw ApiException.notFound("Person " + principal.id());
        }
        Person person = people.byId(principal.id()).orElseThrow(() -> ApiException.notFound("Person " + principal.id()));
        boolean due = person.passwordChangedAt() == null
                || person.passwordChangedAt().plus(properties.passwordMaxAge()).isBefore(clock.instant());
        return new Me(person, principal.actingFacilityId(), principal.roles(), people.memberships(person.id()), due);
    }

    @PostMapping("/password")
    @Operation(summary = "Change my password; ends all my sessions")
    public ResponseEntity<Void> changePassword(@AuthenticationPrincipal HubPrincipal principal,
                                               @Valid @RequestBody PasswordChange change) {
        credentials.changePassword(principal.id(), change.currentPassword(), change.newPassword());
        return ResponseEntity.noContent().build();
    }
}
