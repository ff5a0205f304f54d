package jp.renkei.hub.carenet.family;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

import jp.renkei.hub.carenet.CareNetAudit;
import jp.renkei.hub.carenet.room.Member;
import jp.renkei.hub.carenet.room.RoomAccess;
import jp.renkei.hub.carenet.room.RoomAccess.MemberInRoom;
import jp.renkei.hub.carenet.room.RoomApplication;
import jp.renkei.hub.carenet.room.Rooms;
import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.person.PersonAccounts;
import jp.renkei.hub.core.person.PersonInvitation;
import jp.renkei.hub.core.person.PersonStore;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A room's applicant or caretaker invites a family member by e-mail: the hub makes the family member's own
 * account (profession {@code FAMILY_MEMBER}, in the inviter's facility, status INVITED) with hub-core's
 * invitation ({@link PersonAccounts#invite}), adds them to the room as family ({@link Rooms#addMember}, logged and
 * audited) and mails them the activation link with a one-time code — nothing else. They choose their password
 * at activation and must enrol an authenticator (TOTP) at their first sign-in; then they see only what is shared
 * with family. One transaction: when the mail cannot be sent, no account and no membership are left behind.
 */
@Service
@Transactional
public class FamilyInvitations {

    /** What the mail needs and a plausibility check; the SMTP server decides the rest. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    private static final int EMAIL_MAX = 254;
    private static final int NAME_MAX = 100;
    private static final String LOGIN_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Rooms rooms;
    private final RoomAccess access;
    private final PersonAccounts accounts;
    private final PersonStore people;
    private final FamilyInvitationMail mail;
    private final CareNetAudit audit;

    public FamilyInvitations(Rooms rooms, RoomAccess access, PersonAccounts accounts, PersonStore people,
                             FamilyInvitationMail mail, CareNetAudit audit) {
        this.audit = audit;
        this.rooms = rooms;
        this.access = access;
        this.accounts = accounts;
        this.people = people;
        this.mail = mail;
    }

    /** The invited family member: their new membership, login ID and when the code expires (never the code). */
    public record Invited(Member member, String login, Instant expiresAt) {
    }

    public Invited invite(UUID roomId, String email, String displayName, Requester requester) {
        MemberInRoom inviter = access.requireWritable(roomId, requester, AuditAction.UPDATE);
        if (!requester.id().equals(inviter.room().applicantId()) && !requester.id().equals(inviter.room().caretakerId())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "ご家族の招待は部屋の申請者か世話役が行います");
        }
        String address = email == null ? "" : email.strip();
        String name = displayName == null ? "" : displayName.strip();
        if (address.length() > EMAIL_MAX || !EMAIL.matcher(address).matches()) {
            throw ApiException.invalid("email", "メールアドレスを正しく入力してください（例: hanako@example.jp）");
        }
        if (name.isEmpty() || name.length() > NAME_MAX) {
            throw ApiException.invalid("displayName", "ご家族のお名前を " + NAME_MAX + " 文字までで入力してください");
        }
        String login = newLogin();
        if (people.loginOrEmailTaken(login, address)) {
            throw ApiException.conflict("このメールアドレスはすでに連携ハブのアカウントに使われています。"
                    + "その方をメンバーとして追加してください");
        }
        PersonAccounts.Invited invited = accounts.invite(requester.facilityId(), new PersonInvitation(login, address,
                name, null, Profession.FAMILY_MEMBER, false), requester.principal());
        Member member = rooms.addMember(roomId, new RoomApplication.ProposedMember(invited.person().id(), null),
                requester);
        mail.send(address, name, login, invited.activationCode(), invited.activationExpiresAt());
        // the address is the family member's, not the patient's; the trail keeps who was invited, not where to
        audit.record(requester, AuditAction.CREATE, roomId, "family invitation", "family member " + member.personId()
                + " invited by e-mail (account " + login + ", activation link mailed)");
        return new Invited(member, login, invited.activationExpiresAt());
    }

    private static String newLogin() {
        StringBuilder login = new StringBuilder("family-");
        for (int i = 0; i < 10; i++) {
            login.append(LOGIN_ALPHABET.charAt(RANDOM.nextInt(LOGIN_ALPHABET.length())));
        }
        return login.toString();
    }
}
