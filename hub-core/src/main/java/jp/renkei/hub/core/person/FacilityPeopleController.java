package jp.renkei.hub.core.person;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jp.renkei.hub.core.security.HubPrincipal;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A facility's administrators manage the people of their own facility (rules in HubAccessRules). */
@RestController
@RequestMapping("/api/admin/facilities/{facilityId}/people")
@Tag(name = "Facility people", description = "Accounts and memberships of one facility (facility administrators)")
public class FacilityPeopleController {

    public record Invitation(String personId, String login, String activationCode, Instant activationExpiresAt) {
    }

    public record MembershipChange(boolean facilityAdmin) {
    }

    private final PersonAccounts accounts;

    public FacilityPeopleController(PersonAccounts accounts) {
        this.accounts = accounts;
    }

    @PostMapping
    @Operation(summary = "Invite a person: creates their one account and an activation code to hand over")
    public ResponseEntity<Invitation> invite(@PathVariable String facilityId, @Valid @RequestBody PersonInvitation invitation,
                                             @AuthenticationPrincipal HubPrincipal principal) {
        PersonAccounts.Invited invited = accounts.invite(facilityId, invitation, principal);
        return ResponseEntity.created(URI.create("/api/admin/facilities/" + facilityId + "/people/" + invited.person().id()))
                .body(new Invitation(invited.person().id(), invited.person().login(), invited.activationCode(),
                        invited.activationExpiresAt()));
    }

    @GetMapping
    @Operation(summary = "People of this facility")
    public List<Person> members(@PathVariable String facilityId) {
        return accounts.members(facilityId);
    }

    @PutMapping("/{personId}/membership")
    @Operation(summary = "Add an existing person to this facility, or change their administrator flag")
    public ResponseEntity<Void> membership(@PathVariable String facilityId, @PathVariable String personId,
                                           @RequestBody MembershipChange change,
                                           @AuthenticationPrincipal HubPrincipal principal) {
        accounts.addMember(facilityId, personId, change.facilityAdmin(), principal);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{personId}/unlock")
    @Operation(summary = "Unlock an account locked after repeated failed logins")
    public Person unlock(@PathVariable String facilityId, @PathVariable String personId) {
        return accounts.unlock(facilityId, personId);
    }

    @PostMapping("/{personId}/two-factor/reset")
    @Operation(summary = "Reset a member's two-factor authentication (lost device); they enrol again at next login")
    public Person resetTwoFactor(@PathVariable String facilityId, @PathVariable String personId) {
        return accounts.resetTwoFactor(facilityId, personId);
    }

    @PostMapping("/{personId}/retire")
    @Operation(summary = "End the person's membership of this facility; retires the account when it was the last")
    public Person retire(@PathVariable String facilityId, @PathVariable String personId) {
        return accounts.retire(facilityId, personId);
    }
}
