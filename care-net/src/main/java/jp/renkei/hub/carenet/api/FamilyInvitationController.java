package jp.renkei.hub.carenet.api;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jp.renkei.hub.carenet.api.CareNetViews.MemberView;
import jp.renkei.hub.carenet.family.FamilyInvitations;
import jp.renkei.hub.core.security.Requesters;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Inviting a family member to a room by e-mail ({@link FamilyInvitations}). */
@RestController
@Tag(name = "Care-net")
class FamilyInvitationController {

    private final FamilyInvitations invitations;

    FamilyInvitationController(FamilyInvitations invitations) {
        this.invitations = invitations;
    }

    record InvitationRequest(String email, String displayName) {
    }

    /** The new member and their login ID; the activation code goes only to the family member's mailbox. */
    record InvitationView(MemberView member, String login, Instant activationExpiresAt) {
    }

    @PostMapping("/api/care-net/rooms/{roomId}/family-invitations")
    @Operation(summary = "Invite a family member by e-mail (applicant or caretaker): an account, the membership,"
            + " and a mail with only the activation link and one-time code")
    ResponseEntity<InvitationView> invite(@PathVariable String roomId, @RequestBody InvitationRequest body,
                                          HttpServletRequest http) {
        UUID id;
        try {
            id = UUID.fromString(roomId);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("roomId", "'" + roomId + "' is not an ID");
        }
        FamilyInvitations.Invited invited = invitations.invite(id, body.email(), body.displayName(),
                Requesters.current(http));
        return ResponseEntity.created(URI.create("/api/care-net/rooms/" + id))
                .body(new InvitationView(MemberView.of(invited.member()), invited.login(), invited.expiresAt()));
    }
}
